"""Request and response models for 先行登记保存."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel
from services.cases.coercion.schemas import ItemIn

# 处理决定 [S: 市场监督管理行政处罚程序规定第三十四条]: 记录、复制、拍照、录像等证据保全;
# 送交检测、检验、检疫、鉴定; 依法决定查封、扣押; 解除先行登记保存
Handling = Literal["record_copy", "testing", "seal_or_seize", "release"]


class PreservationCreate(ApiModel):
    reason: str = Field(min_length=2, max_length=5000,
                        description="证据可能灭失或者以后难以取得的情形（行政处罚法第五十六条）")
    items: list[ItemIn] = Field(min_length=1, max_length=500)
    officer_ids: list[str] = Field(min_length=1, max_length=20)
    approver_id: str = Field(min_length=1, max_length=64, description="批准的行政机关负责人")
    approved_at: datetime
    preserved_on: date
    notice_served_on: date | None = Field(None, description="先行登记保存证据通知书送达日期")
    place: str = Field("", max_length=300)


class PreservationDecide(ApiModel):
    handling: Handling
    decided_on: date
    note: str | None = Field(None, max_length=5000)


class PreservationRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    status: Literal["preserved", "decided"]
    reason: str
    place: str
    items: list[ItemIn]
    officer_ids: list[str]
    approver_id: str
    approved_at: datetime
    preserved_on: date
    notice_served_on: date | None
    decision_due_on: date
    due_provisional: bool
    decided_on: date | None
    handling: str | None
    handling_note: str | None
    decided_late: bool
    overdue: bool = False
