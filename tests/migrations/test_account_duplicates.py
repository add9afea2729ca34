"""Issue 10, point 6 on existing data: a v0.1.0 database may hold accounts whose names differ
only in case, and two accounts on one officer. The upgrade to case-insensitive unique names and a
unique officer link keeps every row: the oldest of each group unchanged, later ones disabled and
renamed `<name>~<n>` or unlinked (never deleted, never a failed upgrade)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from harness import PG_URL
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from kit import migrate
from services.personnel.accounts.models import User

RELEASE = json.loads((Path(__file__).parent / "fixtures" / "v0.1.0.json").read_text())


@pytest.fixture
async def url(tmp_path: Path) -> AsyncIterator[str]:
    if not PG_URL:
        yield f"sqlite+aiosqlite:///{tmp_path}/personnel.db"
        return
    name = f"zt_dup_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def test_duplicates_from_the_release_survive_the_upgrade(url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, "personnel", url, RELEASE["personnel"]["head"])
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    officer = uuid.uuid4()
    accounts = [("Wang", None), ("wang", None), ("WANG", None), ("wang~2", None),
                ("li", officer), ("li2", officer)]
    ids = [uuid.uuid4() for _ in accounts]
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(User.__table__.insert(), [
            {"id": i, "username": name, "password_hash": "x", "roles": ["officer"],
             "officer_id": off, "is_active": True, "failed_logins": 0,
             "created_at": t0 + timedelta(minutes=n), "updated_at": t0}
            for n, (i, (name, off)) in enumerate(zip(ids, accounts, strict=True))])
    await engine.dispose()
    await asyncio.to_thread(migrate.upgrade, "personnel", url)
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        rows = {r.id: r for r in (await conn.execute(select(User.__table__))).all()}
    await engine.dispose()
    got = [(rows[i].username, rows[i].officer_id is not None, bool(rows[i].is_active))
           for i in ids]
    assert got == [("Wang", False, True), ("wang~3", False, False), ("WANG~4", False, False),
                   ("wang~2", False, True), ("li", True, True), ("li2", False, False)]
    assert len({r.username.lower() for r in rows.values()}) == len(accounts)
