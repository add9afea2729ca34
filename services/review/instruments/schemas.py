"""Request/response models of 监督文书."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

# 通知书 / 意见书 / 决定书 / 建议书
Kind = Literal["notice", "opinion", "decision", "suggestion"]
KIND_LABELS = {"notice": "行政执法监督通知书", "opinion": "行政执法监督意见书",
               "decision": "行政执法监督决定书", "suggestion": "行政执法监督建议书"}
# escalation levels in order: 约谈 → 通报 → 督办
LEVELS = {1: "interview", 2: "circular", 3: "supervise"}
LEVEL_LABELS = {1: "约谈", 2: "通报", 3: "督办"}


class InstrumentCreate(ApiModel):
    kind: Kind
    agency_id: uuid.UUID
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    action_id: uuid.UUID | None = None
    facts: str = Field(min_length=1, max_length=20000)
    legal_basis: str = Field(min_length=1, max_length=5000)
    required_action: str = Field(min_length=1, max_length=20000)
    # default: the issue date + REVIEW_INSTRUMENT_REPLY_DAYS (15)
    reply_due_on: date | None = None


class InstrumentReply(ApiModel):
    reply: str = Field(min_length=1, max_length=20000)
    rectification_report: str = Field(min_length=1, max_length=50000)


class ReplyReview(ApiModel):
    accepted: bool
    comment: str = Field(min_length=1, max_length=5000)
    # for a rejected reply: the new reply deadline (default today + the reply period)
    reply_due_on: date | None = None


class ObjectionCreate(ApiModel):
    reason: str = Field(min_length=1, max_length=20000)


class ObjectionDecision(ApiModel):
    upheld: bool
    decision: str = Field(min_length=1, max_length=20000)


class EscalationCreate(ApiModel):
    level: Literal["interview", "circular", "supervise"]
    note: str = Field(min_length=1, max_length=5000)


class StepRead(ApiModel):
    kind: str
    level: int | None
    actor: str
    at: datetime
    note: str | None


class InstrumentRead(ApiModel):
    id: uuid.UUID
    kind: str
    agency_id: uuid.UUID
    region_code: str
    action_id: uuid.UUID | None
    facts: str
    legal_basis: str
    required_action: str
    reply_due_on: date
    reply_due_provisional: bool
    status: str
    issued_by: str
    issued_at: datetime
    issued_on: date
    reply: str | None
    rectification_report: str | None
    replied_at: datetime | None
    replied_late: bool | None
    reviewed_at: datetime | None
    review_comment: str | None
    escalation_level: int
    objection_status: str | None
    objection_reason: str | None
    objection_decision: str | None
    closed_at: datetime | None
    is_overdue: bool = False


class InstrumentDetail(InstrumentRead):
    steps: list[StepRead] = Field(default_factory=list)
    # the issued .docx (`GET …/document.docx`): its number and SHA-256
    document_number: str | None = None
    document_sha256: str | None = None


class InstrumentStats(ApiModel):
    """Counted in the annual report: by kind, for instruments issued in the year."""

    year: int
    kind: str
    issued: int
    replied: int
    replied_late: int
    overdue: int
    interviews: int
    circulars: int
    supervised: int
    objections: int
