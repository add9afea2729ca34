"""Queries of 案件联合会商."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, DEFAULT_AGENCY_ROLES, parse_uuid, region_prefix
from kit.pagination import keyset_page
from services.review.consultations.models import (
    CaseConsultation,
    ConsultationOpinion,
    ConsultationParticipant,
)
from services.review.legal.models import LegalReview

C, CP, CO = CaseConsultation, ConsultationParticipant, ConsultationOpinion


def consultation_scope(principal: Principal):
    """Supervisors: their region subtree; agency roles: their agency's cases and the
    consultations their agency takes part in; the all-seeing: all; anyone else nothing."""
    if principal.has(*ALL_SEEING):
        return C.id.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(C.region_code, principal.region_code or "")
    agency = parse_uuid(principal.agency_id)
    if agency is not None and principal.has(*DEFAULT_AGENCY_ROLES):
        return (C.agency_id == agency) | C.id.in_(
            select(CP.consultation_id).where(CP.agency_id == agency))
    return C.id.is_(None)


class ConsultationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, consultation_id: uuid.UUID,
                         for_update: bool = False) -> C | None:
        stmt = select(C).where(C.id == consultation_id, consultation_scope(principal))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def list(self, principal: Principal, case_id: uuid.UUID | None,
                   legal_review_id: uuid.UUID | None, cursor: str | None,
                   limit: int) -> tuple[list[C], str | None]:
        stmt = select(C).where(consultation_scope(principal))
        if case_id is not None:
            stmt = stmt.where(C.case_id == case_id)
        if legal_review_id is not None:
            stmt = stmt.where(C.legal_review_id == legal_review_id)
        return await keyset_page(self.session, stmt, cursor, limit, (C.created_at, C.id),
                                 descending=True)

    async def participants(self, consultation_id: uuid.UUID) -> list[CP]:
        return list(await self.session.scalars(select(CP).where(
            CP.consultation_id == consultation_id).order_by(CP.kind, CP.name, CP.id)))

    async def opinions(self, consultation_id: uuid.UUID) -> list[CO]:
        return list(await self.session.scalars(select(CO).where(
            CO.consultation_id == consultation_id).order_by(CO.submitted_at, CO.id)))

    async def opinion_of(self, participant_id: uuid.UUID) -> CO | None:
        return await self.session.scalar(select(CO).where(CO.participant_id == participant_id))

    async def latest_legal_review(self, case_id: uuid.UUID) -> uuid.UUID | None:
        return await self.session.scalar(select(LegalReview.id).where(
            LegalReview.case_id == case_id).order_by(LegalReview.round.desc()).limit(1))

    async def linked(self, principal: Principal, review_id: uuid.UUID,
                     case_id: uuid.UUID) -> list[tuple[C, CO | None]]:
        """The consultations of the legal review or of its case the caller may see, each with
        its opinions (outer join: one row per opinion, one row with `None` when there is
        none) — one query, oldest consultation first."""
        stmt = (select(C, CO).outerjoin(CO, CO.consultation_id == C.id)
                .where(or_(C.legal_review_id == review_id, C.case_id == case_id),
                       consultation_scope(principal))
                .order_by(C.created_at, C.id, CO.submitted_at, CO.id))
        return [(c, o) for c, o in (await self.session.execute(stmt)).all()]

    def add(self, row: object) -> None:
        self.session.add(row)
