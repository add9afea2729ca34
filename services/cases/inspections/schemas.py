"""Request/response models of inspections (行政检查) and their actions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from kit.schemas import ApiModel
from services.cases.inspections.catalogue.schemas import InspectionType, Method

Source = Literal["complaint", "referral", "data_monitoring", "enterprise_request"]
Result = Literal["no_issue", "rectify", "case", "transfer"]
RecordKind = Literal["onsite", "inquiry", "sampling", "survey"]


class InspectionCreate(ApiModel):
    type: InspectionType
    item_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)
    target_id: uuid.UUID | None = None
    method: Method
    officer_ids: list[str] = Field(min_length=1, max_length=20)
    assistants: int = Field(ge=0, le=50)
    planned_on: date
    source: Source | None = None
    deployed_from_above: bool = False
    emergency: bool = False
    cap_exempt_reason: str | None = Field(default=None, max_length=40)
    plan_id: uuid.UUID | None = None
    draw_id: uuid.UUID | None = None
    joint_task_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _source(self) -> InspectionCreate:
        if self.type == "case" and self.source is None:
            raise ValueError("个案检查须注明任务来源 source"
                             "（投诉举报、转办交办、数据监测、企业申请）")
        return self


class Approve(ApiModel):
    """审批 by the 行政执法主体负责人: `approver_id` is the head's personnel id (checked by
    `services.cases.approvals.require_head`)."""

    approver_id: str = Field(min_length=1, max_length=64)
    opinion: str = Field(default="同意", max_length=2000)
    cap_exempt_reason: str | None = Field(default=None, max_length=40)


class Notify(ApiModel):
    served_at: datetime | None = None
    method: Literal["direct", "onsite", "electronic"] = "onsite"


class Start(ApiModel):
    started_at: datetime | None = None
    attest_discipline: bool
    cap_exempt_reason: str | None = Field(default=None, max_length=40)


class RecordCreate(ApiModel):
    kind: RecordKind
    officer_ids: list[str] = Field(min_length=2, max_length=20)
    started_at: datetime
    ended_at: datetime
    place: str = Field(min_length=1, max_length=300)
    interviewee: str | None = Field(default=None, max_length=200)
    content: str = Field(min_length=1, max_length=50000)
    client_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _times(self) -> RecordCreate:
        if self.ended_at < self.started_at:
            raise ValueError("ended_at 不得早于 started_at")
        return self


class ChecklistResult(ApiModel):
    code: str = Field(min_length=1, max_length=32)
    passed: bool
    note: str = Field(default="", max_length=2000)


class Finish(ApiModel):
    result: Result
    findings: str = Field(min_length=1, max_length=20000)
    rectification_due_on: date | None = None
    ended_at: datetime | None = None
    checklist_results: list[ChecklistResult] = Field(default_factory=list)

    @model_validator(mode="after")
    def _due(self) -> Finish:
        if self.result == "rectify" and self.rectification_due_on is None:
            raise ValueError("责令改正须写明改正期限 rectification_due_on")
        return self


class Feedback(ApiModel):
    """结果告知 to the inspected party."""

    delivered_on: date
    method: Literal["direct", "electronic", "mail"] = "direct"
    content: str = Field(default="", max_length=5000)


class LeadCreate(ApiModel):
    matter_id: uuid.UUID
    facts: str | None = Field(default=None, max_length=20000)
    act_date: date | None = None


class JoinBody(ApiModel):
    """联合检查: none opens a task; an id joins the task another agency opened."""

    joint_task_id: uuid.UUID | None = None


class CapRead(ApiModel):
    count: int
    limit: int
    counts_toward_cap: bool
    exempt_reason: str | None
    warning: str | None = None


class RecordRead(ApiModel):
    id: uuid.UUID
    kind: str
    officer_ids: list[str]
    started_at: datetime
    ended_at: datetime
    place: str
    interviewee: str | None
    content: str


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


class InspectionRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    type: str
    source: str | None
    deployed_from_above: bool
    status: str
    version: int
    allowed_actions: list[str]
    deadlines: list[dict[str, Any]]
    cap: CapRead | None
    items: list[dict[str, Any]]
    domain: str
    target_id: uuid.UUID | None
    target: dict[str, Any] | None
    is_enterprise: bool
    method: str
    officers: list[dict[str, Any]]
    assistants: int
    planned_on: date
    plan_id: uuid.UUID | None
    draw_id: uuid.UUID | None
    joint_task_id: uuid.UUID | None
    emergency: bool
    approval: dict[str, Any] | None
    notice: dict[str, Any] | None
    attestation: dict[str, Any] | None
    started_at: datetime | None
    ended_at: datetime | None
    checklist_results: list[dict[str, Any]]
    result: str | None
    findings: str | None
    rectification_due_on: date | None
    feedback: dict[str, Any] | None
    case_id: uuid.UUID | None
    public_code: str
    flags: list[dict[str, Any]]


class LeadRead(ApiModel):
    case_id: uuid.UUID
    created: bool
    evidence_carried: int
    inspection: InspectionRead


class ChainEntryRead(ApiModel):
    seq: int
    action: str
    actor: str
    officer_ids: list[str]
    occurred_at: datetime
    payload: dict[str, Any]
    payload_digest: str
    prev_hash: str
    hash: str


class ChainVerifyRead(ApiModel):
    valid: bool
    entries: int
    first_invalid: int | None


class EnterpriseRecord(ApiModel):
    target_id: uuid.UUID
    year: int
    inspections: list[dict[str, Any]]
    by_agency: list[dict[str, Any]]


class Scan(ApiModel):
    """扫码入企: the officer scans the enterprise's code before starting."""

    scanned_at: datetime | None = None
    officer_id: str | None = Field(default=None, max_length=64)
