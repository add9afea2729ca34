"""Request/response models of 特邀行政执法监督员."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

# 人大代表, 政协委员, 民主党派, 工商联, 律师, 专家学者, 企业, 行业协会, 基层群众
SourceCategory = Literal["npc_deputy", "cppcc_member", "democratic_party", "commerce_federation",
                         "lawyer", "scholar", "enterprise", "industry_association",
                         "grassroots"]
# the eligibility conditions each member must be attested for
Condition = Literal["age_18_or_over", "college_education", "no_criminal_record",
                    "no_disciplinary_record", "not_dishonest_debtor"]
REQUIRED_CONDITIONS = ("age_18_or_over", "college_education", "no_criminal_record",
                       "no_disciplinary_record", "not_dishonest_debtor")


class CohortCreate(ApiModel):
    name: str = Field(min_length=1, max_length=100)
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    term_start: date
    term_end: date


class CohortRead(ApiModel):
    id: uuid.UUID
    name: str
    region_code: str
    term_start: date
    term_end: date


class Attestation(ApiModel):
    condition: Condition
    attested_by: str = Field(min_length=1, max_length=100)
    attested_on: date
    evidence: str | None = Field(None, max_length=500)


class MemberCreate(ApiModel):
    name: str = Field(min_length=1, max_length=50)
    user_id: str = Field(min_length=1, max_length=64)
    source_category: SourceCategory
    attestations: list[Attestation] = Field(default_factory=list, max_length=20)


class MemberRead(ApiModel):
    id: uuid.UUID
    cohort_id: uuid.UUID
    name: str
    user_id: str
    source_category: str
    attestations: list[Attestation]
    status: str


class MeetingCreate(ApiModel):
    held_on: date
    topic: str = Field(min_length=1, max_length=200)
    attendee_member_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    minutes: str = Field(min_length=1, max_length=50000)


class MeetingRead(ApiModel):
    id: uuid.UUID
    held_on: date
    topic: str
    attendee_member_ids: list[uuid.UUID]
    minutes: str


class ActivityRead(ApiModel):
    id: uuid.UUID
    action_id: uuid.UUID | None
    kind: str
    note: str | None
    at: datetime


class LeadCreate(ApiModel):
    content: str = Field(min_length=5, max_length=10000)
    became: Literal["complaint", "finding"]
    # for a complaint: the agency concerned; for a finding: the action and the record
    target_agency_id: uuid.UUID | None = None
    action_id: uuid.UUID | None = None
    record_type: Literal["case", "inspection", "licence", "complaint"] | None = None
    record_id: uuid.UUID | None = None


class LeadRead(ApiModel):
    id: uuid.UUID
    content: str
    became: str
    complaint_id: uuid.UUID | None
    finding_id: uuid.UUID | None
    at: datetime


class AppraisalCreate(ApiModel):
    year: int = Field(ge=2000, le=2100)
    grade: Literal["excellent", "competent", "basically_competent", "incompetent"]
    comment: str | None = Field(None, max_length=5000)


class AppraisalRead(ApiModel):
    year: int
    grade: str
    comment: str | None


class MemberDetail(MemberRead):
    activities: list[ActivityRead] = Field(default_factory=list)
    leads: list[LeadRead] = Field(default_factory=list)
    appraisals: list[AppraisalRead] = Field(default_factory=list)
