"""Request/response models of 法制审核 and the 重大执法决定目录."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from common.money import Money
from kit.schemas import ApiModel

Outcome = Literal["approved", "rejected", "needs_correction"]
# 行政处罚法第九条: the penalty kinds cases sends (services/cases/penalties.py), so a catalogue
# entry can only name a kind that can occur (a contract test keeps the lists equal)
PENALTY_KINDS = {
    "warning": "警告", "criticism": "通报批评", "fine": "罚款",
    "confiscation": "没收违法所得、没收非法财物", "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物", "license_suspension": "暂扣许可证件",
    "qualification_downgrade": "降低资质等级", "license_revocation": "吊销许可证件",
    "business_restriction": "限制开展生产经营活动", "business_suspension": "责令停产停业",
    "closure": "责令关闭", "employment_restriction": "限制从业", "detention": "行政拘留",
    "other": "其他"}
# the 10 法制审核 points (行政处罚法第五十八条, local lists): subject … criminal transfer
CHECKLIST_KEYS = ("subject", "qualification", "authority", "procedure", "facts", "evidence",
                  "legal_basis", "discretion", "documents", "criminal_transfer")
CHECKLIST_LABELS = dict(zip(CHECKLIST_KEYS, (
    "执法主体是否合法", "执法人员是否具备执法资格", "是否超越法定权限", "执法程序是否合法",
    "案件事实是否清楚", "证据是否合法确凿充分", "适用法律依据是否准确", "裁量基准运用是否适当",
    "执法文书是否完备规范", "是否涉嫌犯罪需要移送司法机关"), strict=True))


class ReviewerCreate(ApiModel):
    user_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=50)
    officer_id: uuid.UUID | None = None
    agency_id: uuid.UUID | None = None
    region_code: str = Field(pattern=r"^\d{6,12}$")
    has_legal_qualification: bool
    is_external: bool = False
    is_active: bool = True


class ReviewerRead(ApiModel):
    id: uuid.UUID
    user_id: str
    name: str
    officer_id: uuid.UUID | None
    agency_id: uuid.UUID | None
    region_code: str
    has_legal_qualification: bool
    is_external: bool
    is_active: bool
    completed_reviews: int


class AssignRequest(ApiModel):
    reviewer_id: uuid.UUID


class ChecklistItem(ApiModel):
    passed: bool
    note: str = Field("", max_length=2000)


class OpinionRequest(ApiModel):
    outcome: Outcome
    checklist: dict[str, ChecklistItem]
    opinion: str = Field(min_length=1, max_length=20000)

    @model_validator(mode="after")
    def _all_ten_points(self) -> "OpinionRequest":
        missing = [k for k in CHECKLIST_KEYS if k not in self.checklist]
        extra = [k for k in self.checklist if k not in CHECKLIST_KEYS]
        if missing or extra:
            raise ValueError(f"审核要点必须恰为十项；缺少 {missing}，多余 {extra}")
        return self


class LegalReviewRead(ApiModel):
    id: uuid.UUID
    case_id: uuid.UUID
    round: int
    agency_id: uuid.UUID
    region_code: str
    case_number: str | None
    status: str
    requested_at: datetime
    due_date: date
    due_provisional: bool
    is_overdue: bool = False
    reviewer_id: uuid.UUID | None
    reviewer_name: str | None
    assigned_at: datetime | None
    outcome: str | None
    checklist: dict[str, Any] | None
    opinion: str | None
    completed_at: datetime | None
    request: dict[str, Any]


class LinkedOpinion(ApiModel):
    """One written opinion of a linked 案件会商, summarised."""

    id: uuid.UUID
    participant_id: uuid.UUID
    position: str
    late: bool


class LinkedConsultation(ApiModel):
    """A 案件联合会商 attached to the review or to its case, with its opinions summary."""

    id: uuid.UUID
    case_id: uuid.UUID
    legal_review_id: uuid.UUID | None
    question: str
    opinion_due_on: date
    status: str
    outcome: str | None
    conclusion: str | None
    adopted_opinion_ids: list[uuid.UUID]
    concluded_at: datetime | None
    opinions: list[LinkedOpinion]


class LegalReviewDetail(LegalReviewRead):
    # the case consultations linked to this review or to its case (issue 15 point 5)
    consultations: list[LinkedConsultation] = Field(default_factory=list)


class Penalty(ApiModel):
    kind: str = Field(min_length=1, max_length=40)
    amount: Money | None = None


class MajorDecisionCheck(ApiModel):
    agency_id: uuid.UUID
    region_code: str = Field(pattern=r"^\d{6,12}$")
    party_kind: str = Field(min_length=1, max_length=30)
    penalties: list[Penalty] = Field(default_factory=list)
    hearing_held: bool = False
    outside_discretion: bool = False
    transfer_judicial: bool = False
    complex_case: bool = False
    major_public_interest: bool = False
    other_law: bool = Field(False, description="法律、法规规定应当进行法制审核的其他情形")


class MajorDecisionResult(ApiModel):
    required: bool
    reasons: list[str]
    catalogue_id: uuid.UUID | None
    catalogue_name: str


# 行政处罚法第五十八条第一款 (1)–(3): switches a local catalogue may not turn off
STATUTORY_TRIGGERS = ("after_hearing", "major_public_interest", "complex_case")


class CatalogueRules(ApiModel):
    """The entries of a 重大执法决定目录 (all locally variable, DOMAIN §4.5)."""

    person_fine_threshold: Money = 10_000_00
    organization_fine_threshold: Money = 100_000_00
    amount_kinds: list[str] = Field(default_factory=lambda: [
        "fine", "confiscation", "confiscate_income", "confiscate_property"])
    person_party_kinds: list[str] = Field(
        default_factory=lambda: ["person", "individual", "natural_person"])
    major_kinds: dict[str, str] = Field(default_factory=lambda: {
        "license_revocation": "吊销许可证件", "business_suspension": "责令停产停业",
        "closure": "责令关闭"})
    after_hearing: bool = True
    outside_discretion: bool = True
    criminal_transfer: bool = True
    major_public_interest: bool = True
    complex_case: bool = True

    @model_validator(mode="after")
    def _known_kinds(self) -> "CatalogueRules":
        unknown = sorted((set(self.amount_kinds) | set(self.major_kinds)) - set(PENALTY_KINDS))
        if unknown:
            raise ValueError(f"处罚种类 {unknown} 不是行政处罚法第九条规定的种类，"
                             f"应为 {sorted(PENALTY_KINDS)} 之一")
        return self


class CatalogueCreate(ApiModel):
    name: str = Field(min_length=1, max_length=100)
    agency_id: uuid.UUID | None = None
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    rules: CatalogueRules

    @model_validator(mode="after")
    def _one_owner(self) -> "CatalogueCreate":
        if (self.agency_id is None) == (self.region_code is None):
            raise ValueError("目录须且只须指定 agency_id 或 region_code 之一")
        off = [k for k in STATUTORY_TRIGGERS if not getattr(self.rules, k)]
        if off:
            raise ValueError(f"{off} 是行政处罚法第五十八条第一款规定的法制审核情形，"
                             "本地目录不得关闭（只可增加金额、种类等本地情形）")
        return self


class CatalogueRead(ApiModel):
    id: uuid.UUID
    name: str
    agency_id: uuid.UUID | None
    region_code: str | None
    version: int
    rules: CatalogueRules
    created_at: datetime
