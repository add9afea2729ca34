"""Aggregate queries over inspections (GROUP BY in the database, scoped)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, distinct, extract, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from common.statistics import GroupMeasure, Measure, Period, Registry, Source
from services.cases.inspections.models import Inspection

COMPLETE = ("finished", "closed")


def counted_rule() -> Any:
    """大同 统计年报 填报说明 [S]: a target, a complete record, not turned into a case."""
    return and_(Inspection.target_id.is_not(None), Inspection.status.in_(COMPLETE),
                Inspection.case_id.is_(None))


COUNTED_RULE = ("大同 统计年报 填报说明 [S]：有具体检查对象、检查记录完整（已完成或已结束）"
                "的检查计 1 次；无具体对象的巡查、记录不完整的检查、检查后立案作出处罚等的"
                "不计")
# merges/service.py MEMBER_EXEMPTION: the "lead" counting convention of a joint task, not an
# exemption from the cap (not imported: merges imports the inspections service)
JOINT_MEMBER = "joint_inspection_member"
CAP_EXEMPTED_RULE = ("涉企检查中经审批或已实施、且注明已配置的频次豁免理由（不计入同一机关对同一"
                     "企业的年度频次上限，国办发〔2024〕54号）的检查次数；联合检查成员机关按"
                     "“牵头计”口径记录的不计；超过上限未注明豁免理由的审批、实施被拒绝，不形成"
                     "记录，故不计")


def cap_exempted() -> Any:
    """An enterprise inspection approved or carried out under a cap exemption."""
    return and_(Inspection.is_enterprise.is_(True), Inspection.cap_exempt_reason.is_not(None),
                Inspection.cap_exempt_reason != JOINT_MEMBER,
                or_(Inspection.approved_at.is_not(None), Inspection.started_at.is_not(None)))


INSPECTIONS = Source(Inspection, "inspection", Inspection.public_code, lambda p, per: [
    *per.within(p, Inspection.agency_id, Inspection.region_code),
    per.on_dates(Inspection.planned_on), Inspection.status != "cancelled"])
MONTH = extract("month", Inspection.planned_on)


def _month(suffix: str) -> Any:
    return MONTH == int(suffix) if suffix.isdigit() else false()


def _counted(per: Period) -> Any:
    return counted_rule()


REGISTRY = Registry().add(
    Measure("inspections.counted", "行政检查次数", "次", COUNTED_RULE, INSPECTIONS, _counted),
    Measure("inspections.enterprise", "涉企行政检查次数", "次",
            "计入行政检查次数、检查对象为企业（含个体工商户）的检查（国办发〔2024〕54号）",
            INSPECTIONS, lambda per: and_(counted_rule(), Inspection.is_enterprise.is_(True))),
    Measure("inspections.total", "检查登记总数", "次", "统计期间内计划实施、未取消的全部检查登记",
            INSPECTIONS),
    Measure("inspections.led_to_case", "检查后立案", "次",
            "检查后转为案件线索的检查（不计入检查次数）",
            INSPECTIONS, lambda per: Inspection.case_id.is_not(None)),
    Measure("inspections.cap_exempted", "频次上限豁免检查", "次", CAP_EXEMPTED_RULE,
            INSPECTIONS, lambda per: cap_exempted()),
    GroupMeasure("inspections.type", "按检查类型", "次", "计入行政检查次数的检查，按类型",
                 INSPECTIONS, Inspection.type, _counted),
    GroupMeasure("inspections.domain", "按执法领域", "次", "计入行政检查次数的检查，按领域",
                 INSPECTIONS, Inspection.domain, _counted),
    GroupMeasure("inspections.month", "按月份", "次",
                 "计入行政检查次数的检查，按计划实施日期的月份",
                 INSPECTIONS, MONTH, _counted, fmt=lambda k: f"{int(k):02d}", match=_month),
)


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _base(self, principal: Principal, year: int, agency_id: uuid.UUID | None) -> list[Any]:
        where = [scope_clause(principal, Inspection.agency_id, Inspection.region_code),
                 Inspection.year == year, Inspection.status != "cancelled"]
        if agency_id is not None:
            where.append(Inspection.agency_id == agency_id)
        return where

    async def statistics(self, principal: Principal, year: int,
                         agency_id: uuid.UUID | None) -> dict[str, Any]:
        """Two statements: the counts grouped by every reported column at once (summed here
        over the groups, never over rows) and the distinct joint-task counts."""
        where = self._base(principal, year, agency_id)
        rule, complete = counted_rule(), Inspection.status.in_(COMPLETE)
        columns = (Inspection.type, Inspection.domain, Inspection.method, Inspection.result,
                   Inspection.cap_exempt_reason)
        rows = (await self.session.execute(select(
            *columns, func.count(), func.count().filter(rule),
            func.count().filter(and_(rule, Inspection.is_enterprise.is_(True))),
            func.count().filter(Inspection.case_id.is_not(None)), func.count().filter(complete),
        ).where(*where).group_by(*columns))).all()
        out: dict[str, Any] = dict.fromkeys(("total", "counted", "enterprise", "led_to_case"), 0)
        groups: dict[str, dict[str, int]] = {k: {} for k in (
            "by_type", "by_domain", "by_method", "by_result", "cap_exemptions")}
        for kind, domain, method, result, reason, n, counted, ent, led, done in rows:
            for key, n_of in (("total", n), ("counted", counted), ("enterprise", ent),
                              ("led_to_case", led)):
                out[key] += n_of
            for name, value, n_of in (("by_type", kind, counted), ("by_domain", domain, counted),
                                      ("by_method", method, counted),
                                      ("by_result", result, done), ("cap_exemptions", reason, n)):
                if value is not None and n_of:
                    groups[name][str(value)] = groups[name].get(str(value), 0) + n_of
        joint = (await self.session.execute(select(
            func.count(distinct(Inspection.joint_task_id)),
            func.count(distinct(Inspection.agency_id)).filter(
                Inspection.joint_task_id.is_not(None))).where(*where))).one()
        return out | {"joint_tasks": joint[0], "joint_departments": joint[1]} | groups

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

    async def visits(self, principal: Principal, uscc: str | None, year: int | None) -> int:
        """Distinct visits to the enterprise: a joint task's inspections count once."""
        if not uscc:
            return 0
        where = [Inspection.target_uscc == uscc, Inspection.status != "cancelled",
                 scope_clause(principal, Inspection.agency_id, Inspection.region_code)]
        if year is not None:
            where.append(Inspection.year == year)
        return int(await self.session.scalar(select(func.count(distinct(func.coalesce(
            Inspection.joint_task_id, Inspection.id)))).where(*where)) or 0)
