from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

# 执法记录仪 / 移动执法终端 / 其他
DeviceKind = Literal["body_camera", "mobile_terminal", "other"]


class DeviceCreate(ApiModel):
    serial: str = Field(min_length=2, max_length=64)
    kind: DeviceKind
    model: str | None = Field(None, max_length=100)
    agency_id: uuid.UUID


class DeviceAssign(ApiModel):
    officer_id: uuid.UUID


class DeviceLoss(ApiModel):
    note: str = Field(min_length=2, max_length=500, description="遗失情况说明")


class DeviceRead(ApiModel):
    id: uuid.UUID
    serial: str
    kind: str
    model: str | None
    agency_id: uuid.UUID
    status: str = Field(description="in_stock 在库 / assigned 已配发 / lost 遗失")
    officer_id: uuid.UUID | None
    note: str | None
