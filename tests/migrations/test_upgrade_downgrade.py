"""Each chain upgrades an empty database to head, matches the models exactly (no autogenerate
diff), downgrades to base and upgrades again — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from harness import PG_URL
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from kit import migrate


@pytest.fixture
async def empty_url(tmp_path: Path) -> AsyncIterator[str]:
    if not PG_URL:
        yield f"sqlite+aiosqlite:///{tmp_path}/m.db"
        return
    name = f"zt_mig_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


@pytest.mark.parametrize("service", migrate.SERVICES)
async def test_upgrade_check_downgrade(service: str, empty_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, service, empty_url)
    assert {"outbox_events", "inbox_events", "idempotency_keys"} <= await _tables(empty_url)
    await asyncio.to_thread(migrate.check, service, empty_url)  # raises on any drift
    await asyncio.to_thread(migrate.downgrade, service, empty_url)
    assert await _tables(empty_url) == set()
    await asyncio.to_thread(migrate.upgrade, service, empty_url)
