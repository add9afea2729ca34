"""Queries on the matter catalogue (执法事项) and the 较大数额 hearing thresholds."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.cases.dependencies import scope_clause
from services.cases.matters.models import HearingThreshold, Matter


def _in_force(on_date: date) -> Any:
    return and_(Matter.effective_from <= on_date,
                or_(Matter.effective_to.is_(None), Matter.effective_to >= on_date))


class MatterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, m: Matter) -> Matter:
        self.session.add(m)
        await self.session.flush()
        return m

    async def get(self, matter_id: uuid.UUID) -> Matter | None:
        return await self.session.get(Matter, matter_id)

    async def code_clash(self, agency_id: uuid.UUID, code: str) -> uuid.UUID | None:
        return await self.session.scalar(select(Matter.id).where(
            Matter.agency_id == agency_id, Matter.code == code).limit(1))

    async def get_visible(self, principal: Principal | None,
                          matter_id: uuid.UUID) -> Matter | None:
        """Published matters to anyone; unpublished ones only in the caller's scope."""
        stmt = select(Matter).where(Matter.id == matter_id)
        if principal is None:
            stmt = stmt.where(Matter.is_published.is_(True))
        elif (clause := scope_clause(principal, Matter.agency_id, Matter.region_code)) is not None:
            stmt = stmt.where(or_(clause, Matter.is_published.is_(True)))
        return await self.session.scalar(stmt)

    async def latest_version(self, series_id: uuid.UUID) -> Matter | None:
        return await self.session.scalar(select(Matter).where(
            Matter.series_id == series_id).order_by(Matter.effective_from.desc()).limit(1))

    async def version_on(self, series_id: uuid.UUID, on_date: date) -> Matter | None:
        return await self.session.scalar(select(Matter).where(
            Matter.series_id == series_id, _in_force(on_date)))

    async def page(self, principal: Principal | None, *, published: bool | None,
                   code: str | None, kind: str | None, domain: str | None,
                   agency_id: uuid.UUID | None, on_date: date | None, cursor: str | None,
                   limit: int) -> tuple[list[Matter], str | None]:
        stmt = select(Matter)
        if principal is None or published:
            stmt = stmt.where(Matter.is_published.is_(True))
        if principal is not None and not published:
            clause = scope_clause(principal, Matter.agency_id, Matter.region_code)
            if clause is not None:
                stmt = stmt.where(clause)
        for col, value in ((Matter.code, code), (Matter.kind, kind), (Matter.domain, domain),
                           (Matter.agency_id, agency_id)):
            if value is not None:
                stmt = stmt.where(col == value)
        if on_date is not None:
            stmt = stmt.where(_in_force(on_date))
        return await keyset_page(self.session, stmt, cursor, limit, (Matter.code, Matter.id))


class ThresholdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: HearingThreshold) -> HearingThreshold:
        self.session.add(row)
        await self.session.flush()
        return row

    async def candidates(self, agency_id: uuid.UUID) -> list[HearingThreshold]:
        """The agency's own rows and every region row (the caller picks the best match)."""
        return list((await self.session.scalars(select(HearingThreshold).where(or_(
            HearingThreshold.agency_id == agency_id,
            and_(HearingThreshold.agency_id.is_(None),
                 HearingThreshold.region_code.is_not(None)))))).all())

    async def visible(self, principal: Principal) -> list[HearingThreshold]:
        stmt = select(HearingThreshold)
        if not principal.has("sysadmin"):
            conds = []
            if principal.agency_id:
                conds.append(HearingThreshold.agency_id == uuid.UUID(str(principal.agency_id)))
            if principal.region_code:
                # region rows that apply to the caller (an enclosing region) or that the caller
                # supervises (inside its region) — never another region's
                region = principal.region_code
                conds.append(and_(HearingThreshold.agency_id.is_(None), or_(
                    HearingThreshold.region_code.startswith(region, autoescape=True),
                    literal(region).startswith(HearingThreshold.region_code))))
            stmt = stmt.where(or_(*conds)) if conds else stmt.where(HearingThreshold.id.is_(None))
        return list((await self.session.scalars(
            stmt.order_by(HearingThreshold.created_at))).all())
