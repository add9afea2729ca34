"""Request and response models for 移送."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel

TransferKind = Literal["agency", "judicial"]
TransferStatus = Literal["pending_approval", "refused", "approved", "sent", "accepted",
                         "declined", "returned"]


class TransferCreate(ApiModel):
    kind: TransferKind = Field(description="agency 移送管辖；judicial 涉嫌犯罪移送司法机关")
    target_name: str = Field(min_length=2, max_length=200, description="接收机关")
    target_agency_id: uuid.UUID | None = None
    reason: str = Field(min_length=2, max_length=5000)
    report: str = Field(min_length=2, max_length=20000, description="书面移送报告")
    officer_ids: list[str] = Field(min_length=1, max_length=10)
    reported_at: datetime | None = Field(None, description="报告提交负责人的时刻；缺省为现在")


class TransferDecision(ApiModel):
    approved: bool
    approver_id: str = Field(min_length=1, max_length=64, description="正职负责人")
    decided_at: datetime
    reason: str | None = Field(None, max_length=5000, description="不批准的理由")


class TransferSend(ApiModel):
    sent_at: datetime
    documents: list[str] = Field(default_factory=list, max_length=50,
                                 description="移送书、调查报告、涉案物品清单、鉴定意见等")
    measure_ids: list[uuid.UUID] | None = Field(
        None, description="随案移交的查封、扣押措施；缺省为案件全部在押措施（涉嫌犯罪移送）")


class TransferAnswer(ApiModel):
    answer: Literal["accepted", "declined", "returned"] = Field(
        description="accepted 立案/接收；declined 不予立案/不接收；returned 移回作行政处罚")
    answered_on: date
    note: str | None = Field(None, max_length=5000)


class TransferRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: TransferKind
    status: TransferStatus
    target_name: str
    target_agency_id: uuid.UUID | None
    reason: str
    report: str
    officer_ids: list[str]
    reported_at: datetime
    decision_due_on: date
    approver_id: str | None
    decided_at: datetime | None
    decision_late: bool
    refusal_reason: str | None
    send_due_at: datetime | None
    sent_at: datetime | None
    send_late: bool
    documents: list[str]
    measure_ids: list[str]
    answer: str | None
    answered_on: date | None
    answer_note: str | None
