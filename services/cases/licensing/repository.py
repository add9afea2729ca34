"""Every query of licence matters, applications, materials and bans (scoped by common.scope)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.licensing.models import (
    LicenceApplication,
    LicenceMaterial,
    LicenceMatter,
    LicensingBan,
)


class MatterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, matter_id: uuid.UUID, principal: Principal | None) -> LicenceMatter | None:
        """A version by id: published ones for anyone, drafts only within the caller's scope."""
        stmt = select(LicenceMatter).where(LicenceMatter.id == matter_id)
        if principal is None:
            stmt = stmt.where(LicenceMatter.is_published.is_(True))
        else:
            stmt = stmt.where(LicenceMatter.is_published.is_(True) | scope_clause(
                principal, LicenceMatter.agency_id, LicenceMatter.region_code))
        return await self.session.scalar(stmt)

    async def current(self, agency_id: uuid.UUID, code: str) -> LicenceMatter | None:
        """The newest version of `code` at `agency_id` (row-locked on PostgreSQL)."""
        return await self.session.scalar(
            select(LicenceMatter).where(LicenceMatter.agency_id == agency_id,
                                        LicenceMatter.code == code)
            .order_by(LicenceMatter.version.desc()).limit(1).with_for_update())

    async def list(self, principal: Principal | None, published: bool,
                   agency_id: uuid.UUID | None, cursor: str | None,
                   limit: int) -> tuple[list[LicenceMatter], str | None]:
        stmt = select(LicenceMatter).where(LicenceMatter.superseded_at.is_(None))
        if published:
            stmt = stmt.where(LicenceMatter.is_published.is_(True))
        else:
            assert principal is not None
            stmt = stmt.where(scope_clause(principal, LicenceMatter.agency_id,
                                           LicenceMatter.region_code))
        if agency_id is not None:
            stmt = stmt.where(LicenceMatter.agency_id == agency_id)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (LicenceMatter.code, LicenceMatter.id))

    async def other_versions(self, matter: LicenceMatter) -> list[LicenceMatter]:
        return list(await self.session.scalars(select(LicenceMatter).where(
            LicenceMatter.series_id == matter.series_id, LicenceMatter.id != matter.id)))

    async def by_ids(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, LicenceMatter]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(LicenceMatter).where(LicenceMatter.id.in_(ids)))
        return {m.id: m for m in rows}


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, application_id: uuid.UUID, principal: Principal,
                  for_update: bool = False) -> LicenceApplication | None:
        stmt = select(LicenceApplication).where(
            LicenceApplication.id == application_id,
            scope_clause(principal, LicenceApplication.agency_id,
                         LicenceApplication.region_code))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def list(self, principal: Principal, *, status: str | None, overdue: bool | None,
                   matter_id: uuid.UUID | None, today: date, cursor: str | None,
                   limit: int) -> tuple[list[LicenceApplication], str | None]:
        stmt = select(LicenceApplication).where(scope_clause(
            principal, LicenceApplication.agency_id, LicenceApplication.region_code))
        if status is not None:
            stmt = stmt.where(LicenceApplication.status == status)
        if matter_id is not None:
            stmt = stmt.where(LicenceApplication.matter_id == matter_id)
        if overdue is True:
            stmt = stmt.where(LicenceApplication.next_due_on < today)
        elif overdue is False:
            stmt = stmt.where((LicenceApplication.next_due_on.is_(None))
                              | (LicenceApplication.next_due_on >= today))
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (LicenceApplication.created_at, LicenceApplication.id),
                                 descending=True)

    async def materials(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[LicenceMaterial]]:
        out: dict[uuid.UUID, list[LicenceMaterial]] = {i: [] for i in ids}
        if not ids:
            return out
        rows = await self.session.scalars(
            select(LicenceMaterial).where(LicenceMaterial.application_id.in_(ids))
            .order_by(LicenceMaterial.uploaded_at, LicenceMaterial.id))
        for m in rows:
            out[m.application_id].append(m)
        return out

    async def active_ban(self, series_id: uuid.UUID, applicant_key: str,
                         on: date) -> LicensingBan | None:
        return await self.session.scalar(
            select(LicensingBan).where(LicensingBan.matter_series_id == series_id,
                                       LicensingBan.applicant_key == applicant_key,
                                       LicensingBan.since <= on, LicensingBan.until >= on)
            .order_by(LicensingBan.until.desc()).limit(1))

    async def still_received(self, received_before: date) -> list[LicenceApplication]:
        """Applications still `received` that arrived on or before `received_before` (the
        settlement job's candidates for 视为受理), row-locked, skipping locked rows."""
        return list(await self.session.scalars(
            select(LicenceApplication).where(LicenceApplication.status == "received",
                                             LicenceApplication.received_on <= received_before)
            .order_by(LicenceApplication.received_on, LicenceApplication.id).limit(500)
            .with_for_update(skip_locked=True)))

    def add(self, row: Any) -> None:
        self.session.add(row)
