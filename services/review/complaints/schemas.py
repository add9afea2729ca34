"""Request/response models of 投诉举报."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

Category = Literal["violation_report", "enforcement_conduct"]


class ComplaintCreate(ApiModel):
    category: Category
    content: str = Field(min_length=5, max_length=10000)
    contact_name: str | None = Field(None, max_length=50)
    contact_phone: str | None = Field(None, pattern=r"^[0-9+\-() ]{5,30}$")
    target_agency_id: uuid.UUID | None = None
    location: str | None = Field(None, max_length=200)
    # optional: the 区县/乡镇 code; staff registrations default to the caller's region
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    channel: Literal["platform", "hotline_12345", "letter", "visit"] = "platform"


class ComplaintReceipt(ApiModel):
    tracking_code: str
    respond_by: date
    respond_by_provisional: bool = False


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
    is_overdue: bool = False


class AssignComplaint(ApiModel):
    handler: str = Field(min_length=1, max_length=64)
    target_agency_id: uuid.UUID | None = None


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
