"""The public view of one 双随机、一公开 record."""

import uuid
from datetime import date, datetime
from typing import Any

from kit.schemas import ApiModel


class InspectionDisclosureRead(ApiModel):
    id: uuid.UUID
    kind: str
    source_id: uuid.UUID
    agency_id: uuid.UUID | None
    region_code: str
    title: str
    content: dict[str, Any]
    due_on: date | None = None
    published_at: datetime
