"""Request/response models of spot-check plans and draws."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field, field_validator, model_validator

from kit.schemas import ApiModel
from services.cases.inspections.catalogue.schemas import RiskClass


class PlanCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    year: int = Field(ge=2000, le=2100)
    item_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)
    # credit-risk class → share drawn; default: the first item's ratio_by_risk
    strata: dict[RiskClass, float] | None = None
    inspector_ids: list[str] = Field(min_length=2, max_length=5000)
    inspectors_per_target: int = Field(default=2, ge=2, le=10)
    max_targets_per_inspector: int | None = Field(default=None, ge=1)
    joint_agency_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)
    # the period the plan runs in (default: the whole year); merge matching compares it
    period_start: date | None = None
    period_end: date | None = None

    @model_validator(mode="after")
    def _period(self) -> PlanCreate:
        start = self.period_start or date(self.year, 1, 1)
        end = self.period_end or date(self.year, 12, 31)
        if start.year != self.year or end.year != self.year or start > end:
            raise ValueError("计划实施期间须在计划年度内，且开始日期不晚于结束日期")
        return self

    @field_validator("strata")
    @classmethod
    def _ratios(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        if v and any(not 0 <= r <= 1 for r in v.values()):
            raise ValueError("抽查比例须在 0 到 1 之间")
        return v


class PlanRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    year: int
    name: str
    item_ids: list[str]
    domain: str
    strata: dict[str, float]
    inspector_ids: list[str]
    inspectors_per_target: int
    max_targets_per_inspector: int | None
    joint_agency_ids: list[str]
    period_start: date
    period_end: date
    merge_id: uuid.UUID | None = None
    seed_commitment: str | None = None
    seed_committed_at: datetime | None = None
    created_at: datetime


class DrawCreate(ApiModel):
    """Either a declared `seed` (e.g. a witnessed 公证摇号), or a seed derived from a public
    value: `public_value` (a lottery result, an index close…, named in `seed_source`) with the
    `nonce` whose SHA-256 the plan committed before (`POST .../seed-commitment`)."""

    seed: str | None = Field(default=None, min_length=8, max_length=200)
    public_value: str | None = Field(default=None, min_length=1, max_length=200)
    nonce: str | None = Field(default=None, min_length=16, max_length=200)
    seed_source: str = Field(default="", max_length=300)
    drawn_on: date | None = None

    @model_validator(mode="after")
    def _one_seed(self) -> DrawCreate:
        if (self.seed is None) == (self.public_value is None):
            raise ValueError("须且只能给出 seed（声明的种子）或 public_value（公开值）之一")
        if self.public_value is not None and self.nonce is None:
            raise ValueError("由公开值生成种子时须同时提供事先承诺的 nonce")
        return self


class SeedCommitment(ApiModel):
    """SHA-256 (hex) of a secret nonce, published before the public value is known."""

    commitment: str = Field(pattern=r"^[0-9a-f]{64}$")


class DrawnTarget(ApiModel):
    target_id: str
    stratum: str
    rank: int
    inspector_ids: list[str]


class DrawRead(ApiModel):
    id: uuid.UUID
    plan_id: uuid.UUID
    algorithm: str
    seed: str
    seed_source: str
    seed_derivation: dict[str, Any] | None = None
    drawn_on: date
    pool_hashes: dict[str, str]
    pool: dict[str, Any]
    targets: list[DrawnTarget]
    exclusions: list[dict[str, Any]]


class DrawVerifyRead(ApiModel):
    matches: bool
    pool_hashes_match: bool
    result_matches: bool
