"""The data move of cases b7d41e9c2a58 (综合查一次): an existing plan gets its year as its
period, an existing draw's drawn enterprise becomes a match row (a drawn target without a
统一社会信用代码 does not), and the downgrade takes the new tables and columns away while the
plan and draw stay — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from harness import PG_URL
from sqlalchemy.ext.asyncio import create_async_engine

import kit.db
from kit import migrate

BEFORE = "f2a8d6b4c310"
NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
AGENCY, PLAN, DRAW = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
ORG, PERSON = uuid.uuid4(), uuid.uuid4()


@pytest.fixture
async def empty_url(tmp_path: Path) -> AsyncIterator[str]:
    if not PG_URL:
        yield f"sqlite+aiosqlite:///{tmp_path}/m.db"
        return
    name = f"zt_insp_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


def _t(table: str, **cols: sa.types.TypeEngine) -> sa.TableClause:
    return sa.table(table, *(sa.column(k, v) for k, v in cols.items()))


U, S, J, N, T = sa.Uuid(), sa.String(), sa.JSON(), sa.Integer(), kit.db.UTCDateTime()
TARGETS = _t("inspection_targets", id=U, agency_id=U, region_code=S, kind=S, uscc=S, name=S,
             address=S, industry=S, grid=S, credit_risk_class=S, licences=J,
             conflict_officer_ids=J, created_at=T, updated_at=T)
PLANS = _t("spot_check_plans", id=U, agency_id=U, region_code=S, year=N, name=S, item_ids=J,
           domain=S, strata=J, inspector_ids=J, inspectors_per_target=N, joint_agency_ids=J,
           created_at=T, updated_at=T)
DRAWS = _t("spot_check_draws", id=U, plan_id=U, agency_id=U, region_code=S, algorithm=S,
           seed=S, seed_source=S, drawn_on=sa.Date(), drawn_at=T, pool=J, pool_hashes=J,
           targets=J, exclusions=J)


async def _do(url: str, *stmts: sa.Executable) -> list[list[sa.Row]]:
    engine = create_async_engine(url)
    out = []
    async with engine.begin() as conn:
        for stmt in stmts:
            result = await conn.execute(stmt)
            out.append(list(result.all()) if result.returns_rows else [])
    await engine.dispose()
    return out


async def test_plans_get_periods_and_drawn_enterprises_become_match_rows(empty_url: str
                                                                        ) -> None:
    await asyncio.to_thread(migrate.upgrade, "cases", empty_url, BEFORE)
    target = {"agency_id": AGENCY, "region_code": "500112100", "address": "", "industry": "",
              "grid": "", "credit_risk_class": "D", "licences": [], "conflict_officer_ids": [],
              "created_at": NOW, "updated_at": NOW}
    drawn = [{"target_id": str(t), "stratum": "D", "rank": n, "inspector_ids": []}
             for n, t in enumerate((ORG, PERSON), start=1)]
    await _do(empty_url, TARGETS.insert().values([
        {**target, "id": ORG, "kind": "enterprise", "uscc": "91500112MA5U1234XX",
         "name": "木耳商贸有限公司"},
        {**target, "id": PERSON, "kind": "person", "uscc": None, "name": "张三"}]),
        PLANS.insert().values(id=PLAN, agency_id=AGENCY, region_code="500112100", year=2025,
                              name="2025年度抽查", item_ids=[], domain="urban_management",
                              strata={"D": 1.0}, inspector_ids=[], inspectors_per_target=2,
                              joint_agency_ids=[], created_at=NOW, updated_at=NOW),
        DRAWS.insert().values(id=DRAW, plan_id=PLAN, agency_id=AGENCY, region_code="500112100",
                              algorithm="sha256-consistent-v1", seed="s" * 8, seed_source="",
                              drawn_on=date(2025, 3, 1), drawn_at=NOW, pool={},
                              pool_hashes={}, targets=drawn, exclusions=[]))
    await asyncio.to_thread(migrate.upgrade, "cases", empty_url)
    plans, rows = await _do(
        empty_url,
        sa.select(sa.column("period_start", sa.Date()), sa.column("period_end", sa.Date()),
                  sa.column("merge_id", U)).select_from(sa.table("spot_check_plans")),
        sa.select(*(sa.column(c, t) for c, t in (
            ("plan_id", U), ("draw_id", U), ("agency_id", U), ("year", N), ("target_id", U),
            ("target_uscc", S), ("target_name", S)))).select_from(
            sa.table("spot_check_plan_targets")))
    assert [tuple(p) for p in plans] == [(date(2025, 1, 1), date(2025, 12, 31), None)]
    assert [tuple(r) for r in rows] == [(PLAN, DRAW, AGENCY, 2025, ORG, "91500112MA5U1234XX",
                                         "木耳商贸有限公司")]
    await asyncio.to_thread(migrate.downgrade, "cases", empty_url, BEFORE)
    kept, = await _do(empty_url, sa.select(sa.column("id", U), sa.column("targets", J))
                      .select_from(sa.table("spot_check_draws")))
    assert [tuple(r) for r in kept] == [(DRAW, drawn)]
