"""Matter catalogue request/response models."""

import uuid
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from common.money import Money
from kit.schemas import ApiModel

MatterKind = Literal["penalty", "coercion", "inspection", "license", "levy", "other"]
MatterSource = Literal["statutory", "empowered", "entrusted"]


class DiscretionTier(ApiModel):
    """裁量基准 tier (行政处罚法第三十四条): circumstances and the fine range."""

    tier: str = Field(min_length=1, max_length=40)
    circumstances: str = Field("", max_length=2000)
    min_fine: Money = 0
    max_fine: Money = 0

    @model_validator(mode="after")
    def _range(self) -> "DiscretionTier":
        if self.max_fine < self.min_fine:
            raise ValueError("max_fine 不得小于 min_fine")
        return self


class HearingThresholds(ApiModel):
    person: Money
    organization: Money


class MatterCreate(ApiModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    kind: MatterKind = "penalty"
    source: MatterSource = "statutory"
    source_ref: str | None = Field(None, max_length=200)
    domain: str = Field(min_length=1, max_length=64)
    legal_basis: str = Field(min_length=1, max_length=4000)
    penalty_basis: str = Field("", max_length=4000)
    agency_id: uuid.UUID
    region_code: str | None = Field(None, max_length=12)
    effective_from: date
    effective_to: date | None = None
    discretion_tiers: list[DiscretionTier] = Field(default_factory=list)
    soft_enforcement: bool = False
    hearing_thresholds: HearingThresholds | None = None
    life_health_or_financial: bool = False
    is_published: bool = True

    @model_validator(mode="after")
    def _check(self) -> "MatterCreate":
        if self.source == "empowered" and not self.source_ref:
            raise ValueError("赋权事项须填写赋权决定文号 source_ref（行政处罚法第二十四条）")
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to 不得早于 effective_from")
        if len({t.tier for t in self.discretion_tiers}) < len(self.discretion_tiers):
            raise ValueError("裁量档次 tier 不得重复")
        return self


class MatterVersionCreate(ApiModel):
    """A new version of an existing matter from `effective_from`; omitted fields carry over."""

    effective_from: date
    name: str | None = Field(None, max_length=200)
    legal_basis: str | None = Field(None, max_length=4000)
    penalty_basis: str | None = Field(None, max_length=4000)
    discretion_tiers: list[DiscretionTier] | None = None
    soft_enforcement: bool | None = None
    hearing_thresholds: HearingThresholds | None = None
    life_health_or_financial: bool | None = None
    is_published: bool | None = None


class MatterRead(ApiModel):
    id: uuid.UUID
    series_id: uuid.UUID
    code: str
    name: str
    kind: str
    source: str
    source_ref: str | None
    domain: str
    legal_basis: str
    penalty_basis: str
    agency_id: uuid.UUID
    region_code: str
    effective_from: date
    effective_to: date | None
    discretion_tiers: list[DiscretionTier]
    soft_enforcement: bool
    hearing_thresholds: HearingThresholds | None
    life_health_or_financial: bool
    limitation_years: int
    is_published: bool


class ThresholdCreate(ApiModel):
    """较大数额 for one agency or region prefix (optionally one domain)."""

    agency_id: uuid.UUID | None = None
    region_code: str | None = Field(None, max_length=12)
    domain: str | None = Field(None, max_length=64)
    person: Money
    organization: Money
    basis: str = Field("", max_length=200)

    @model_validator(mode="after")
    def _scope(self) -> "ThresholdCreate":
        if not self.agency_id and not self.region_code:
            raise ValueError("须指定 agency_id 或 region_code")
        return self


class ThresholdRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID | None
    region_code: str | None
    domain: str | None
    person: Money
    organization: Money
    basis: str
