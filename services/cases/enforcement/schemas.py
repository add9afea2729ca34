"""Request and response models for the court enforcement path."""

import uuid
from datetime import date
from typing import Literal

from pydantic import Field

from common.money import Money
from kit.schemas import ApiModel


class DemandCreate(ApiModel):
    served_on: date = Field(description="催告书送达日期（行政强制法第三十五条、第五十四条）")


class ApplicationCreate(ApiModel):
    applied_on: date
    court_name: str = Field(min_length=2, max_length=200, description="所在地有管辖权的人民法院")


class CourtEnforcementRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    status: Literal["demanded", "applied"]
    demand_served_on: date
    demand_amount: Money = 0
    surcharge: Money = 0
    wait_ends_on: date = Field(description="催告书送达后十个工作日届满日；其后方可申请")
    remedy_ends_on: date = Field(description="复议、诉讼期限（或暂缓缴纳期限）届满日")
    apply_by: date = Field(description="申请强制执行的最后一日（期限届满之日起三个月内）")
    applied_on: date | None
    court_name: str | None
    may_apply: bool = False
    lapsed: bool = False
