"""Request and response models for 查封/扣押."""

import re
import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import Field, field_validator

from kit.schemas import ApiModel

MeasureKind = Literal["seal", "seize"]
ReleaseGround = Literal["no_violation", "unrelated", "decided_no_longer_needed",
                        "period_expired", "no_longer_needed", "approval_refused"]


# a positive decimal: the schema states it, the validator enforces the same
QUANTITY = re.compile(r"^([0-9]*[1-9][0-9]*(\.[0-9]+)?|[0-9]+\.[0-9]*[1-9][0-9]*)$")


class ItemIn(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    quantity: str = Field(max_length=32, pattern=QUANTITY.pattern,
                          description="数量（大于零的十进制文本，如 \"12\" 或 \"2.5\"）")
    unit: str = Field(min_length=1, max_length=20)
    condition: str = Field("", max_length=300, description="物品状况")

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, value: object) -> str:
        if isinstance(value, str) and not QUANTITY.fullmatch(value):
            raise ValueError("数量应为大于零的数字，如 \"12\" 或 \"2.5\"")
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError("数量应为数字") from exc
        if not amount.is_finite() or amount <= 0:
            raise ValueError("数量应大于零")
        return format(amount.normalize(), "f")


class OnSiteProcedure(ApiModel):
    """现场程序 of 行政强制法第十八条第三项至第九项, recorded with the measure."""

    credentials_shown: bool = Field(description="出示执法身份证件（第三项）")
    party_notified: bool = Field(description="通知当事人到场（第四项）")
    party_present: bool = Field(description="当事人到场")
    reasons_and_remedies_told: bool = Field(
        description="当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、"
                    "救济途径（第五项）")
    party_heard: bool = Field(description="听取当事人的陈述和申辩（第六项）")
    record_made: bool = Field(description="制作现场笔录（第七项）")
    party_signed: bool = Field(False, description="现场笔录由当事人签名或者盖章（第八项）")
    refusal_noted: bool = Field(False, description="当事人拒绝的，在笔录中予以注明（第八项）")
    witness_name: str | None = Field(None, max_length=100,
                                     description="当事人不到场的，见证人姓名（第九项）")


class ScopeAttestations(ApiModel):
    """行政强制法第二十三条: what the officers attest about the property."""

    linked_to_case: bool = Field(description="限于涉案的场所、设施或者财物（第二十三条第一款）")
    no_living_necessities: bool = Field(
        description="不含公民个人及其所扶养家属的生活必需品（第二十三条第一款）")
    not_sealed_by_other_organ: bool = Field(
        description="未被其他国家机关依法查封（第二十三条第二款，不得重复查封）")


class MeasureCreate(ApiModel):
    kind: MeasureKind
    on_site: OnSiteProcedure
    scope: ScopeAttestations
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
    on_site: dict[str, Any] | None = None
    scope_attestations: dict[str, bool] | None = None
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
