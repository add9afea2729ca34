"""Queries on 查封/扣押, scoped in the WHERE clause; batch loads for lists."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import case as sa_case
from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from common.principal import Principal
from common.statistics import Measure, Period, Source
from kit.pagination import keyset_page
from services.cases.coercion.models import AppraisalPeriod, CoercedItem, CoerciveMeasure
from services.cases.dependencies import scope_clause


def _scoped(stmt: Any, principal: Principal, model: Any) -> Any:
    clause = scope_clause(principal, model.agency_id, model.region_code)
    return stmt if clause is None else stmt.where(clause)


class MeasureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, measure: CoerciveMeasure, items: list[CoercedItem]) -> None:
        self.session.add(measure)
        await self.session.flush()
        for item in items:
            item.measure_id = measure.id
        self.session.add_all(items)
        await self.session.flush()

    async def get_for_case(self, case_id: uuid.UUID, measure_id: uuid.UUID,
                           for_update: bool = False) -> CoerciveMeasure | None:
        stmt = select(CoerciveMeasure).where(CoerciveMeasure.id == measure_id,
                                             CoerciveMeasure.case_id == case_id)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def get(self, measure_id: uuid.UUID, principal: Principal) -> CoerciveMeasure | None:
        stmt = _scoped(select(CoerciveMeasure).where(CoerciveMeasure.id == measure_id),
                       principal, CoerciveMeasure)
        return (await self.session.scalars(stmt)).one_or_none()

    async def for_case(self, case_id: uuid.UUID) -> list[CoerciveMeasure]:
        stmt = select(CoerciveMeasure).where(CoerciveMeasure.case_id == case_id).order_by(
            CoerciveMeasure.started_on, CoerciveMeasure.id)
        return list((await self.session.scalars(stmt)).all())

    async def active_for_case(self, case_id: uuid.UUID) -> list[CoerciveMeasure]:
        stmt = select(CoerciveMeasure).where(CoerciveMeasure.case_id == case_id,
                                             CoerciveMeasure.status == "active")
        return list((await self.session.scalars(stmt)).all())

    async def list(self, principal: Principal, *, limit: int, cursor: str | None,
                   status: str | None,
                   overdue_on: date | None) -> tuple[list[CoerciveMeasure], str | None]:
        m = CoerciveMeasure
        stmt = _scoped(select(m), principal, m)
        if overdue_on is not None:
            stmt = stmt.where(m.status == "active", m.ends_on < overdue_on)
        elif status is not None:
            stmt = stmt.where(m.status == status)
        return await keyset_page(self.session, stmt, cursor, limit, (m.created_at, m.id),
                                 descending=True)

    async def expired(self, on: date) -> list[CoerciveMeasure]:
        """Active measures past their end, locked (replicas skip each other's rows)."""
        m = CoerciveMeasure
        stmt = select(m).where(m.status == "active", m.ends_on < on).order_by(
            m.ends_on, m.id).limit(500).with_for_update(skip_locked=True)
        return list((await self.session.scalars(stmt)).all())

    async def items(self, measure_ids: list[uuid.UUID],
                    for_update: bool = False) -> dict[uuid.UUID, list[CoercedItem]]:
        out: dict[uuid.UUID, list[CoercedItem]] = defaultdict(list)
        if measure_ids:
            stmt = select(CoercedItem).where(CoercedItem.measure_id.in_(measure_ids)).order_by(
                CoercedItem.name, CoercedItem.id)
            if for_update:
                stmt = stmt.with_for_update()
            for item in await self.session.scalars(stmt):
                out[item.measure_id].append(item)
        return out

    async def appraisals(self, measure_ids: list[uuid.UUID]
                         ) -> dict[uuid.UUID, list[AppraisalPeriod]]:
        out: dict[uuid.UUID, list[AppraisalPeriod]] = defaultdict(list)
        if measure_ids:
            stmt = select(AppraisalPeriod).where(
                AppraisalPeriod.measure_id.in_(measure_ids)).order_by(AppraisalPeriod.started_on)
            for row in await self.session.scalars(stmt):
                out[row.measure_id].append(row)
        return out

    async def statistics(self, principal: Principal, year: int | None,
                         agency_id: uuid.UUID | None) -> list[tuple[Any, ...]]:
        """(agency_id, year, measures, items, seized_items, sealed_items) per agency-year."""
        i = CoercedItem
        stmt = _scoped(select(
            i.agency_id, i.year, func.count(distinct(i.measure_id)), func.count(i.id),
            func.sum(sa_case((i.kind == "seize", 1), else_=0)),
            func.sum(sa_case((i.kind == "seal", 1), else_=0))), principal, i)
        if year is not None:
            stmt = stmt.where(i.year == year)
        if agency_id is not None:
            stmt = stmt.where(i.agency_id == agency_id)
        stmt = stmt.group_by(i.agency_id, i.year).order_by(i.year, i.agency_id)
        return [tuple(r) for r in (await self.session.execute(stmt)).all()]


# 表三 (统计年报, docs/statistics.md "Cases"): 查封/扣押 by decisions, and the 清单 items (seed
# 002 counts 185 扣押 items); served by GET /cases/statistics (services/cases/statistics)
def day_of(period: Period) -> date:
    """The day overdue items are judged on: the period's end, or today if that is earlier."""
    return min(period.date_to, today_legal())


MEASURES = Source(
    CoerciveMeasure,
    "coercive_measure",
    CoerciveMeasure.place,
    lambda p, per: [
        *per.within(p, CoerciveMeasure.agency_id, CoerciveMeasure.region_code),
        per.on_dates(CoerciveMeasure.started_on),
    ],
)
ACTIVE_MEASURES = Source(
    CoerciveMeasure,
    "coercive_measure",
    CoerciveMeasure.place,
    lambda p, per: [
        *per.within(p, CoerciveMeasure.agency_id, CoerciveMeasure.region_code),
        CoerciveMeasure.status == "active",
    ],
)
ITEMS = Source(
    CoercedItem,
    "coerced_item",
    CoercedItem.name,
    lambda p, per: [
        *per.within(p, CoercedItem.agency_id, CoercedItem.region_code),
        CoercedItem.measure_id.in_(
            select(CoerciveMeasure.id).where(per.on_dates(CoerciveMeasure.started_on))
        ),
    ],
)

COERCION_FIGURES = [
    Measure(
        "coercion.measures.total",
        "行政强制措施",
        "件",
        "统计期间内开始实施的查封、扣押决定数（表三，按决定计）",
        MEASURES,
    ),
    Measure(
        "coercion.measures.seal",
        "查封场所设施财物",
        "件",
        "其中查封",
        MEASURES,
        lambda per: CoerciveMeasure.kind == "seal",
    ),
    Measure(
        "coercion.measures.seize",
        "扣押财物",
        "件",
        "其中扣押",
        MEASURES,
        lambda per: CoerciveMeasure.kind == "seize",
    ),
    Measure(
        "coercion.items.total",
        "查封扣押财物",
        "件",
        "统计期间内开始实施的查封、扣押清单所列财物件数（按清单行计）",
        ITEMS,
    ),
    Measure(
        "coercion.items.seize",
        "扣押涉案财物",
        "件",
        "其中扣押清单所列财物件数",
        ITEMS,
        lambda per: CoercedItem.kind == "seize",
    ),
]
OVERDUE_SEIZURES = Measure(
    "overdue.seizures",
    "超期查封扣押",
    "件",
    "仍在实施、期限届满日早于判断日的查封扣押措施数（行政强制法第二十五条）",
    ACTIVE_MEASURES,
    lambda per: CoerciveMeasure.ends_on < day_of(per),
)
