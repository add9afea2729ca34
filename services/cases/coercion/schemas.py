"""Request and response models for 查封/扣押."""

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import Field, field_validator

from kit.schemas import ApiModel

MeasureKind = Literal["seal", "seize"]
ReleaseGround = Literal["no_violation", "unrelated", "decided_no_longer_needed",
                        "period_expired", "no_longer_needed", "approval_refused"]


class ItemIn(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    quantity: str = Field(max_length=32, description="数量（十进制文本，如 \"12\" 或 \"2.5\"）")
    unit: str = Field(min_length=1, max_length=20)
    condition: str = Field("", max_length=300, description="物品状况")

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, value: object) -> str:
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError("数量应为数字") from exc
        if not amount.is_finite() or amount <= 0:
            raise ValueError("数量应大于零")
        return format(amount.normalize(), "f")


class MeasureCreate(ApiModel):
    kind: MeasureKind
    items: list[ItemIn] = Field(min_length=1, max_length=500)
    officer_ids: list[str] = Field(min_length=1, max_length=20)
    approver_id: str | None = Field(None, max_length=64, description="批准的负责人")
    emergency: bool = Field(False, description="情况紧急当场实施（行政强制法第十九条）")
    started_on: date
    started_at: datetime | None = Field(None, description="实施时刻；紧急实施时用于计算24小时")
    place: str = Field("", max_length=300)
    reason: str = Field("", max_length=5000)
    legal_basis: str = Field("", max_length=2000)


class ApprovalCreate(ApiModel):
    approver_id: str = Field(min_length=1, max_length=64)
    approved: bool
    approved_at: datetime
    note: str | None = Field(None, max_length=2000)


class ExtensionCreate(ApiModel):
    days: int = Field(ge=1, le=365, description="延长天数（法定不超过30日）")
    approver_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=2, max_length=5000, description="书面延长理由")
    decided_on: date
    notified_on: date = Field(description="书面告知当事人的日期")


class AppraisalCreate(ApiModel):
    kind: Literal["testing", "inspection", "quarantine", "appraisal"]
    started_on: date
    ended_on: date
    notified_on: date = Field(description="书面告知当事人的日期（行政强制法第二十五条第三款）")
    note: str | None = Field(None, max_length=2000)


class ReleaseCreate(ApiModel):
    released_on: date
    ground: ReleaseGround
    items_returned: bool = True
    note: str | None = Field(None, max_length=2000)


class DisposalItem(ApiModel):
    item_id: uuid.UUID
    disposition: Literal["confiscated", "destroyed"]


class DisposalCreate(ApiModel):
    disposed_on: date
    items: list[DisposalItem] = Field(min_length=1, max_length=500)
    basis: str = Field(min_length=2, max_length=2000)


class ItemRead(ApiModel):
    id: uuid.UUID
    name: str
    quantity: str
    unit: str
    condition: str
    status: str
    disposed_on: date | None


class AppraisalRead(ApiModel):
    id: uuid.UUID
    kind: str
    started_on: date
    ended_on: date
    notified_on: date
    note: str | None


class MeasureRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    kind: MeasureKind
    status: Literal["active", "released", "disposed", "transferred"]
    place: str
    reason: str
    legal_basis: str
    officer_ids: list[str]
    certificate_numbers: list[str]
    is_emergency: bool
    approver_id: str | None
    approved_at: datetime | None
    approval_due_at: datetime | None
    started_on: date
    base_days: int
    extension_days: int
    extension: dict[str, str] | None
    excluded_days: int
    ends_on: date
    ends_provisional: bool
    released_on: date | None
    release_ground: str | None
    closed_on: date | None
    overdue: bool = False
    approval_overdue: bool = False
    items: list[ItemRead] = Field(default_factory=list)
    appraisals: list[AppraisalRead] = Field(default_factory=list)


class ItemStatistics(ApiModel):
    agency_id: uuid.UUID
    year: int
    measures: int
    items: int
    seized_items: int
    sealed_items: int
