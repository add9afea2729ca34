"""Every query of inspections: scoped loads, cap counts, the enterprise's record, duplicates."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.inspections.models import (
    Inspection,
    InspectionEvidence,
    InspectionRecord,
    InspectionSyncReceipt,
)


class InspectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, inspection_id: uuid.UUID, principal: Principal,
                  for_update: bool = False) -> Inspection | None:
        stmt = select(Inspection).where(Inspection.id == inspection_id, scope_clause(
            principal, Inspection.agency_id, Inspection.region_code))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def scope_of(self, inspection_id: uuid.UUID) -> tuple[uuid.UUID, str] | None:
        """(agency, region) of an inspection, unscoped: callers apply their rule on these."""
        row = (await self.session.execute(select(Inspection.agency_id, Inspection.region_code)
                                          .where(Inspection.id == inspection_id))).first()
        return (row[0], row[1]) if row else None

    async def by_code(self, code: str) -> Inspection | None:
        return await self.session.scalar(select(Inspection).where(
            Inspection.public_code == code))

    async def list(self, principal: Principal, *, status: str | None,
                   target_id: uuid.UUID | None, cursor: str | None, limit: int
                   ) -> tuple[list[Inspection], str | None]:
        stmt = select(Inspection).where(scope_clause(principal, Inspection.agency_id,
                                                     Inspection.region_code))
        if status:
            stmt = stmt.where(Inspection.status == status)
        if target_id:
            stmt = stmt.where(Inspection.target_id == target_id)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (Inspection.created_at, Inspection.id), descending=True)

    async def cap_count(self, target_id: uuid.UUID, agency_id: uuid.UUID, year: int,
                        exclude: uuid.UUID | None) -> int:
        """Inspections of the enterprise by the agency in the year that count toward the cap
        and were approved or carried out."""
        stmt = select(func.count()).select_from(Inspection).where(
            Inspection.target_id == target_id, Inspection.agency_id == agency_id,
            Inspection.year == year, Inspection.counts_toward_cap.is_(True),
            or_(Inspection.approved_at.is_not(None), Inspection.started_at.is_not(None)))
        if exclude is not None:
            stmt = stmt.where(Inspection.id != exclude)
        return int(await self.session.scalar(stmt) or 0)

    async def cap_totals(self, keys: set[tuple[uuid.UUID, uuid.UUID, int]]
                         ) -> dict[tuple[uuid.UUID, uuid.UUID, int], int]:
        """`cap_count` for many (target, agency, year) at once (lists), nothing excluded."""
        if not keys:
            return {}
        targets = {k[0] for k in keys}
        rows = await self.session.execute(select(
            Inspection.target_id, Inspection.agency_id, Inspection.year, func.count()).where(
            Inspection.target_id.in_(targets), Inspection.counts_toward_cap.is_(True),
            or_(Inspection.approved_at.is_not(None), Inspection.started_at.is_not(None))
        ).group_by(Inspection.target_id, Inspection.agency_id, Inspection.year))
        return {(t, a, y): int(n) for t, a, y, n in rows.all() if (t, a, y) in keys}

    async def other_agencies_near(self, uscc: str, agency_id: uuid.UUID,
                                  start: date, end: date) -> list[Inspection]:
        """Inspections of the same enterprise (by USCC) by other agencies in the window
        (多头/重复检查); not scoped: only ids and agency ids leave this query."""
        return list((await self.session.scalars(select(Inspection).where(
            Inspection.target_uscc == uscc, Inspection.agency_id != agency_id,
            Inspection.planned_on >= start, Inspection.planned_on <= end,
            Inspection.status != "cancelled").limit(20))).all())

    async def joint_members(self, task_id: uuid.UUID) -> list[Inspection]:
        """Members of a joint task, unscoped: only the enterprise, date and agency are used."""
        return list((await self.session.scalars(select(Inspection).where(
            Inspection.joint_task_id == task_id).limit(50))).all())

    async def records(self, inspection_id: uuid.UUID) -> list[InspectionRecord]:
        return list((await self.session.scalars(select(InspectionRecord).where(
            InspectionRecord.inspection_id == inspection_id).order_by(
            InspectionRecord.started_at))).all())

    async def evidence(self, inspection_id: uuid.UUID) -> list[InspectionEvidence]:
        return list((await self.session.scalars(select(InspectionEvidence).where(
            InspectionEvidence.inspection_id == inspection_id).order_by(
            InspectionEvidence.collected_at))).all())

    async def receipt(self, scope: str, key: str) -> InspectionSyncReceipt | None:
        return await self.session.scalar(select(InspectionSyncReceipt).where(
            InspectionSyncReceipt.scope == scope, InspectionSyncReceipt.key == key))
