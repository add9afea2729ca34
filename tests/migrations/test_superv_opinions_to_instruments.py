"""The data migration of 监督意见书 into 监督文书 (review 7c1e5a0b9d21): every opinion becomes an
instrument of kind `opinion` with the same id and content and its steps; the downgrade brings
the opinions back unchanged — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from harness import PG_URL
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from kit import migrate

BEFORE = "dad677f5977f"
OPINION = {"id": uuid.uuid4(), "agency_id": uuid.uuid4(), "region_code": "500112100",
           "findings": "询问笔录未签名", "legal_basis": "《行政处罚法》第五十五条",
           "required_actions": "逐卷整改", "rectify_by": date(2026, 3, 1), "status": "replied",
           "issued_by": "sup-1", "issued_at": datetime(2026, 2, 1, 17, 0, tzinfo=UTC),
           "reply": "已整改", "replied_by": "adm-1",
           "replied_at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC), "replied_late": True,
           "created_at": datetime(2026, 2, 1, 17, 0, tzinfo=UTC),
           "updated_at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC)}


@pytest.fixture
async def empty_url(tmp_path: Path) -> AsyncIterator[str]:
    if not PG_URL:
        yield f"sqlite+aiosqlite:///{tmp_path}/m.db"
        return
    name = f"zt_supv_{uuid.uuid4().hex[:10]}"
    await _run(PG_URL, f'CREATE DATABASE "{name}"', autocommit=True)
    yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    await _run(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', autocommit=True)


async def _run(url: str, sql: str, params: dict | None = None, autocommit: bool = False) -> list:
    engine = create_async_engine(url, **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}))
    async with engine.begin() as conn:
        result = await conn.execute(text(sql), params or {})
        rows = [dict(r) for r in result.mappings()] if result.returns_rows else []
    await engine.dispose()
    return rows


def _bind(url: str) -> dict:
    """Values as the dialect stores them (UTCDateTime keeps naive UTC on SQLite)."""
    out = dict(OPINION)
    for key in ("issued_at", "replied_at", "created_at", "updated_at"):
        out[key] = OPINION[key].replace(tzinfo=None) if url.startswith("sqlite") else OPINION[key]
    if url.startswith("sqlite"):
        out["id"], out["agency_id"] = OPINION["id"].hex, OPINION["agency_id"].hex
    return out


async def test_opinions_become_instruments_and_come_back(empty_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, "review", empty_url, BEFORE)
    cols = ", ".join(OPINION)
    await _run(empty_url, f"INSERT INTO supervision_opinions ({cols}) VALUES "
               f"({', '.join(':' + c for c in OPINION)})", _bind(empty_url))
    await asyncio.to_thread(migrate.upgrade, "review", empty_url)
    rows = await _run(empty_url, "SELECT kind, facts, required_action, reply_due_on, status, "
                      "reply, replied_late, issued_on FROM supervision_instruments")
    assert [tuple(r.values()) for r in rows] == [(
        "opinion", "询问笔录未签名", "逐卷整改", _date(empty_url, date(2026, 3, 1)), "replied",
        "已整改", True, _date(empty_url, date(2026, 2, 2)))]  # 17:00 UTC is 2 Feb in Shanghai
    steps = await _run(empty_url, "SELECT kind FROM supervision_instrument_steps ORDER BY at")
    assert [r["kind"] for r in steps] == ["issued", "replied"]
    await asyncio.to_thread(migrate.downgrade, "review", empty_url, BEFORE)
    back = await _run(empty_url, "SELECT findings, required_actions, status, reply, "
                      "replied_late FROM supervision_opinions")
    assert [tuple(r.values()) for r in back] == [("询问笔录未签名", "逐卷整改", "replied",
                                                  "已整改", True)]


def _date(url: str, day: date):
    return day.isoformat() if url.startswith("sqlite") else day
