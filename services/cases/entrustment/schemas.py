"""Request and response models for 委托协议."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from common.identifiers import Uscc
from kit.schemas import ApiModel

EvaluationResult = Literal["excellent", "qualified", "basically_qualified", "unqualified"]


class AgreementCreate(ApiModel):
    number: str = Field(min_length=1, max_length=100, description="委托书编号")
    delegating_agency_id: uuid.UUID | None = None
    delegating_agency_name: str = Field(min_length=2, max_length=200, description="委托机关")
    delegating_agency_uscc: Uscc | None = None
    agency_id: uuid.UUID | None = Field(None, description="受委托组织；机构用户默认本机构")
    agency_name: str = Field(min_length=2, max_length=200)
    region_code: str | None = Field(None, min_length=6, max_length=12)
    matter_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    powers: str = Field(min_length=2, max_length=5000, description="委托权限")
    valid_from: date
    valid_until: date
    published_on: date | None = Field(None, description="委托书向社会公布的日期")
    publication_ref: str | None = Field(None, max_length=300)


class AgreementFiling(ApiModel):
    filed_on: date
    filing_ref: str = Field(min_length=1, max_length=200)


class AgreementPublication(ApiModel):
    published_on: date
    publication_ref: str = Field(min_length=1, max_length=300)


class AgreementTermination(ApiModel):
    terminated_on: date
    reason: str = Field(min_length=2, max_length=2000)


class EvaluationCreate(ApiModel):
    year: int = Field(ge=2000, le=2100)
    result: EvaluationResult
    evaluated_on: date
    comments: str | None = Field(None, max_length=5000)
    findings: list[str] = Field(default_factory=list, max_length=100)


class EvaluationRead(ApiModel):
    id: uuid.UUID
    year: int
    result: EvaluationResult
    evaluated_on: date
    comments: str | None
    findings: list[str]


class AgreementRead(ApiModel):
    id: uuid.UUID
    number: str
    agency_id: uuid.UUID
    agency_name: str
    region_code: str
    delegating_agency_id: uuid.UUID | None
    delegating_agency_name: str
    delegating_agency_uscc: str | None
    matter_ids: list[uuid.UUID] = Field(default_factory=list)
    powers: str
    valid_from: date
    valid_until: date
    published_on: date | None
    publication_ref: str | None
    filing_status: Literal["unfiled", "filed"]
    filed_on: date | None
    filing_ref: str | None
    status: Literal["active", "terminated"]
    terminated_on: date | None
    termination_reason: str | None
    evaluations: list[EvaluationRead] = Field(default_factory=list)
    created_at: datetime
