"""Request and response models for 回避."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel


class RecusalCreate(ApiModel):
    officer_id: str = Field(min_length=1, max_length=64, description="被申请回避的执法人员")
    role: Literal["investigator", "hearing_host"] = "investigator"
    initiated_by: Literal["officer", "party"] = Field(
        description="officer：执法人员自行回避；party：当事人申请回避")
    reason: str = Field(min_length=2, max_length=5000,
                        description="直接利害关系或者其他可能影响公正执法的关系")
    requested_on: date


class RecusalDecide(ApiModel):
    decided_by: str = Field(min_length=1, max_length=64, description="作出决定的行政机关负责人")
    granted: bool
    decided_on: date
    reason: str = Field(min_length=2, max_length=5000)


class RecusalRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    officer_id: str
    role: str
    initiated_by: str
    reason: str
    requested_on: date
    status: Literal["pending", "granted", "refused"]
    decided_by: str | None
    decided_on: date | None
    decision_reason: str | None
    created_at: datetime


class OfficerAssign(ApiModel):
    officer_id: str = Field(min_length=1, max_length=64, description="增派的执法人员")
    approver_id: str = Field(min_length=1, max_length=64, description="指派的行政机关负责人")
    assigned_on: date
    reason: str = Field(min_length=2, max_length=2000, description="如：原承办人员已回避")


class CaseOfficersRead(ApiModel):
    case_id: uuid.UUID
    officer_ids: list[str]
