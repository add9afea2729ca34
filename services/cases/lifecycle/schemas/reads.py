"""The case read models (what `GET /cases…` answers): split from schemas/__init__.py, which
holds the request bodies, when the file passed 300 lines."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from common.money import Money
from kit.schemas import ApiModel
from services.cases.lifecycle.schemas import NoPenaltyGround


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
