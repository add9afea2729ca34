"""Inspection statistics (统计年报口径) and an enterprise's inspection record."""

from __future__ import annotations

import uuid
from typing import Any

from services.cases.context import Ctx
from services.cases.inspections import errors as ie
from services.cases.inspections.catalogue.repository import TargetRepository
from services.cases.inspections.merges.repository import MergeRepository
from services.cases.inspections.reports.repository import REGISTRY, ReportRepository

__all__ = ["REGISTRY", "legacy_figures", "of_target"]


async def legacy_figures(ctx: Ctx, year: int, agency_id: Any) -> dict[str, Any]:
    """The year's named figures, the 综合查一次 merges included (merged_plans,
    merged_joint_tasks, merged_departments)."""
    session, principal = ctx.session, ctx.principal
    figures = await ReportRepository(session).statistics(principal, year, agency_id)
    merged = await MergeRepository(session).figures(principal, year, agency_id)
    return figures | dict(zip(("merged_plans", "merged_joint_tasks", "merged_departments"),
                              merged, strict=True))


async def of_target(ctx: Ctx, target_id: uuid.UUID,
                    year: int | None) -> tuple[list[Any], list[Any], Any]:
    """A target's inspections, per-agency counts and visits (a joint task counted once);
    `InspectionTargetNotFound` if out of scope."""
    session, principal = ctx.session, ctx.principal
    target = await TargetRepository(session).get(target_id, principal)
    if target is None:
        raise ie.InspectionTargetNotFound(f"检查对象 {target_id} 不存在")
    repo = ReportRepository(session)
    rows, per = await repo.of_target(principal, target_id, year)
    return list(rows), list(per), await repo.visits(principal, target.uscc, year)
