"""Shared fixtures: session-wide migrated databases and key ring; a fresh platform per test."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from harness import Databases, Platform, platform

from kit.auth import KeyRing


def pytest_report_header() -> str:
    url = os.environ.get("ZHIFA_TEST_DATABASE_URL")
    return f"zhifa database lane: {'postgresql ' + url if url else 'sqlite'}"


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys")
    KeyRing.rotate(path)
    return path


@pytest.fixture(scope="session")
async def databases(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("db"))
    (dbs.root / "templates").mkdir(exist_ok=True)
    await dbs.setup()
    yield dbs
    await dbs.teardown()


@pytest.fixture
async def zhifa(databases: Databases, tmp_path: Path, keys_dir: Path) -> AsyncIterator[Platform]:
    """The whole platform in one process on fresh databases."""
    async with platform(databases, tmp_path, keys_dir) as p:
        yield p
