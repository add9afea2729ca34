"""Request/response models of 年度行政执法监督计划."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

# 日常 / 重点 / 专项 / 评查 / 评议 / 现场观摩 (行政执法监督条例 Ch.3 methods [S]); the kinds of
# the plan items and of the actions that carry them out
ActionKind = Literal["routine", "key", "special", "file_evaluation", "appraisal",
                     "observation"]


class SupervisionPlanCreate(ApiModel):
    year: int = Field(ge=2000, le=2100)
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=20000)


class PlanItemCreate(ApiModel):
    kind: ActionKind
    title: str = Field(min_length=1, max_length=200)
    target_agency_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    target_matters: list[str] = Field(default_factory=list, max_length=200)
    target_domains: list[str] = Field(default_factory=list, max_length=50)
    starts_on: date
    ends_on: date


class PlanApprove(ApiModel):
    note: str | None = Field(None, max_length=2000)


class ItemProgress(ApiModel):
    actions: int
    # an action carrying the item has ended (ends_on on or before today)
    done: bool
    action_ids: list[uuid.UUID]


class PlanItemRead(ApiModel):
    id: uuid.UUID
    seq: int
    kind: str
    title: str
    target_agency_ids: list[uuid.UUID]
    target_matters: list[str]
    target_domains: list[str]
    starts_on: date
    ends_on: date
    progress: ItemProgress | None = None


class PlanProgress(ApiModel):
    planned: int
    started: int
    done: int
    # items whose period has ended without a finished action
    overdue: int
    done_rate: float | None


class SupervisionPlanRead(ApiModel):
    id: uuid.UUID
    year: int
    region_code: str
    title: str
    summary: str
    status: str
    approved_by: str | None
    approved_at: datetime | None
    approval_note: str | None
    published_at: datetime | None
    created_by: str


class SupervisionPlanDetail(SupervisionPlanRead):
    items: list[PlanItemRead] = Field(default_factory=list)
    progress: PlanProgress | None = None
