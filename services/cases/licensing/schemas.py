"""Request and response models of licence matters and applications (行政许可)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from common.identifiers import IdNumber, Uscc
from common.statistics import Figure, GroupedFigures, StatisticsScope
from kit.schemas import ApiModel

Category = Literal["普通", "特许", "认可", "核准", "登记", "其他"]
# 第四十五条 kinds, plus a matter's own 公示 steps (e.g. 7 days in the village)
SuspensionReason = Literal["hearing", "tender", "auction", "inspection", "testing",
                           "quarantine", "appraisal", "expert_review", "public_notice"]


class MaterialSpec(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    required: bool = True
    form: Literal["original", "copy", "original_and_copy"] = "copy"
    template: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, max_length=500)


class PublicNoticeStep(ApiModel):
    name: str = Field(min_length=1, max_length=100)
    days: int = Field(ge=1, le=60)
    unit: Literal["working", "calendar"] = "working"


class CertificateSpec(ApiModel):
    name: str = Field(min_length=1, max_length=100)
    # only {prefix} {year} {seq} (seq may be zero-padded, {seq:05d}, at most 8 digits)
    number_pattern: str = Field(min_length=1, max_length=100)
    prefix: str = Field(default="", max_length=40)
    validity_years: int | None = Field(default=None, ge=1, le=50)  # None = 长期有效


class LicenceMatterCreate(ApiModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    agency_id: uuid.UUID
    issuing_authority: str = Field(min_length=1, max_length=200)
    delegation_kind: Literal["statutory", "empowered", "entrusted"] = "statutory"
    delegation_ref: str | None = Field(default=None, max_length=200)
    entrustment_agreement_id: uuid.UUID | None = None
    category: Category = "普通"
    legal_basis: list[str] = Field(min_length=1)
    conditions: str = ""
    materials: list[MaterialSpec] = Field(min_length=1)
    form_template: str | None = Field(default=None, max_length=300)
    statutory_days: int = Field(default=20, ge=1, le=60)
    promised_days: int | None = Field(default=None, ge=1, le=60)
    joint_handling: bool = False
    hearing_required: bool = False
    two_tier: bool = False
    public_notice_steps: list[PublicNoticeStep] = Field(default_factory=list)
    certificate: CertificateSpec
    fee_basis: str | None = None
    safety_related: bool = False
    onsite_check_required: bool = False
    publish: bool = False


class LicenceMatterRead(ApiModel):
    id: uuid.UUID
    series_id: uuid.UUID
    version: int
    code: str
    name: str
    agency_id: uuid.UUID
    region_code: str
    issuing_authority: str
    delegation_kind: str
    delegation_ref: str | None
    entrustment_agreement_id: uuid.UUID | None
    category: str
    legal_basis: list[str]
    conditions: str
    materials: list[MaterialSpec]
    form_template: str | None
    statutory_days: int
    promised_days: int | None
    joint_handling: bool
    hearing_required: bool
    two_tier: bool
    public_notice_steps: list[PublicNoticeStep]
    certificate: CertificateSpec
    fee_basis: str | None
    safety_related: bool
    onsite_check_required: bool
    is_published: bool
    published_at: datetime | None
    superseded_at: datetime | None


class Applicant(ApiModel):
    kind: Literal["person", "organization"]
    name: str = Field(min_length=1, max_length=200)
    id_number: IdNumber | None = None
    uscc: Uscc | None = None
    phone: str | None = Field(default=None, max_length=32)


class ApplicationCreate(ApiModel):
    matter_id: uuid.UUID
    applicant: Applicant
    received_on: date | None = None
    request: str = Field(default="", max_length=4000)
    inspection_id: uuid.UUID | None = None  # 现场核查 (inspections), validated later


class CorrectionNotice(ApiModel):
    items: list[str] = Field(min_length=1)
    served_on: date | None = None


class AcceptBody(ApiModel):
    on: date | None = None
    corrected_on_spot: bool = False  # 第三十二条第一款第三项


class NotAcceptBody(ApiModel):
    kind: Literal["not_licensable", "not_ours", "false_materials"] = "not_ours"
    reason: str = Field(min_length=1, max_length=2000)
    refer_to: str | None = Field(default=None, max_length=200)
    on: date | None = None


class Stakeholder(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    told_on: date
    statement: str | None = Field(default=None, max_length=4000)


class ReviewBody(ApiModel):
    reviewer_ids: list[str] = Field(min_length=1)
    findings: str = Field(min_length=1, max_length=8000)
    substantive: bool = True
    on: date | None = None
    stakeholders: list[Stakeholder] = Field(default_factory=list)  # 第三十六条
    hearing_right_told_on: date | None = None                      # 第四十七条
    inspection_id: uuid.UUID | None = None  # the 现场核查 (an inspection), validated


class HearingRequestBody(ApiModel):
    requested_on: date | None = None
    requested_by: str = Field(min_length=1, max_length=200)


class HearingBody(ApiModel):
    notice_on: date
    held_on: date
    host_id: str = Field(min_length=1, max_length=64)
    record: str = Field(min_length=1, max_length=20000)  # 听证笔录
    participants: list[str] = Field(default_factory=list)


class SuspendBody(ApiModel):
    reason: SuspensionReason
    start: date
    end: date | None = None
    notice_on: date  # 书面告知申请人所需时间
    note: str | None = Field(default=None, max_length=2000)


class ResumeBody(ApiModel):
    end: date | None = None


class ExtendBody(ApiModel):
    approver_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=1, max_length=2000)
    told_on: date | None = None


class DecideBody(ApiModel):
    granted: bool
    reasons: str = Field(default="", max_length=8000)
    conditions: str | None = Field(default=None, max_length=4000)
    content: str | None = Field(default=None, max_length=4000)
    on: date | None = None
    false_materials: bool = False  # 第七十八条


class IssueCertificateBody(ApiModel):
    on: date | None = None


class DeadlineRead(ApiModel):
    name: str
    due_on: date
    basis: str | None
    provisional: bool
    overdue: bool


class MaterialRead(ApiModel):
    id: uuid.UUID
    name: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class ApplicantRead(ApiModel):
    kind: str
    name: str
    id_number: str | None
    uscc: str | None
    phone: str | None


class ApplicationRead(ApiModel):
    id: uuid.UUID
    version: int
    status: str
    matter: dict[str, Any]
    agency_id: uuid.UUID
    region_code: str
    applicant: ApplicantRead
    request: str
    received_on: date
    correction: dict[str, Any] | None
    deemed_accepted: bool
    accepted_on: date | None
    not_accepted: dict[str, Any] | None
    receipts: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    stakeholders: list[dict[str, Any]]
    hearing: dict[str, Any] | None
    suspensions: list[dict[str, Any]]
    extension: dict[str, Any] | None
    decision: dict[str, Any] | None
    decided_on: date | None
    granted: bool | None
    licence_id: uuid.UUID | None
    inspection_id: uuid.UUID | None
    materials: list[MaterialRead]
    missing_materials: list[str]
    next_due_on: date | None
    allowed_actions: list[str]
    deadlines: list[DeadlineRead]
    created_at: datetime


class StatisticsRow(ApiModel):
    matter_series_id: uuid.UUID | None
    matter_code: str | None
    matter_name: str | None
    applications: int
    accepted: int
    granted: int
    refused: int
    revoked: int


class StatisticsRead(GroupedFigures):
    year: int
    agency_id: uuid.UUID | None
    total: StatisticsRow
    by_matter: list[StatisticsRow]
    scope: StatisticsScope
    figures: list[Figure]
