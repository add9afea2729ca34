"""Public (扫码入企) view of an inspection: who inspects, for what, whether approved; no
personal data (no ID number, phone or address of anyone)."""

from __future__ import annotations

import uuid
from datetime import date

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
