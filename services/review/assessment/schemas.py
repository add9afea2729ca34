"""Request/response models of 评议考核."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

# 执法办案数量、质量、效果 (seed 003 §四), and 遵守纪律 (issue 15 point 6)
Dimension = Literal["quantity", "quality", "effect", "discipline"]
DIMENSION_NAMES = {"quantity": "数量", "quality": "质量", "effect": "效果",
                   "discipline": "纪律"}


class Indicator(ApiModel):
    """One indicator: a statistics figure key, its weight, and whether more is better."""

    key: str = Field(min_length=1, max_length=80, pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    label: str = Field(min_length=1, max_length=60)
    dimension: Dimension
    weight: float = Field(gt=0, le=100)
    direction: Literal["higher", "lower"]


class AssessmentCreate(ApiModel):
    year: int = Field(ge=2000, le=2100)
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    # omitted: the default scheme of the settings (`assessment_indicators`)
    indicators: list[Indicator] | None = Field(None, min_length=1, max_length=50)


class IndicatorScore(ApiModel):
    key: str
    label: str
    dimension: str
    weight: float
    direction: str
    value: float | None
    score: float
    missing: bool
    # the statistics call the value came from: {service, path, params}
    source: dict[str, Any] | None


class ScoreRead(ApiModel):
    agency_id: uuid.UUID
    agency_name: str | None
    rank: int
    total: float
    dimensions: dict[str, float]
    details: list[IndicatorScore]


class AssessmentRead(ApiModel):
    id: uuid.UUID
    year: int
    region_code: str
    status: str
    indicators: list[Indicator]
    calls: int
    computed_by: str
    computed_at: datetime
    finalised_by: str | None
    finalised_at: datetime | None
    ranking: list[ScoreRead] = Field(default_factory=list)


class AssessmentSummary(ApiModel):
    id: uuid.UUID
    year: int
    region_code: str
    status: str
    computed_at: datetime
    finalised_at: datetime | None
