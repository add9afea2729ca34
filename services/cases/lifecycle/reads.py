"""Read models of a case (the response side of the mobile/web contract) and their builders:
masked party, legal review, `allowed_actions`, `deadlines`."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from common.calendar import WorkingCalendar
from common.money import Money, fen_to_yuan
from kit.schemas import ApiModel
from services.cases import deadlines
from services.cases.identifiers import mask_id_number
from services.cases.lifecycle import states as st
from services.cases.lifecycle.schemas import NoPenaltyGround
from services.cases.models import Case


class PartyRead(ApiModel):
    kind: str
    name: str
    id_number: str | None
    uscc: str | None
    address: str | None
    phone: str | None
    is_minor: bool


class Deadline(ApiModel):
    name: str
    due_on: date
    basis: str | None
    provisional: bool
    overdue: bool


class LegalReviewRead(ApiModel):
    required: bool
    reasons: list[str]
    status: str
    round: int
    opinion: str | None = None


class CaseSummary(ApiModel):
    id: uuid.UUID
    number: str | None
    status: str
    version: int
    agency_id: uuid.UUID
    region_code: str
    matter: dict[str, Any]
    party: PartyRead
    procedure: str
    kind: str
    source: str
    discovered_on: date
    filed_on: date | None
    decided_on: date | None
    next_due_on: date | None
    officer_ids: list[str]
    created_at: datetime


class CaseRead(CaseSummary):
    source_ref: str | None
    act_date: date
    act_end_date: date | None
    harm_kind: str | None = None
    licence_id: uuid.UUID | None = None
    limitation_years: int = 2
    facts: str
    approver_id: str | None
    declined_reason: str | None
    conclusion: dict[str, Any] | None
    legal_review: LegalReviewRead
    collective_discussion_required: bool
    notice: dict[str, Any] | None
    hearing: dict[str, Any] | None
    statements_waived: bool
    decision_number: str | None
    decision: dict[str, Any] | None
    fine: Money
    paid: Money
    served_on: date | None
    serve_method: str | None
    remedy_pending: bool
    payment_arrangement: dict[str, Any] | None
    closed_on: date | None
    archived_at: datetime | None
    revoked_on: date | None
    revoke_reason: str | None
    flags: list[dict[str, Any]]
    allowed_actions: list[str]
    deadlines: list[Deadline]
    decision_outcome: str | None = None
    no_penalty_ground: NoPenaltyGround | None = None
    mitigation: Literal["lighter", "reduced"] | None = None


class EvidenceRead(ApiModel):
    id: uuid.UUID
    kind: str
    description: str
    filename: str
    content_type: str
    size: int
    sha256: str
    officer_ids: list[str]
    collected_at: datetime


class RecordRead(ApiModel):
    id: uuid.UUID
    kind: str
    officer_ids: list[str]
    started_at: datetime
    ended_at: datetime
    place: str
    interviewee: str | None
    content: str


class PaymentRead(ApiModel):
    id: uuid.UUID
    amount: Money
    paid_on: date
    surcharge_due: Money
    total_paid: Money
    outstanding: Money
    status: str


class TimelineEntryRead(ApiModel):
    seq: int
    action: str
    actor: str
    officer_ids: list[str]
    occurred_at: datetime
    payload: dict[str, Any]
    payload_digest: str
    prev_hash: str
    hash: str


class TimelineVerifyRead(ApiModel):
    valid: bool
    entries: int
    first_invalid: int | None


class Dossier(ApiModel):
    case: CaseRead
    evidence: list[EvidenceRead]
    records: list[RecordRead]
    statements: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    timeline: list[TimelineEntryRead]
    timeline_verification: TimelineVerifyRead


def _party(c: Case) -> PartyRead:
    return PartyRead(kind=c.party_kind, name=c.party_name,
                             id_number=mask_id_number(c.party_id_number), uscc=c.party_uscc,
                             address=c.party_address, phone=c.party_phone,
                             is_minor=c.party_is_minor)


def _matter(c: Case) -> dict[str, Any]:
    s = c.matter_snapshot or {}
    return {k: s.get(k) for k in ("id", "code", "name", "domain", "kind", "source")}


def summary(c: Case) -> CaseSummary:
    return CaseSummary(
        id=c.id, number=c.number, status=c.status, version=c.version, agency_id=c.agency_id,
        region_code=c.region_code, matter=_matter(c), party=_party(c), procedure=c.procedure,
        kind=c.kind, source=c.source, discovered_on=c.discovered_on, filed_on=c.filed_on,
        decided_on=c.decided_on, next_due_on=c.next_due_on, officer_ids=c.officer_ids,
        created_at=c.created_at)


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
