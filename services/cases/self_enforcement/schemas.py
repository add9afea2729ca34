"""Request and response models for the agency's own enforcement path."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from common.money import Money
from kit.schemas import ApiModel

Basis = Literal["own_power", "seized_property"]
Manner = Literal["auction", "transfer"]


class DemandCreate(ApiModel):
    basis: Basis = Field(description=(
        "own_power：本机关依法具有行政强制执行权（行政强制法第四十六条第一款）；"
        "seized_property：无强制执行权，但已查封、扣押财物，拍卖抵缴罚款（第四十六条第三款）"))
    served_on: date = Field(description="催告书送达日期（行政强制法第三十五条、第三十八条）")
    perform_by: date = Field(description="催告书载明的履行义务期限（第三十五条第一项）")


class StatementCreate(ApiModel):
    received_on: date
    text: str = Field(min_length=2, max_length=5000, description="当事人的陈述和申辩")
    review: str = Field(min_length=2, max_length=5000, description="对事实、理由和证据的复核意见")
    accepted: bool = Field(description="陈述申辩成立、予以采纳（行政强制法第三十六条）")


class DecisionCreate(ApiModel):
    decided_on: date
    approver_id: str = Field(min_length=1, max_length=64, description="批准的行政机关负责人")
    manner: Manner = Field(
        description="auction：拍卖（第四十八条）；transfer：划拨存款、汇款（第四十七条）")
    institution: str = Field(min_length=2, max_length=200,
                             description="受委托的拍卖机构或者被书面通知的金融机构")
    reason: str = Field(min_length=2, max_length=5000, description="强制执行的理由和依据")
    immediate: bool = Field(False, description="催告期间有转移或者隐匿财物迹象，立即强制执行"
                                               "（第三十七条第三款）")


class ExecutionCreate(ApiModel):
    executed_at: datetime = Field(description="实施时间（不得在夜间或者法定节假日，第四十三条）")
    emergency_reason: str | None = Field(None, min_length=2, max_length=2000,
                                         description="情况紧急的理由（第四十三条但书）")
    recovered: Money = Field(description="拍卖或者划拨所得抵缴的金额")
    proceeds_account: Literal["treasury", "fiscal_account"] = Field(
        description="上缴国库或者划入财政专户（第四十九条）")
    receipt_number: str = Field(min_length=1, max_length=100, description="缴库凭证号")


class SelfEnforcementRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    basis: Basis
    status: Literal["demanded", "decided", "executed"]
    payment_due_on: date
    surcharge_days: int = Field(description="催告时已加处罚款的天数（须超过三十日，第四十六条）")
    demand_served_on: date
    perform_by: date
    demand_amount: Money = 0
    surcharge: Money = 0
    statement: dict[str, Any] | None
    decided_on: date | None
    approver_id: str | None
    manner: Manner | None
    institution: str | None
    immediate: bool
    measure_ids: list[str]
    executed_at: datetime | None
    recovered: Money = 0
    proceeds_account: str | None
    receipt_number: str | None
    may_decide: bool = False
