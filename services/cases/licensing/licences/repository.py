"""Queries of licences, their events and the licensing statistics (统计年报)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from common.principal import Principal
from common.scope import scope_clause
from common.statistics import Derived, GroupMeasure, Measure, Registry, Source
from kit.pagination import keyset_page
from services.cases.licensing import states as st
from services.cases.licensing.models import (
    Licence,
    LicenceApplication,
    LicenceEvent,
    LicenceMatter,
)

ENDED = ("withdrawn", "revoked", "cancelled", "expired")


class LicenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, licence_id: uuid.UUID, principal: Principal,
                  for_update: bool = False) -> Licence | None:
        stmt = select(Licence).where(Licence.id == licence_id, scope_clause(
            principal, Licence.agency_id, Licence.region_code))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def list(self, principal: Principal, *, status: str | None,
                   matter_id: uuid.UUID | None, agency_id: uuid.UUID | None,
                   holder: str | None, valid_to_before: date | None, cursor: str | None,
                   limit: int) -> tuple[list[Licence], str | None]:
        """Scoped, newest first; `matter_id` matches the version or its series; `holder` is
        an exact 统一社会信用代码 / 身份证号 or a part of the holder's name."""
        stmt = select(Licence).where(scope_clause(principal, Licence.agency_id,
                                                  Licence.region_code))
        if status:
            stmt = stmt.where(Licence.status == status)
        if matter_id:
            stmt = stmt.where(or_(Licence.matter_id == matter_id,
                                  Licence.matter_series_id == matter_id))
        if agency_id:
            stmt = stmt.where(Licence.agency_id == agency_id)
        if holder:
            stmt = stmt.where(or_(Licence.holder_uscc == holder.upper(),
                                  Licence.holder_id_number == holder.upper(),
                                  Licence.holder_name.contains(holder, autoescape=True)))
        if valid_to_before:
            stmt = stmt.where(Licence.valid_to < valid_to_before)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (Licence.created_at, Licence.id), descending=True)

    async def scope_of(self, licence_id: uuid.UUID) -> tuple[uuid.UUID, str] | None:
        """(agency, region) of a licence, unscoped: the caller's rule is applied on these."""
        row = (await self.session.execute(select(Licence.agency_id, Licence.region_code).where(
            Licence.id == licence_id))).first()
        return (row[0], row[1]) if row else None

    async def events(self, licence_id: uuid.UUID) -> list[LicenceEvent]:
        return list(await self.session.scalars(
            select(LicenceEvent).where(LicenceEvent.licence_id == licence_id)
            .order_by(LicenceEvent.on_date, LicenceEvent.id)))

    async def lapsing(self, on: date) -> list[Licence]:
        """Licences whose validity ended before `on` and that are not yet settled: pending
        renewals (deemed renewed) and plain active ones (expired). Row-locked on PostgreSQL,
        skipping rows another replica is settling."""
        return list(await self.session.scalars(
            select(Licence).where(Licence.valid_to < on,
                                  Licence.status.in_(("active", "changed", "renewal_pending")))
            .order_by(Licence.valid_to, Licence.id).limit(500)
            .with_for_update(skip_locked=True)))

    def add(self, row: Any) -> None:
        self.session.add(row)


def _year(col: Any, year: int) -> Any:
    return and_(col >= date(year, 1, 1), col <= date(year, 12, 31))


