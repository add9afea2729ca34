"""Inspection statistics (统计年报口径) and an enterprise's inspection record."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from services.cases.inspections import errors as ie
from services.cases.inspections.catalogue.repository import TargetRepository
from services.cases.inspections.merges.repository import MergeRepository
from services.cases.inspections.reports.repository import ReportRepository


async def statistics(session: AsyncSession, principal: Principal,
                     period: Any) -> tuple[dict[str, Any], Any]:
    """(the year's figures, the traceable figure list) for `period`."""
    repo = ReportRepository(session)
    figures = await repo.statistics(principal, period.year, period.agency_id)
    merged = await MergeRepository(session).figures(principal, period.year, period.agency_id)
    figures |= dict(zip(("merged_plans", "merged_joint_tasks", "merged_departments"), merged,
                        strict=True))
    return figures, await repo.figures(principal, period)


async def records(session: AsyncSession, principal: Principal, period: Any, key: Any,
                  cursor: str | None, limit: int) -> Any:
    """The records one figure counts (data lineage), one keyset page."""
    return await ReportRepository(session).records(principal, period, key, cursor, limit)


async def of_target(session: AsyncSession, principal: Principal, target_id: uuid.UUID,
                    year: int | None) -> tuple[list[Any], list[Any], Any]:
    """A target's inspections, per-agency counts and visits (a joint task counted once);
    `InspectionTargetNotFound` if out of scope."""
    target = await TargetRepository(session).get(target_id, principal)
    if target is None:
        raise ie.InspectionTargetNotFound(f"检查对象 {target_id} 不存在")
    repo = ReportRepository(session)
    rows, per = await repo.of_target(principal, target_id, year)
    return list(rows), list(per), await repo.visits(principal, target.uscc, year)
