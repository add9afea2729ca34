"""Public (扫码入企) view of an inspection: who inspects, for what, whether approved; no
personal data (no ID number, phone or address of anyone)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from kit.schemas import ApiModel


class PublicOfficer(ApiModel):
    name: str
    certificate_numbers: list[str]


class PublicItem(ApiModel):
    code: str
    name: str
    legal_basis: str


class PublicInspection(ApiModel):
    agency_id: uuid.UUID
    type: str
    method: str
    status: str
    planned_on: date
    items: list[PublicItem]
    officers: list[PublicOfficer]
    assistants: int
    approval_present: bool
    emergency: bool
    notice_served: bool


class EvaluationCreate(ApiModel):
    rating: int = Field(ge=1, le=5)
    is_complaint: bool = False
    breaches: list[int] = Field(default_factory=list, max_length=13)
    comment: str = Field(default="", max_length=2000)


class EvaluationReceived(ApiModel):
    received: bool


class EvaluationItem(ApiModel):
    inspection_id: uuid.UUID
    rating: int
    is_complaint: bool
    breaches: list[int]
    comment: str
    created_at: datetime


class EvaluationSummary(ApiModel):
    """Agency roles get the aggregate only (`items` is null); supervisors get every item."""

    agency_id: uuid.UUID | None
    year: int
    count: int
    average_rating: float | None
    complaints: int
    by_breach: dict[str, int]
    items: list[EvaluationItem] | None
