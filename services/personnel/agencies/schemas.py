from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field, field_validator

from common.identifiers import Uscc
from kit.schemas import ApiModel
from services.personnel.identifiers import validate_uscc

# 区直部门 / 乡镇人民政府 / 街道办事处 / 综合行政执法队 / 司法所
AgencyKind = Literal["district_department", "township_government", "street_office",
                     "comprehensive_team", "justice_office"]
RegionCode = str


class AgencyCreate(ApiModel):
    name: str = Field(min_length=2, max_length=100)
    short_name: str | None = Field(None, max_length=50)
    uscc: Uscc
    kind: AgencyKind
    parent_id: uuid.UUID | None = None
    region_code: str = Field(pattern=r"^\d{6,12}$", description="行政区划代码（区6位、镇9位）")
    domains: list[str] = Field(default_factory=list, max_length=50,
                               description="执法领域，如 urban_management、market_regulation")

    @field_validator("uscc")
    @classmethod
    def _uscc(cls, value: str) -> str:
        return validate_uscc(value)


class AgencyUpdate(ApiModel):
    name: str | None = Field(None, min_length=2, max_length=100)
    short_name: str | None = Field(None, max_length=50)
    domains: list[str] | None = Field(None, max_length=50)


class AgencyRead(ApiModel):
    id: uuid.UUID
    name: str
    short_name: str | None
    uscc: str
    kind: str
    parent_id: uuid.UUID | None
    region_code: str
    domains: list[str]
