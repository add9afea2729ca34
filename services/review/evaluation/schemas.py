"""Request/response models of 案卷评查."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from kit.schemas import ApiModel

DEFAULT_BANDS = [{"grade": "优秀", "min_score": 90}, {"grade": "良好", "min_score": 80},
                 {"grade": "合格", "min_score": 60}]
FAIL_GRADE = "不合格"


class VetoItem(ApiModel):
    code: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=200)


class ScoredItem(ApiModel):
    code: str = Field(min_length=1, max_length=40)
    stage: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=200)
    max_points: float = Field(gt=0, le=100)


class GradeBand(ApiModel):
    grade: str = Field(min_length=1, max_length=10)
    min_score: float = Field(ge=0, le=100)


class RubricCreate(ApiModel):
    code: str = Field(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=100)
    veto_items: list[VetoItem] = Field(max_length=50)
    scored_items: list[ScoredItem] = Field(min_length=1, max_length=300)
    grade_bands: list[GradeBand] = Field(
        default_factory=lambda: [GradeBand(**b) for b in DEFAULT_BANDS], max_length=10)

    @model_validator(mode="after")
    def _unique_codes(self) -> "RubricCreate":
        codes = [i.code for i in self.veto_items] + [i.code for i in self.scored_items]
        if len(codes) != len(set(codes)):
            raise ValueError("否决项与评分项的编码不得重复")
        return self


class RubricRead(ApiModel):
    id: uuid.UUID
    code: str
    version: int
    name: str
    veto_items: list[VetoItem]
    scored_items: list[ScoredItem]
    grade_bands: list[GradeBand]
    total_points: float = 0
    created_at: datetime


class BatchCreate(ApiModel):
    rubric_id: uuid.UUID
    agency_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
    name: str = Field("案卷评查", min_length=1, max_length=100)
    sample_size: int | None = Field(None, ge=1, le=10_000)
    sample_ratio: float | None = Field(None, gt=0, le=1)
    seed: str | None = Field(None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _size_or_ratio(self) -> "BatchCreate":
        if (self.sample_size is None) == (self.sample_ratio is None):
            raise ValueError("须且只须给出 sample_size 或 sample_ratio 之一")
        return self


class FileRead(ApiModel):
    id: uuid.UUID
    batch_id: uuid.UUID
    agency_id: uuid.UUID
    case_id: uuid.UUID
    draw_index: int
    case_number: str | None
    status: str
    vetoes: list[str]
    deductions: list[dict[str, Any]]
    score: float | None
    grade: str | None
    problems: list[str]
    evaluator: str | None
    scored_at: datetime | None


class BatchRead(ApiModel):
    id: uuid.UUID
    name: str
    rubric_id: uuid.UUID
    region_code: str
    agency_ids: list[str]
    sample_size: int | None
    sample_ratio: float | None
    seed: str
    population: dict[str, Any]
    draw_algorithm: str = ""
    files: list[FileRead] = Field(default_factory=list)
    created_at: datetime


class Deduction(ApiModel):
    item_code: str = Field(min_length=1, max_length=40)
    points: float = Field(gt=0, le=100)
    note: str = Field("", max_length=2000)


class ScoreRequest(ApiModel):
    vetoes: list[str] = Field(default_factory=list, max_length=50)
    deductions: list[Deduction] = Field(default_factory=list, max_length=300)


class AgencyRank(ApiModel):
    rank: int
    agency_id: uuid.UUID
    files: int
    scored: int
    average_score: float | None
    vetoed: int
    grades: dict[str, int]
    problems: list[str] = Field(default_factory=list)


class Ranking(ApiModel):
    batch_id: uuid.UUID
    complete: bool
    agencies: list[AgencyRank]


class Bulletin(ApiModel):
    batch_id: uuid.UUID
    title: str
    complete: bool
    agencies: list[AgencyRank]
    text: str
