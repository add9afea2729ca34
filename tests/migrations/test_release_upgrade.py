"""Upgrades lose nothing: databases at the v0.1.0 migration heads, filled with that release's
representative data set (fixtures/v0.1.0.json, made by make_release_fixture.py: a case at every
stage with evidence and timeline, a seizure, a transfer, a summary decision, a legal review, a
complaint, published decisions, user accounts), are upgraded to today's head on this lane's
dialect; every row must survive with its values, and every case timeline must still verify."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import importlib
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from harness import PG_URL, Databases, platform
from sqlalchemy import MetaData, Table, and_, inspect, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from gateway.config import SERVICES
from kit import migrate

FIXTURE = Path(__file__).parent / "fixtures" / "v0.1.0.json"


def decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        if tag == "$dt":
            return dt.datetime.fromisoformat(raw)
        if tag == "$date":
            return dt.date.fromisoformat(raw)
        if tag == "$uuid":
            return uuid.UUID(raw)
        if tag == "$bytes":
            return base64.b64decode(raw)
        if tag == "$json":
            return raw
    return value


@pytest.fixture
async def urls(tmp_path: Path) -> AsyncIterator[dict[str, str]]:
    if not PG_URL:
        (tmp_path / "release").mkdir()
        yield {s: f"sqlite+aiosqlite:///{tmp_path}/release/{s}.db" for s in SERVICES}
        return
    prefix = f"zt_rel_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for s in SERVICES:
            await conn.execute(text(f'CREATE DATABASE "{prefix}_{s}"'))
    yield {s: f"{PG_URL.rsplit('/', 1)[0]}/{prefix}_{s}" for s in SERVICES}
    async with admin.connect() as conn:
        for s in SERVICES:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{prefix}_{s}" WITH (FORCE)'))
    await admin.dispose()


def _tables(service: str) -> list[Table]:
    return importlib.import_module(f"services.{service}.models").Base.metadata.sorted_tables


async def _fill(service: str, url: str, data: dict[str, list[dict[str, Any]]]) -> None:
    """Insert the release's rows into the release's schema, in foreign-key order."""
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        existing = await conn.run_sync(lambda c: {
            t: {col["name"] for col in inspect(c).get_columns(t)}
            for t in inspect(c).get_table_names()})
        order = [t.name for t in _tables(service)] + sorted(data)
        done: set[str] = set()
        for name in order:
            if name not in data or name in done:
                continue
            done.add(name)
            assert name in existing, f"{service}.{name} is not in the release schema"
            table = await conn.run_sync(lambda c, n=name: Table(n, MetaData(), autoload_with=c))
            model = next((t for t in _tables(service) if t.name == name), None)
            target = model if model is not None and set(data[name][0]) <= set(model.c.keys()) \
                else table
            rows = [{k: decode(v) for k, v in r.items() if k in existing[name]}
                    for r in data[name]]
            await conn.execute(target.insert(), rows)
    await engine.dispose()


async def _check(service: str, url: str, data: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every release row is still there (by primary key) with the same values."""
    problems: list[str] = []
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        for table in _tables(service):
            for row in data.get(table.name, []):
                pk = [c for c in table.primary_key.columns]
                where = and_(*[c == decode(row[c.name]) for c in pk])
                found = (await conn.execute(select(table).where(where))).mappings().first()
                if found is None:
                    problems.append(f"{service}.{table.name} {[row[c.name] for c in pk]} lost")
                    continue
                for key, raw in row.items():
                    if key in found and found[key] != decode(raw):
                        problems.append(f"{service}.{table.name}.{key}: {found[key]!r} != "
                                        f"{decode(raw)!r}")
        missing = sorted(set(data) - {t.name for t in _tables(service)})
        problems += [f"{service}.{name}: table gone" for name in missing]
    await engine.dispose()
    return problems


async def test_release_data_survives_the_upgrade(urls: dict[str, str], databases: Databases,
                                                 tmp_path: Path, keys_dir: Path) -> None:
    release = json.loads(FIXTURE.read_text())
    for service in SERVICES:
        await asyncio.to_thread(migrate.upgrade, service, urls[service],
                                release[service]["head"])
        await _fill(service, urls[service], release[service]["tables"])
        await asyncio.to_thread(migrate.upgrade, service, urls[service])
    problems = [p for s in SERVICES for p in await _check(s, urls[s], release[s]["tables"])]
    assert not problems, "\n".join(problems[:40])
    cases = [decode(r["id"]) for r in release["cases"]["tables"]["cases"]]
    assert len(cases) == 9  # the cases of the fixture
    overrides = {s: {"database_url": urls[s]} for s in SERVICES}
    async with platform(databases, tmp_path, keys_dir, overrides) as zhifa:
        sys = zhifa.headers("sysadmin")
        for case_id in cases:
            resp = await zhifa.client.get(f"/api/v1/cases/cases/{case_id}/timeline/verify",
                                          headers=sys)
            assert resp.status_code == 200, resp.text
            assert resp.json()["valid"] is True, (case_id, resp.json())
            resp = await zhifa.client.get(f"/api/v1/cases/cases/{case_id}", headers=sys)
            assert resp.status_code == 200, resp.text
        resp = await zhifa.client.get("/api/v1/personnel/officers", headers=sys)
        assert len(resp.json()["items"]) == len(release["personnel"]["tables"]["officers"])
        resp = await zhifa.client.get("/api/v1/review/complaints", headers=sys)
        assert len(resp.json()["items"]) == len(release["review"]["tables"]["complaints"])
