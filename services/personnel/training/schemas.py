from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from kit.schemas import ApiModel

# 通用法律知识 / 专门法律知识 / 法律知识更新 / 岗前培训
TrainingKind = Literal["general_law", "special_law", "legal_update", "induction"]
# 本单位 / 区级 / 网络平台
Organiser = Literal["own_unit", "district", "online_platform"]


# 学时 (0, 200], at most one decimal, as a decimal string ("1.5"): the schema says exactly what the
# validation takes (it promised "a number or any string" before); a JSON number is refused, as
# binary floats cannot say 0.3 exactly
HOURS_PATTERN = r"^(?:(?:[1-9]\d?|1\d\d)(?:\.\d)?|200(?:\.0)?|0\.[1-9])$"


def _hours_text(value: object) -> object:
    if not isinstance(value, str) or not re.match(HOURS_PATTERN, value):
        raise ValueError("学时应为 0 到 200 之间、最多一位小数的字符串，如 \"1.5\"")
    return value



class TrainingCreate(ApiModel):
    kind: TrainingKind
    hours: Annotated[Decimal, BeforeValidator(_hours_text), WithJsonSchema(
        {"type": "string", "pattern": HOURS_PATTERN, "example": "1.5"})] = Field(
        gt=0, le=200, decimal_places=1, description="学时，最多一位小数")
    completed_on: date
    title: str = Field(min_length=2, max_length=200)
    organiser: Organiser


class TrainingRead(ApiModel):
    id: uuid.UUID
    officer_id: uuid.UUID
    kind: str
    hours: str
    completed_on: date
    title: str
    organiser: str


class OfficerCompliance(ApiModel):
    officer_id: uuid.UUID
    name: str
    hours: str = Field(description="本年度累计学时")
    required_hours: int
    meets_requirement: bool
    has_legal_update: bool = Field(description="本单位组织的法律知识更新培训")


class TrainingCompliance(ApiModel):
    year: int
    agency_id: uuid.UUID
    required_hours: int
    officers_total: int
    officers_below_requirement: int
    officers_without_legal_update: int
    coverage_rate: str = Field(description="培训覆盖率（有培训记录的执法人员占比），小数")
    coverage_percent: str
    exams_taken: int
    exams_passed: int
    exam_pass_rate: str | None = Field(description="本年度执法资格考试通过率，小数；无考试为 null")
    exam_pass_percent: str | None
    officers: list[OfficerCompliance]
