"""Models of the public 统计年报."""

import uuid
from datetime import datetime
from typing import Any

from kit.schemas import ApiModel


class AnnualStatisticsRead(ApiModel):
    id: uuid.UUID
    year: int
    number: int
    agency_id: uuid.UUID | None
    region_code: str
    status: str
    replaces_id: uuid.UUID | None
    tables: list[dict[str, Any]]
    finalised_at: datetime
    published_at: datetime
