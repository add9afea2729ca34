"""Queries of 投诉举报."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.review.complaints.models import Complaint
from services.review.repository import scope_clause

# who sees complaints about an officer's conduct (执法行为投诉): supervisors, and the agency's
# admin (contact masked) — never the officers of the agency complained about
CONDUCT_READERS = ("supervisor", "sysadmin", "service", "agency_admin")


def complaint_scope(principal: Principal):
    clause = scope_clause(principal, Complaint.target_agency_id, Complaint.region_code)
    if not principal.has(*CONDUCT_READERS):
        clause = and_(clause, Complaint.category != "enforcement_conduct")
    return clause


def overdue_clause(today: date):
    return and_(Complaint.status.not_in(("closed", "refused")), or_(
        and_(Complaint.acknowledged_at.is_(None), Complaint.acknowledge_by < today),
        and_(Complaint.responded_at.is_(None), Complaint.respond_by < today),
        Complaint.close_by < today))


class ComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_code(self, code: str) -> Complaint | None:
        return await self.session.scalar(select(Complaint).where(
            Complaint.tracking_code == code))

    async def code_taken(self, code: str) -> bool:
        return await self.by_code(code) is not None

    async def get_scoped(self, principal: Principal, complaint_id: uuid.UUID) -> Complaint | None:
        return await self.session.scalar(select(Complaint).where(
            Complaint.id == complaint_id, complaint_scope(principal)).with_for_update())

    async def by_lead(self, case_id: uuid.UUID, source_ref: str | None) -> Complaint | None:
        clauses = [Complaint.lead_case_id == case_id]
        if ref := _uuid(source_ref):
            clauses.append(Complaint.id == ref)
        return await self.session.scalar(select(Complaint).where(or_(*clauses)).limit(1))

    async def list(self, principal: Principal, *, status: str | None, overdue_on: date | None,
                   cursor: str | None, limit: int) -> tuple[list[Complaint], str | None]:
        stmt = select(Complaint).where(complaint_scope(principal))
        if status:
            stmt = stmt.where(Complaint.status == status)
        if overdue_on:
            stmt = stmt.where(overdue_clause(overdue_on))
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (Complaint.received_at, Complaint.id), descending=True)

    async def stats(self, principal: Principal, start: datetime,
                    end: datetime) -> list[tuple[uuid.UUID | None, int, int, int]]:
        rows = await self.session.execute(
            select(Complaint.target_agency_id, func.count(),
                   func.count(Complaint.responded_at), func.count(Complaint.closed_at))
            .where(complaint_scope(principal), Complaint.received_at >= start,
                   Complaint.received_at < end)
            .group_by(Complaint.target_agency_id))
        return [(r[0], r[1], r[2], r[3]) for r in rows.all()]


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None
