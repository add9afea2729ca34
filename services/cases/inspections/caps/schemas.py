"""Request/response models of the cap table."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel


class CapPut(ApiModel):
    agency_id: uuid.UUID
    target_class: Literal["A", "B", "C", "D", "*"] = Field(
        description="信用风险分类 A–D，* 为全部分类")
    annual_limit: int = Field(ge=0, le=100, description="同一机关对同一企业年度检查次数上限")
    basis: str = Field(default="", max_length=300, description="依据（主管部门公布的文件）")


class CapRowRead(ApiModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    target_class: str
    annual_limit: int
    basis: str
    updated_by: str | None
    updated_at: datetime
