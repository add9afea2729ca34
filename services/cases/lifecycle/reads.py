"""Read models of a case (the response side of the mobile/web contract), their builders
(masked party, legal review, `allowed_actions`, `deadlines`) and the reads the routes answer
from (the list page, the evidence catalogue, the dossier's files)."""

import uuid
from datetime import date
from typing import Any

from pydantic_core import to_json
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar, today_legal
from common.money import fen_to_yuan
from services.cases import deadlines
from services.cases.context import Ctx
from services.cases.identifiers import mask_id_number
from services.cases.lifecycle import states as st
from services.cases.lifecycle.repository import CaseRepository
from services.cases.lifecycle.schemas.reads import (  # noqa: F401  (the read models)
    CaseRead,
    CaseSummary,
    Deadline,
    Dossier,
    EvidenceRead,
    LegalReviewRead,
    PartyRead,
    PaymentRead,
    RecordRead,
    TimelineEntryRead,
    TimelineVerifyRead,
)
from services.cases.models import Case


def _party(c: Any) -> dict[str, Any]:
    return {"kind": c.party_kind, "name": c.party_name,
            "id_number": mask_id_number(c.party_id_number), "uscc": c.party_uscc,
            "address": c.party_address, "phone": c.party_phone, "is_minor": c.party_is_minor}


def _matter(c: Any) -> dict[str, Any]:
    s = c.matter_snapshot or {}
    return {k: s.get(k) for k in ("id", "code", "name", "domain", "kind", "source")}


def _summary_fields(c: Any) -> dict[str, Any]:
    """A list row's fields, in `CaseSummary`'s order: from a `Case` or a row of
    `CaseRepository.list` (same names)."""
    return {"id": c.id, "number": c.number, "status": c.status, "version": c.version,
            "agency_id": c.agency_id, "region_code": c.region_code, "matter": _matter(c),
            "party": _party(c), "procedure": c.procedure, "kind": c.kind, "source": c.source,
            "discovered_on": c.discovered_on, "filed_on": c.filed_on,
            "decided_on": c.decided_on, "next_due_on": c.next_due_on,
            "officer_ids": c.officer_ids, "created_at": c.created_at}


def summary(c: Any) -> CaseSummary:
    return CaseSummary.model_validate(_summary_fields(c))


def page_json(rows: list[Any], next_cursor: str | None, limit: int) -> bytes:
    """The list page as the JSON `Page[CaseSummary]` serialises to, byte for byte, without a
    model per row: the values are the database's own typed columns (uuid, date, aware datetime,
    the JSON lists), which is what the models declare, and pydantic-core writes them the same
    way from plain dicts in the models' field order (`tests/services/cases/test_case_list_json.py`
    holds the two to the same bytes). A model per row was half of a list request's CPU."""
    return to_json({"items": [_summary_fields(c) for c in rows], "next_cursor": next_cursor,
                    "limit": limit})


def full(c: Case, cal: WorkingCalendar, today: date, lead_days: int) -> CaseRead:
    base = summary(c).model_dump()
    return CaseRead(
        **base, source_ref=c.source_ref, act_date=c.act_date, act_end_date=c.act_end_date,
        harm_kind=c.harm_kind, licence_id=c.licence_id,
        limitation_years=deadlines.limitation_years(c),
        facts=c.facts, approver_id=c.approver_id, declined_reason=c.declined_reason,
        conclusion=c.conclusion,
        legal_review=LegalReviewRead(
            required=c.legal_review_required, reasons=c.legal_review_reasons,
            status=c.legal_review_status, round=c.legal_review_round,
            opinion=c.legal_review_opinion),
        collective_discussion_required=c.collective_discussion_required, notice=c.notice,
        hearing=c.hearing, statements_waived=c.statements_waived,
        decision_number=c.decision_number, decision=c.decision, fine=fen_to_yuan(c.fine_fen),
        paid=fen_to_yuan(c.paid_fen), served_on=c.served_on, serve_method=c.serve_method,
        remedy_pending=c.remedy_pending, payment_arrangement=c.payment_arrangement,
        closed_on=c.closed_on, archived_at=c.archived_at, revoked_on=c.revoked_on,
        revoke_reason=c.revoke_reason, flags=c.flags, allowed_actions=st.allowed_actions(c),
        decision_outcome=c.decision_outcome, no_penalty_ground=c.no_penalty_ground,
        mitigation=c.mitigation,
        deadlines=[Deadline(**{k: v for k, v in d.items() if k != "tracked"})
                   for d in deadlines.case_deadlines(c, cal, today, lead_days)])


async def list_page(ctx: Ctx, *, cursor: str | None, limit: int, **filters: Any) -> bytes:
    """The scoped, filtered keyset page of cases (newest first), as `Page[CaseSummary]` JSON."""
    rows, nxt = await CaseRepository(ctx.session).list(
        ctx.principal, today=today_legal(), cursor=cursor, limit=limit, **filters)
    return page_json(rows, nxt, limit)


async def evidence(session: AsyncSession, case_id: uuid.UUID) -> list[EvidenceRead]:
    return [EvidenceRead.model_validate(e)
            for e in await CaseRepository(session).evidence(case_id)]


async def dossier_files(session: AsyncSession, case_id: uuid.UUID) -> dict[str, Any]:
    """The dossier's evidence, records, statements and payments (one query each)."""
    repo = CaseRepository(session)
    return {"evidence": await evidence(session, case_id),
            "records": [RecordRead.model_validate(r) for r in await repo.records(case_id)],
            "statements": await repo.statements(case_id),
            "payments": await repo.payments(case_id)}
