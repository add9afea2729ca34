"""Public view of a licence disclosure (no private field)."""

from __future__ import annotations

import uuid
from datetime import date

from kit.schemas import ApiModel


class LicenceDisclosureRead(ApiModel):
    id: uuid.UUID
    status: str
    granted: bool
    holder_kind: str
    holder_name: str
    holder_code: str | None
    document_name: str
    document_number: str
    matter_name: str
    category: str
    certificate_name: str
    licence_number: str
    content: str
    decided_on: date | None
    valid_from: date | None
    valid_to: date | None
    agency_id: uuid.UUID | None
    agency_name: str
    withdraw_reason: str | None
