"""Case request models (the field names are the mobile/web contract of issue 4); the read
models are in `services.cases.lifecycle.reads`."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from common.identifiers import IdNumber, Uscc
from common.money import Money
from kit.schemas import ApiModel
from services.cases.identifiers import id_number_ok, uscc_ok

# 行政处罚法第九条 (services.cases.penalties.KINDS holds names, hearing rights, report order)
PenaltyKind = Literal["warning", "criticism", "fine", "confiscation", "confiscate_income",
                      "confiscate_property", "license_suspension", "qualification_downgrade",
                      "license_revocation", "business_restriction", "business_suspension",
                      "closure", "employment_restriction", "detention", "other"]
# minor_no_penalty: 不满十四周岁，不予处罚，责令监护人加以管教 (行政处罚法第三十条)
Outcome = Literal["penalty", "no_penalty", "not_established", "transfer_judicial",
                  "minor_no_penalty"]
# 从轻 / 减轻 (行政处罚法第三十条、第三十二条); recorded circumstances of 第三十一条、第三十二条
Mitigation = Literal["none", "lighter", "reduced"]
# 行政处罚法第三十三条: 首违不罚 / 轻微不罚 / 没有主观过错 (lifecycle/soft.py)
NoPenaltyGround = Literal["first_violation", "minor", "no_fault"]
Circumstance = Literal["no_capacity", "limited_capacity", "harm_eliminated",
                       "coerced_or_induced", "confessed", "meritorious", "other_law"]
# 行政处罚法第四十六条
EvidenceKind = Literal["documentary", "physical", "audiovisual", "electronic", "witness",
                       "party_statement", "expert_opinion", "inspection_record"]
HarmKind = Literal["life_health", "financial"]
ServeMethod = Literal["direct", "left", "electronic", "post", "entrusted", "forwarded",
                      "public_notice"]


class Party(ApiModel):
    kind: Literal["person", "organization"]
    name: str = Field(min_length=1, max_length=200)
    id_number: IdNumber | None = None
    uscc: Uscc | None = None
    address: str | None = Field(None, max_length=300)
    phone: str | None = Field(None, max_length=32)
    is_minor: bool = False

    @model_validator(mode="after")
    def _ids(self) -> "Party":
        if self.id_number:
            self.id_number = self.id_number.upper()
            if not id_number_ok(self.id_number):
                raise ValueError("身份证号码无效（GB 11643-1999 校验失败）")
        if self.uscc:
            self.uscc = self.uscc.upper()
            if not uscc_ok(self.uscc):
                raise ValueError("统一社会信用代码无效（GB 32100-2015 校验失败）")
        if self.kind == "organization" and not self.uscc:
            raise ValueError("单位当事人须填写统一社会信用代码")
        return self


class CaseCreate(ApiModel):
    matter_id: uuid.UUID
    party: Party
    source: Literal["inspection", "complaint", "referral", "hotline_12345", "12345", "other"]
    source_ref: str | None = Field(None, max_length=100)
    act_date: date
    act_end_date: date | None = None
    discovered_on: date
    facts: str = Field(min_length=1, max_length=20000)
    agency_id: uuid.UUID | None = None  # service principals must name the agency
    harm_kind: HarmKind | None = Field(
        None, description="涉及公民生命健康安全（life_health）或金融安全（financial）且有危害后果"
                          "（行政处罚法第三十六条：追诉时效五年）")
    licence_id: uuid.UUID | None = Field(
        None, description="案件涉及的许可证件（须存在，且属本机关或本辖区）")

    @model_validator(mode="after")
    def _dates(self) -> "CaseCreate":
        if self.act_end_date and self.act_end_date < self.act_date:
            raise ValueError("act_end_date 不得早于 act_date")
        if self.discovered_on < self.act_date:
            raise ValueError("discovered_on 不得早于 act_date")
        return self


class FileCase(ApiModel):
    officer_ids: list[str] = Field(min_length=1, max_length=20)
    approver_id: str = Field(min_length=1, max_length=64)
    filed_on: date | None = None


class DeclineCase(ApiModel):
    reason: str = Field(min_length=1, max_length=4000)
    approver_id: str | None = Field(None, max_length=64)


class RecordCreate(ApiModel):
    kind: Literal["inspection", "inquiry"]
    officer_ids: list[str] = Field(min_length=1, max_length=20)
    started_at: datetime
    ended_at: datetime
    place: str = Field(min_length=1, max_length=300)
    interviewee: str | None = Field(None, max_length=200)
    content: str = Field(min_length=1, max_length=100000)

    @model_validator(mode="after")
    def _times(self) -> "RecordCreate":
        if self.started_at.tzinfo is None or self.ended_at.tzinfo is None:
            raise ValueError("时间须带时区")
        if self.ended_at < self.started_at:
            raise ValueError("ended_at 不得早于 started_at")
        if self.kind == "inquiry" and not self.interviewee:
            raise ValueError("询问笔录须填写被询问人")
        return self


class PenaltyItem(ApiModel):
    kind: PenaltyKind
    amount: Money = 0


class ConcludeCase(ApiModel):
    outcome: Outcome
    penalties: list[PenaltyItem] = Field(default_factory=list, max_length=10)
    discretion_tier: str | None = Field(None, max_length=40)
    reasoning: str = Field("", max_length=20000)
    outside_discretion_reason: str | None = Field(None, max_length=4000)
    education_record: str | None = Field(None, max_length=20000)
    complex_case: bool = False
    major_public_interest: bool = False
    major_violation: bool = False
    other_law_review: bool = Field(False, description="法律、法规规定应当法制审核的其他情形"
                                                      "（行政处罚法第五十八条第一款第四项）")
    assessed_by: str | None = Field(None, max_length=64,
                                    description="认定情节复杂或重大违法的负责人")
    assessment_reasons: str | None = Field(None, max_length=4000,
                                           description="情节复杂或重大违法行为的认定理由")
    mitigation: Mitigation = Field("none", description="从轻 lighter / 减轻 reduced")
    no_penalty_ground: NoPenaltyGround | None = Field(
        None, description="不予处罚的情形（行政处罚法第三十三条）：首违不罚 first_violation、"
                          "轻微不罚 minor、没有主观过错 no_fault；outcome=no_penalty 时必填")
    circumstances: list[Circumstance] = Field(
        default_factory=list, max_length=7,
        description="第三十一条（no_capacity, limited_capacity）与第三十二条应当从轻减轻的情形")

    @model_validator(mode="after")
    def _check(self) -> "ConcludeCase":
        if self.outcome == "penalty" and not self.penalties:
            raise ValueError("给予处罚须列明处罚种类")
        if self.outcome != "penalty" and self.penalties:
            raise ValueError("不予处罚或移送时不得列处罚")
        if (self.complex_case or self.major_violation) and not (
                self.assessed_by and self.assessment_reasons):
            raise ValueError("情节复杂或者重大违法行为须由负责人认定并说明理由"
                             "（assessed_by、assessment_reasons，行政处罚法第五十七条第二款）")
        if self.outcome == "no_penalty" and not self.education_record:
            raise ValueError("不予处罚须记录对当事人的教育（行政处罚法第三十三条第三款）")
        return self


class ConcludeResult(ApiModel):
    legal_review: dict[str, Any]
    collective_discussion: dict[str, Any]
    hearing_eligible: bool


class NotifyCase(ApiModel):
    served_on: date
    method: ServeMethod = "direct"


class StatementCreate(ApiModel):
    content: str = Field("", max_length=20000)
    waived: bool = False
    waive_hearing: bool = False
    recheck_result: str | None = Field(None, max_length=20000)
    adopted: bool | None = None
    received_on: date | None = None

    @model_validator(mode="after")
    def _one(self) -> "StatementCreate":
        if not self.waived and not self.content:
            raise ValueError("须填写陈述申辩内容，或明确 waived=true 放弃")
        return self


class HearingRequest(ApiModel):
    requested_on: date


class HearingHeld(ApiModel):
    host_id: str = Field(min_length=1, max_length=64)
    notice_served_on: date
    held_on: date
    outcome: Literal["held", "no_show", "withdrawn"] = "held"
    public: bool = True
    record: str = Field("", max_length=100000)

    @model_validator(mode="after")
    def _rec(self) -> "HearingHeld":
        if self.outcome == "held" and not self.record:
            raise ValueError("举行听证须提交听证笔录")
        return self


class DiscussionOpinion(ApiModel):
    officer_id: str = Field(min_length=1, max_length=64)
    opinion: str = Field(min_length=1, max_length=4000)


class CollectiveDiscussion(ApiModel):
    """负责人集体讨论记录 (行政处罚法第五十七条第二款)."""

    held_on: date
    participants: list[str] = Field(min_length=1, max_length=30,
                                    description="参加讨论的负责人（人事系统人员编号）")
    opinions: list[DiscussionOpinion] = Field(min_length=1, max_length=30)
    conclusion: str = Field(min_length=1, max_length=4000)


class DecideCase(ApiModel):
    decided_on: date
    penalties: list[PenaltyItem] = Field(default_factory=list, max_length=10)
    document_number: str | None = Field(None, max_length=100)
    collective_discussion_record: CollectiveDiscussion | None = None


class ServeCase(ApiModel):
    """送达 (rules: `services.cases.lifecycle.delivery`, 民事诉讼法第八十七条–第九十五条)."""

    method: ServeMethod
    served_on: date = Field(description="交付/签收日期；邮寄为回执上注明的收件日期；"
                                        "公告为发出公告之日")
    consent_confirmed: bool = False  # 电子送达须当事人同意并签订确认书 (第六十一条)
    arrived_at: datetime | None = Field(None, description="电子送达：到达受送达人特定系统的时间")
    refusal_reason: str | None = Field(None, max_length=500, description="留置送达：拒收事由")
    witness: str | None = Field(None, max_length=100, description="留置送达：见证人")
    recorded_by_video: bool = Field(False, description="留置送达：以拍照、录像方式记录")
    public_notice_reason: str | None = Field(None, max_length=2000,
                                             description="公告送达：原因和经过")


class PaymentCreate(ApiModel):
    amount: Money
    paid_on: date
    receipt_number: str | None = Field(None, max_length=100)


class PaymentArrangement(ApiModel):
    kind: Literal["deferral", "instalments"]
    until: date
    approver_id: str = Field(min_length=1, max_length=64)
    instalments: int | None = Field(None, ge=2, le=36)


class RemedyFlag(ApiModel):
    """复议/诉讼 pending or ended (行政处罚法第七十三条)."""

    pending: bool
    kind: Literal["reconsideration", "litigation"] = "reconsideration"
    on: date


class ExtendDeadline(ApiModel):
    days: int = Field(ge=1, le=365)
    approver_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=1, max_length=4000)
    collective_discussion: bool = False


class RevokeDecision(ApiModel):
    reason: str = Field(min_length=1, max_length=4000)
    kind: Literal["changed", "revoked", "unlawful", "void"] = "revoked"
    revoked_on: date | None = None


# 办案期限扣除 (lifecycle/clock.py): 市场监督管理行政处罚程序规定第六十四条 [S]
PauseReason = Literal["suspension", "appraisal", "announcement", "rights_holder_identification",
                      "refund_order"]


class ClockPause(ApiModel):
    action: Literal["start", "end"]
    reason: PauseReason
    on: date = Field(description="开始或结束日期")
    note: str = Field("", max_length=2000, description="依据或说明，如鉴定委托书文号")


class CloseCase(ApiModel):
    closed_on: date | None = None
    summary: str = Field("", max_length=4000)
