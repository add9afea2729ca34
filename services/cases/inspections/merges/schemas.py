"""Request/response models of merge suggestions and merged plans."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field, field_validator

from kit.schemas import ApiModel


class PlanBrief(ApiModel):
    plan_id: uuid.UUID
    agency_id: uuid.UUID
    name: str
    period_start: date
    period_end: date


class SharedTarget(ApiModel):
    """One enterprise both plans drew; `target_ids` is each plan's own registry row."""

    target_uscc: str
    target_name: str
    target_ids: dict[str, uuid.UUID]


class MergeSuggestion(ApiModel):
    plans: list[PlanBrief]
    overlap_start: date
    overlap_end: date
    targets: list[SharedTarget]


class MergeSuggestions(ApiModel):
    year: int
    items: list[MergeSuggestion]
    rule: str


class MergeCreate(ApiModel):
    """Plans of at least two agencies to be carried out as one 综合查一次."""

    plan_ids: list[uuid.UUID] = Field(min_length=2, max_length=20)
    lead_agency_id: uuid.UUID | None = None  # 牵头机关; default: the first plan's agency
    note: str = Field(default="", max_length=2000)

    @field_validator("plan_ids")
    @classmethod
    def _distinct(cls, v: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(v)) != len(v):
            raise ValueError("计划不得重复列出")
        return v


class JointTaskRead(ApiModel):
    id: uuid.UUID
    target_uscc: str
    target_name: str
    agency_ids: list[uuid.UUID]
    plan_ids: list[uuid.UUID]
    target_ids: dict[str, uuid.UUID]
    inspection_ids: list[uuid.UUID]


class MergeRead(ApiModel):
    id: uuid.UUID
    region_code: str
    year: int
    period_start: date
    period_end: date
    plan_ids: list[uuid.UUID]
    agency_ids: list[uuid.UUID]
    lead_agency_id: uuid.UUID
    cap_counting: str
    note: str
    decided_by: str | None
    created_at: datetime
    tasks: list[JointTaskRead]
