"""Request/response models of 案件联合会商."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

# 同意拟处理意见 / 不同意 / 补充意见
Position = Literal["agree", "disagree", "supplement"]
# 维持拟处理意见 / 变更处理意见 / 补充调查 / 移送
Outcome = Literal["uphold", "modify", "investigate_further", "transfer"]


class ConsultationParticipantIn(ApiModel):
    kind: Literal["agency", "expert"]
    # for `agency`: checked in personnel; its name comes from the request
    agency_id: uuid.UUID | None = None
    name: str = Field(min_length=1, max_length=200)


class ConsultationCreate(ApiModel):
    case_id: uuid.UUID
    inspection_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)
    question: str = Field(min_length=1, max_length=20000)
    participants: list[ConsultationParticipantIn] = Field(min_length=1, max_length=50)
    # omitted: `consultation_opinion_days` after today
    opinion_due_on: date | None = None


class ConsultationOpinionCreate(ApiModel):
    participant_id: uuid.UUID
    position: Position
    legal_basis: str = Field("", max_length=5000)
    reasons: str = Field(min_length=1, max_length=20000)


class ConclusionCreate(ApiModel):
    outcome: Outcome
    conclusion: str = Field(min_length=1, max_length=20000)
    adopted_opinion_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)


class ConsultationParticipantRead(ApiModel):
    id: uuid.UUID
    kind: str
    agency_id: uuid.UUID | None
    name: str


class ConsultationOpinionRead(ApiModel):
    id: uuid.UUID
    participant_id: uuid.UUID
    position: str
    legal_basis: str
    reasons: str
    late: bool
    submitted_by: str
    submitted_at: datetime


class ConsultationRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str | None
    agency_id: uuid.UUID
    region_code: str
    legal_review_id: uuid.UUID | None
    inspection_ids: list[uuid.UUID]
    question: str
    opinion_due_on: date
    status: str
    outcome: str | None
    conclusion: str | None
    adopted_opinion_ids: list[uuid.UUID]
    concluded_at: datetime | None
    created_by: str


class ConsultationDetail(ConsultationRead):
    participants: list[ConsultationParticipantRead] = Field(default_factory=list)
    opinions: list[ConsultationOpinionRead] = Field(default_factory=list)
    # participants whose opinion is missing after the due date
    overdue_participant_ids: list[uuid.UUID] = Field(default_factory=list)
