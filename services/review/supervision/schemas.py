"""Request/response models of 监督意见书."""

import uuid
from datetime import date, datetime

from pydantic import Field

from kit.schemas import ApiModel


class OpinionCreate(ApiModel):
    agency_id: uuid.UUID
    # the agency's region; defaults to the issuing supervisor's region
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    findings: str = Field(min_length=1, max_length=20000)
    legal_basis: str = Field(min_length=1, max_length=5000)
    required_actions: str = Field(min_length=1, max_length=20000)
    rectify_by: date


class OpinionReply(ApiModel):
    content: str = Field(min_length=1, max_length=20000)


class OpinionRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    findings: str
    legal_basis: str
    required_actions: str
    rectify_by: date
    status: str
    issued_by: str
    issued_at: datetime
    reply: str | None
    replied_at: datetime | None
    replied_late: bool | None
    is_overdue: bool = False
