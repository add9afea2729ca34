"""Request/response models of 监督行动."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel
from services.review.plans.schemas import ActionKind as PlanActionKind

# 日常 / 重点 / 专项 / 评查 / 评议 / 现场观摩 (shared with the plan items)
ActionKind = PlanActionKind
# the owning service of each record type: complaints are review's own, the rest are cases'
RecordType = Literal["case", "inspection", "licence", "complaint"]


class ActionCreate(ApiModel):
    kind: ActionKind
    title: str = Field(min_length=1, max_length=200)
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    plan_id: uuid.UUID | None = None
    # the 年度监督计划 item carried out (its plan becomes plan_id)
    plan_item_id: uuid.UUID | None = None
    target_agency_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    target_matters: list[str] = Field(default_factory=list, max_length=200)
    target_domains: list[str] = Field(default_factory=list, max_length=50)
    starts_on: date
    ends_on: date | None = None


class ParticipantCreate(ApiModel):
    kind: Literal["staff", "expert", "invited"]
    name: str = Field(min_length=1, max_length=100)
    # for kind `invited`: the cohort member (its account comes from the member record)
    member_id: uuid.UUID | None = None
    user_id: str | None = Field(None, max_length=64)


class FindingCreate(ApiModel):
    record_type: RecordType
    record_id: uuid.UUID
    summary: str = Field(min_length=1, max_length=20000)


class ParticipantRead(ApiModel):
    id: uuid.UUID
    kind: str
    name: str
    member_id: uuid.UUID | None
    user_id: str | None


class FindingRead(ApiModel):
    id: uuid.UUID
    record_type: str
    record_id: uuid.UUID
    summary: str
    at: datetime


class ActionRead(ApiModel):
    id: uuid.UUID
    plan_id: uuid.UUID | None
    plan_item_id: uuid.UUID | None
    kind: str
    title: str
    region_code: str
    target_agency_ids: list[uuid.UUID]
    target_matters: list[str]
    target_domains: list[str]
    starts_on: date
    ends_on: date | None
    created_by: str


class ActionDetail(ActionRead):
    participants: list[ParticipantRead] = Field(default_factory=list)
    findings: list[FindingRead] = Field(default_factory=list)


class RedactedInstrument(ApiModel):
    kind: str
    agency_id: uuid.UUID
    facts: str
    required_action: str
    reply_due_on: date
    status: str
    escalation_level: int


class InvitedActionView(ApiModel):
    """What an invited supervisor sees of an action they take part in: no participants'
    accounts, no issuing/replying staff, personal data in texts masked."""

    id: uuid.UUID
    kind: str
    title: str
    target_agency_ids: list[uuid.UUID]
    target_matters: list[str]
    target_domains: list[str]
    starts_on: date
    ends_on: date | None
    findings: list[FindingRead] = Field(default_factory=list)
    instruments: list[RedactedInstrument] = Field(default_factory=list)
