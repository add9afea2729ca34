"""Request/response models of 投诉举报."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

Category = Literal["violation_report", "enforcement_conduct"]
# intake channels: platform = 网上 (this platform's own form), hotline_12345 = 12345,
# petition = 信访, phone = 来电, letter = 来信, qr_scan = 扫码 (扫码入企 / 扫码评价), and the
# older visit = 来访, and invited_supervisor = passed on by a 特邀行政执法监督员
Channel = Literal["platform", "hotline_12345", "petition", "phone", "letter", "qr_scan",
                  "visit", "invited_supervisor"]
# what a citizen may name without a token: the platform form or the code they scanned
PUBLIC_CHANNELS = ("platform", "qr_scan")
CHANNEL_LABELS = {"platform": "网上", "hotline_12345": "12345", "petition": "信访",
                  "phone": "来电", "letter": "来信", "qr_scan": "扫码", "visit": "来访",
                  "invited_supervisor": "特邀监督员转交"}


class ComplaintCreate(ApiModel):
    category: Category
    content: str = Field(min_length=5, max_length=10000)
    contact_name: str | None = Field(None, max_length=50)
    contact_phone: str | None = Field(None, pattern=r"^[0-9+\-() ]{5,30}$")
    target_agency_id: uuid.UUID | None = None
    location: str | None = Field(None, max_length=200)
    # optional: the 区县/乡镇 code; staff registrations default to the caller's region
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    channel: Channel = "platform"
    # the channel's own ticket (12345 工单号, 信访件编号)
    external_ticket_id: str | None = Field(None, min_length=1, max_length=64)


class ComplaintReceipt(ApiModel):
    tracking_code: str
    acknowledge_by: date | None = None
    respond_by: date
    respond_by_provisional: bool = False
    close_by: date | None = None


class ComplaintPublicStatus(ApiModel):
    """What the citizen sees with the code alone: no contact data, no handler, no content."""

    tracking_code: str
    category: str
    status: str
    received_at: datetime
    acknowledged_at: datetime | None
    respond_by: date
    responded_at: datetime | None
    reply: str | None
    closed_at: datetime | None
    refused_at: datetime | None = None
    decision_reason: str | None = None
    close_by: date | None = None
    result_told_at: datetime | None = None


class ComplaintRead(ApiModel):
    id: uuid.UUID
    tracking_code: str
    category: str
    channel: str
    content: str
    contact_name: str | None
    contact_phone: str | None
    location: str | None
    target_agency_id: uuid.UUID | None
    region_code: str
    status: str
    received_at: datetime
    acknowledge_by: date
    respond_by: date
    close_by: date
    handler: str | None
    acknowledged_at: datetime | None
    responded_at: datetime | None
    reply: str | None
    closed_at: datetime | None
    result: str | None
    lead_case_id: uuid.UUID | None
    lead_status: str | None
    external_ticket_id: str | None = None
    decision_reason: str | None = None
    refused_at: datetime | None = None
    extended_at: datetime | None = None
    extension_approved_by: str | None = None
    extension_reason: str | None = None
    result_told_at: datetime | None = None
    result_told_via: str | None = None
    is_overdue: bool = False


class AssignComplaint(ApiModel):
    handler: str = Field(min_length=1, max_length=64)
    target_agency_id: uuid.UUID | None = None


class AcceptComplaint(ApiModel):
    """受理 with its reasons (optional; a refusal always needs them: /refuse)."""

    reason: str | None = Field(None, max_length=5000)


class RespondComplaint(ApiModel):
    reply: str = Field(min_length=1, max_length=10000)


class CloseComplaint(ApiModel):
    result: str = Field(min_length=1, max_length=10000)


class LeadCreate(ApiModel):
    """What the officer adds so cases can open the lead (线索): matter and party."""

    matter_id: uuid.UUID
    party: dict[str, Any]
    act_date: date
    facts: str | None = Field(None, max_length=20000)


class ComplaintStats(ApiModel):
    agency_id: uuid.UUID | None
    year: int
    total: int
    responded: int
    completed: int
    response_rate: float
    completion_rate: float
