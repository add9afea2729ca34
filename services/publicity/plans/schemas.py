"""Models of the public 年度行政执法监督计划."""

import uuid
from datetime import datetime
from typing import Any

from kit.schemas import ApiModel


class PublicPlanRead(ApiModel):
    id: uuid.UUID
    year: int
    region_code: str
    title: str
    summary: str
    items: list[dict[str, Any]]
    published_at: datetime
