"""Request and response models for 当场处罚 (简易程序)."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from common.money import Money
from kit.schemas import ApiModel
from services.cases.lifecycle.reads import PartyRead
from services.cases.lifecycle.schemas import HarmKind, Party, PenaltyKind


class SummaryPenalty(ApiModel):
    kind: PenaltyKind
    amount: Money = 0


class SummaryDecisionCreate(ApiModel):
    matter_id: uuid.UUID
    party: Party
    penalty: SummaryPenalty
    officer_ids: list[str] = Field(min_length=1, max_length=10)
    facts: str = Field(min_length=2, max_length=5000)
    facts_clear: bool = Field(True, description="违法事实确凿（行政处罚法第五十一条）")
    decided_at: datetime
    place: str = Field(min_length=1, max_length=300)
    act_date: date | None = Field(None, description="违法行为发生日；缺省为决定当日")
    harm_kind: HarmKind | None = Field(
        None, description="涉及公民生命健康安全或金融安全且有危害后果（追诉时效五年，第三十六条）")
    document_number: str | None = Field(
        None, max_length=100, description="预定格式、编有号码的决定书编号；缺省按本机关序号生成")
    party_refused_to_sign: bool = Field(False, description="当事人拒绝签收（应在决定书上注明）")
    collected_on_spot: bool = Field(False, description="当场收缴罚款（行政处罚法第六十八条）")
    receipt_number: str | None = Field(None, max_length=100, description="财政统一票据号")
    collection_ground: Literal["small_fine", "hard_to_collect", "remote_area"] | None = Field(
        None, description="当场收缴的法定情形（第六十八条、第六十九条）；一百元以下可省略")
    party_requested: bool = Field(False, description="边远、水上、交通不便地区由当事人提出")
    on_water: bool = False
    landed_on: date | None = Field(None, description="水上收缴：抵岸日期（第七十一条）")
    remarks: str | None = Field(None, max_length=2000)


class OfficerShown(ApiModel):
    officer_id: str
    name: str
    certificate_numbers: list[str]


class SummaryDecisionRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    document_number: str
    decided_at: datetime
    decided_on: date
    place: str
    penalty: SummaryPenalty
    officers: list[OfficerShown]
    party: PartyRead
    facts: str
    matter: dict[str, str | None]
    deciding_agency: dict[str, str | None]
    party_refused_to_sign: bool
    collected_on_spot: bool
    receipt_number: str | None
    status: str
    procedure: str


class NumberingUpdate(ApiModel):
    pattern: str = Field(min_length=5, max_length=100,
                         description="占位符 {prefix} {year} {seq}")


class NumberingRead(ApiModel):
    agency_id: uuid.UUID
    pattern: str
    example: str


class HandInCreate(ApiModel):
    handed_in_on: date = Field(description="执法人员将罚款交至行政机关的日期（第七十一条）")
    received_by: str = Field(min_length=1, max_length=100, description="机关收款人")


class BankDepositCreate(ApiModel):
    banked_on: date = Field(description="行政机关将罚款缴付指定银行的日期（第七十一条）")
    bank_receipt_number: str = Field(min_length=1, max_length=100)


class CollectionRead(ApiModel):
    id: uuid.UUID
    summary_decision_id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    amount: Money = 0
    receipt_number: str
    ground: str
    on_water: bool
    collected_on: date
    landed_on: date | None
    hand_in_due_on: date
    handed_in_on: date | None
    received_by: str | None
    bank_due_on: date
    banked_on: date | None
    bank_receipt_number: str | None
    hand_in_overdue: bool = False
    bank_overdue: bool = False
    handed_in_late: bool = False
    banked_late: bool = False
