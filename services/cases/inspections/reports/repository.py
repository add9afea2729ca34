"""Aggregate queries over inspections (GROUP BY in the database, scoped)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, and_, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.scope import scope_clause
from services.cases.inspections.models import Inspection

COMPLETE = ("finished", "closed")


def counted_rule() -> Any:
    """大同 统计年报 填报说明 [S]: a target, a complete record, not turned into a case."""
    return and_(Inspection.target_id.is_not(None), Inspection.status.in_(COMPLETE),
                Inspection.case_id.is_(None))


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _base(self, principal: Principal, year: int, agency_id: uuid.UUID | None) -> list[Any]:
        where = [scope_clause(principal, Inspection.agency_id, Inspection.region_code),
                 Inspection.year == year, Inspection.status != "cancelled"]
        if agency_id is not None:
            where.append(Inspection.agency_id == agency_id)
        return where

    async def _group(self, where: list[Any], column: Any, *extra: Any) -> dict[str, int]:
        stmt: Select[Any] = select(column, func.count()).where(*where, *extra).group_by(column)
        return {str(k): int(n) for k, n in (await self.session.execute(stmt)).all()
                if k is not None}

    async def statistics(self, principal: Principal, year: int,
                         agency_id: uuid.UUID | None) -> dict[str, Any]:
        where = self._base(principal, year, agency_id)
        rule = counted_rule()
        totals = (await self.session.execute(select(
            func.count(),
            func.count().filter(rule),
            func.count().filter(and_(rule, Inspection.is_enterprise.is_(True))),
            func.count(distinct(Inspection.joint_task_id)),
            func.count(distinct(Inspection.agency_id)).filter(
                Inspection.joint_task_id.is_not(None)),
            func.count().filter(Inspection.case_id.is_not(None)),
        ).where(*where))).one()
        return {
            "total": totals[0], "counted": totals[1], "enterprise": totals[2],
            "joint_tasks": totals[3], "joint_departments": totals[4], "led_to_case": totals[5],
            "by_type": await self._group(where, Inspection.type, rule),
            "by_domain": await self._group(where, Inspection.domain, rule),
            "by_method": await self._group(where, Inspection.method, rule),
            "by_result": await self._group(where, Inspection.result,
                                           Inspection.status.in_(COMPLETE)),
            "cap_exemptions": await self._group(where, Inspection.cap_exempt_reason)}

    async def of_target(self, principal: Principal, target_id: uuid.UUID,
                        year: int | None) -> tuple[list[Inspection], list[Any]]:
        where = [Inspection.target_id == target_id, scope_clause(
            principal, Inspection.agency_id, Inspection.region_code)]
        if year is not None:
            where.append(Inspection.year == year)
        rows = list((await self.session.scalars(select(Inspection).where(*where).order_by(
            Inspection.planned_on, Inspection.created_at, Inspection.id))).all())
        used = and_(Inspection.counts_toward_cap.is_(True), or_(
            Inspection.approved_at.is_not(None), Inspection.started_at.is_not(None)))
        per = (await self.session.execute(select(
            Inspection.agency_id, func.count().filter(used), func.count()).where(
            *where).group_by(Inspection.agency_id).order_by(Inspection.agency_id))).all()
        return rows, list(per)
