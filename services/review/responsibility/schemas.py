"""Request/response models of 责任追究, with the grounds as enums citing their article."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

# 行政处罚法 Art.76–83 [V] and the 条例's conduct list (答记者问 [S])
GROUNDS = {
    "no_legal_basis": "没有法定的行政处罚依据（行政处罚法第七十六条第一款第一项）",
    "changed_type_or_range": "擅自改变行政处罚种类、幅度（行政处罚法第七十六条第一款第二项）",
    "procedure_violated": "违反法定的行政处罚程序（行政处罚法第七十六条第一款第三项）",
    "unlawful_entrustment": "违反委托处罚的规定（行政处罚法第七十六条第一款第四项）",
    "no_certificate": "执法人员未取得执法证件（行政处罚法第七十六条第一款第五项）",
    "late_case_filing": "符合立案标准的案件不及时立案（行政处罚法第七十六条第二款）",
    "improper_receipts": "不使用或使用非法定罚没单据（行政处罚法第七十七条）",
    "self_collection": "违反规定自行收缴罚款（行政处罚法第七十八条）",
    "embezzlement": "截留、私分罚没款物或索取收受财物（行政处罚法第七十九条）",
    "seized_property_misuse": "使用、损毁查封扣押的财物（行政处罚法第八十条）",
    "unlawful_measures_damage": "违法实施检查或执行措施造成损害（行政处罚法第八十一条）",
    "failure_to_transfer": "应移送司法机关而不移送，以罚代刑（行政处罚法第八十二条）",
    "failure_to_act": "对应当制止和处罚的违法行为不予制止、处罚（行政处罚法第八十三条）",
    "case_not_filed": "有案不立（行政执法监督条例）",
    "buck_passing": "推诿扯皮（行政执法监督条例）",
    "penalty_instead_of_management": "以罚代管（行政执法监督条例）",
    "unlawful_out_of_area": "违规异地执法（行政执法监督条例）",
    "profit_driven": "趋利性执法（行政执法监督条例）",
    "arbitrary_fees": "乱收费（行政执法监督条例）",
    "arbitrary_fines": "乱罚款（行政执法监督条例）",
    "arbitrary_inspections": "乱检查（行政执法监督条例）",
    "arbitrary_seizure": "乱查封（行政执法监督条例）",
}
Ground = Literal[tuple(GROUNDS)]  # type: ignore[valid-type]
# 批评教育, 责令书面检查, 通报批评, 诫勉谈话, 处分 (personnel), 移送纪检监察, 不予追究
Outcome = Literal["criticism", "written_self_examination", "circular_criticism",
                  "admonishing_talk", "sanction", "referral", "no_liability"]
SanctionKind = Literal["warning", "demerit", "major_demerit", "demotion",
                       "dismissal_from_post", "probation_in_party"]


class RecordCreate(ApiModel):
    subject_kind: Literal["agency", "officer"]
    agency_id: uuid.UUID | None = None
    officer_id: uuid.UUID | None = None
    grounds: list[Ground] = Field(min_length=1, max_length=20)
    facts: str = Field(min_length=1, max_length=20000)
    action_id: uuid.UUID | None = None
    instrument_id: uuid.UUID | None = None


class ProcedureStep(ApiModel):
    # 立案, 调查, 听取陈述申辩, 集体讨论, 决定
    step: Literal["filed", "investigated", "statement_heard", "collective_discussion"]
    on: date
    note: str | None = Field(None, max_length=5000)


class SanctionTerms(ApiModel):
    kind: SanctionKind
    starts_on: date
    ends_on: date


class RecordDecision(ApiModel):
    outcome: Outcome
    reason: str = Field(min_length=1, max_length=10000)
    sanction: SanctionTerms | None = None


class RecordRead(ApiModel):
    id: uuid.UUID
    subject_kind: str
    agency_id: uuid.UUID
    officer_id: uuid.UUID | None
    region_code: str
    grounds: list[str]
    facts: str
    action_id: uuid.UUID | None
    instrument_id: uuid.UUID | None
    procedure: list[dict[str, Any]]
    status: str
    outcome: str | None
    outcome_reason: str | None
    sanction_kind: str | None
    sanction_starts_on: date | None
    sanction_ends_on: date | None
    personnel_sanction_id: uuid.UUID | None
    decided_at: datetime | None
