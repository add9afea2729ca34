"""Queries of licences, their events and the licensing statistics (统计年报)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.pagination import keyset_page
from kit.scope import scope_clause
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
    """统计年报 counts (DOMAIN-WAVE2 §2.5): applications by receipt date, acceptances by
    acceptance date, decisions by decision date; granted/refused changes and renewals count as
    granted/refused (准予变更、延续 in 许可数量)."""

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
