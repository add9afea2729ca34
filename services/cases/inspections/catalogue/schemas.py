"""Request/response models of the inspection catalogue (items, targets, imports)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator

from common.identifiers import Uscc
from kit.schemas import ApiModel

TargetKind = Literal["enterprise", "individual_business", "person", "site"]
InspectionType = Literal["routine", "case", "special"]
Method = Literal["onsite", "document", "remote"]
RiskClass = Literal["A", "B", "C", "D"]


class ChecklistLine(ApiModel):
    code: str = Field(min_length=1, max_length=32)
    text: str = Field(min_length=1, max_length=500)


class ItemCreate(ApiModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    agency_id: uuid.UUID
    legal_basis: str = Field(min_length=1, max_length=4000)
    target_kind: TargetKind
    domain: str = Field(min_length=1, max_length=64)
    types_allowed: list[InspectionType] = Field(min_length=1)
    methods_allowed: list[Method] = Field(min_length=1)
    double_random: Literal["none", "general", "key"] = "none"
    ratio_by_risk: dict[RiskClass, float] = Field(default_factory=dict)
    annual_cap: int | None = Field(default=None, ge=0, le=100)
    checklist: list[ChecklistLine] = Field(default_factory=list)
    publish: bool = False

    @field_validator("ratio_by_risk")
    @classmethod
    def _ratios(cls, v: dict[str, float]) -> dict[str, float]:
        if any(not 0 <= r <= 1 for r in v.values()):
            raise ValueError("抽查比例须在 0 到 1 之间")
        return v


class ItemVersionCreate(ApiModel):
    """A new version: fields given replace the current version's; the rest are copied."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    legal_basis: str | None = Field(default=None, min_length=1, max_length=4000)
    types_allowed: list[InspectionType] | None = None
    methods_allowed: list[Method] | None = None
    ratio_by_risk: dict[RiskClass, float] | None = None
    annual_cap: int | None = Field(default=None, ge=0, le=100)
    checklist: list[ChecklistLine] | None = None
    publish: bool = True


class ItemRead(ApiModel):
    id: uuid.UUID
    series_id: uuid.UUID
    version: int
    code: str
    name: str
    agency_id: uuid.UUID
    region_code: str
    legal_basis: str
    target_kind: str
    domain: str
    types_allowed: list[str]
    methods_allowed: list[str]
    double_random: str
    ratio_by_risk: dict[str, float]
    annual_cap: int | None
    checklist: list[ChecklistLine]
    published_at: datetime | None
    superseded_at: datetime | None


class TargetCreate(ApiModel):
    kind: TargetKind
    uscc: Uscc | None = None
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(default="", max_length=300)
    industry: str = Field(default="", max_length=100)
    grid: str = Field(default="", max_length=100)
    credit_risk_class: RiskClass = "B"
    licences: list[str] = Field(default_factory=list, max_length=50)
    conflict_officer_ids: list[str] = Field(default_factory=list, max_length=200)
    agency_id: uuid.UUID | None = None


class TargetRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    kind: str
    uscc: str | None
    name: str
    address: str
    industry: str
    grid: str
    credit_risk_class: str
    licences: list[str]
    conflict_officer_ids: list[str]
    created_at: datetime


class ImportRowResult(ApiModel):
    row: int
    status: Literal["imported", "updated", "rejected"]
    target_id: uuid.UUID | None = None
    errors: list[str] = Field(default_factory=list)


class ImportReport(ApiModel):
    imported: int
    updated: int
    rejected: int
    rows: list[ImportRowResult]