class StatisticsRepository:
    """统计年报 counts (表二 行政许可实施情况统计表 [S]): applications by receipt date,
    acceptances by acceptance date, decisions by decision date; granted/refused changes and
    renewals count as granted/refused (准予变更、延续 in 许可数量)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def counts(self, principal: Principal, year: int,
                     agency_id: uuid.UUID | None) -> dict[uuid.UUID, dict[str, int]]:
        a, e = LicenceApplication, LicenceEvent
        out: dict[uuid.UUID, dict[str, int]] = {}

        def bump(series: uuid.UUID, key: str, n: int) -> None:
            row = out.setdefault(series, {k: 0 for k in
                                          ("applications", "accepted", "granted", "refused",
                                           "revoked")})
            row[key] += int(n or 0)

        where_a = [scope_clause(principal, a.agency_id, a.region_code)]
        where_e = [scope_clause(principal, e.agency_id, e.region_code)]
        if agency_id is not None:
            where_a.append(a.agency_id == agency_id)
            where_e.append(e.agency_id == agency_id)
        for key, col, extra in (("applications", a.received_on, None),
                                ("accepted", a.accepted_on, None),
                                ("granted", a.decided_on, a.granted.is_(True)),
                                ("refused", a.decided_on, a.granted.is_(False))):
            stmt = select(a.matter_series_id, func.count()).where(*where_a, _year(col, year))
            if extra is not None:
                stmt = stmt.where(extra)
            for series, n in await self.session.execute(stmt.group_by(a.matter_series_id)):
                bump(series, key, n)
        decided = e.kind.in_(("change", "renewal"))
        stmt = (select(e.matter_series_id,
                       func.sum(case((and_(decided, e.granted.is_(True)), 1), else_=0)),
                       func.sum(case((and_(decided, e.granted.is_(False)), 1), else_=0)),
                       func.sum(case((e.kind == "revoke", 1), else_=0)))
                .where(*where_e, _year(e.on_date, year)).group_by(e.matter_series_id))
        for series, granted, refused, revoked in await self.session.execute(stmt):
            bump(series, "granted", granted)
            bump(series, "refused", refused)
            bump(series, "revoked", revoked)
        return out

    async def matter_names(self, series: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
        if not series:
            return {}
        rows = await self.session.execute(
            select(LicenceMatter.series_id, LicenceMatter.code, LicenceMatter.name)
            .where(LicenceMatter.series_id.in_(series)).order_by(LicenceMatter.version))
        return {s: (c, n) for s, c, n in rows}  # the newest version wins


# 表二 行政许可实施情况统计表 [S]: applications by receipt date, acceptances
# by acceptance date, decisions by decision date; 准予变更、延续 in 许可数量, 不予 in 不予许可数量
A, E = LicenceApplication, LicenceEvent


def _apps(col: Any) -> Source:
    return Source(A, "licence_application", A.applicant_name, lambda p, per: [
        *per.within(p, A.agency_id, A.region_code), col.is_not(None), per.on_dates(col)])


RECEIVED, ACCEPTED, DECIDED = _apps(A.received_on), _apps(A.accepted_on), _apps(A.decided_on)
EVENTS = Source(E, "licence_event", E.kind, lambda p, per: [
    *per.within(p, E.agency_id, E.region_code), per.on_dates(E.on_date)])
CHANGED = E.kind.in_(("change", "renewal"))
PENDING = Source(A, "licence_application", A.applicant_name, lambda p, per: [
    *per.within(p, A.agency_id, A.region_code), A.status.in_(st.CLOCK),
    A.next_due_on.is_not(None)])


def _sum(*keys: str) -> Any:
    return lambda v: sum(v[k] for k in keys)


REGISTRY = Registry().add(
    Measure("licensing.applications", "申请数量", "件",
            "收到申请日期在统计期间内的许可申请（咨询不计）",
            RECEIVED),
    Measure("licensing.accepted", "受理数量", "件", "受理日期（含视为受理）在统计期间内的许可申请",
            ACCEPTED),
    Measure("licensing.granted.applications", "准予许可（申请）", "件",
            "决定日期在统计期间内的准予许可决定", DECIDED, lambda per: A.granted.is_(True)),
    Measure("licensing.granted.changes", "准予变更、延续", "件",
            "统计期间内准予变更、延续的决定（计入许可数量）", EVENTS,
            lambda per: and_(CHANGED, E.granted.is_(True))),
    Derived("licensing.granted", "许可数量", "件", "准予许可决定，含准予变更、延续",
            _sum("licensing.granted.applications", "licensing.granted.changes"),
            "licensing.granted.applications"),
    Measure("licensing.refused.applications", "不予许可（申请）", "件",
            "决定日期在统计期间内的不予许可决定", DECIDED, lambda per: A.granted.is_(False)),
    Measure("licensing.refused.changes", "不予变更、延续", "件",
            "统计期间内不予变更、延续的决定（计入不予许可数量）", EVENTS,
            lambda per: and_(CHANGED, E.granted.is_(False))),
    Derived("licensing.refused", "不予许可数量", "件", "不予许可决定，含不予变更、延续",
            _sum("licensing.refused.applications", "licensing.refused.changes"),
            "licensing.refused.applications"),
    Measure("licensing.revoked", "撤销许可数量", "件",
            "统计期间内撤销的行政许可（行政许可法第六十九条）",
            EVENTS, lambda per: E.kind == "revoke"),
    Measure("licensing.decided", "许可决定", "件",
            "决定日期在统计期间内的许可申请决定（准予与不予）",
            DECIDED, lambda per: A.granted.is_not(None)),
    GroupMeasure("licensing.decided", "许可决定（按事项编码）", "件",
                 "决定日期在统计期间内的许可申请决定，按许可事项编码", DECIDED, LicenceMatter.code,
                 lambda per: and_(A.granted.is_not(None), A.matter_id == LicenceMatter.id)),
    Measure("overdue.licensing", "超期未决许可申请", "件",
            "未作决定、办理期限早于判断日（统计期末，或今日若更早）的许可申请（行政许可法第四十二条）",
            PENDING, lambda per: A.next_due_on < min(per.date_to, today_legal())),
)
