from typing import Any, ClassVar

from pydantic import BaseModel, Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings


class SocialEvaluationClass(BaseModel):
    """Which proposed decisions of a region need 社会评议 before the decision (seed 001 names
    the practice; no procedural text was found, UNVERIFIED, DOMAIN-WAVE2 §5). The defaults are
    the city rule's thresholds for 重大 decisions (DOMAIN-WAVE2 §5, Art.23–25: a fine of at
    least 1万元 on a person or 10万元 on an organisation, 停产停业, 吊销), plus any matter code
    listed and any case sent to 法制审核 as a 重大 decision when `major_decisions` is on."""

    fine_person_fen: int = 1_000_000
    fine_organisation_fen: int = 10_000_000
    penalty_kinds: list[str] = Field(default_factory=lambda: [
        "business_suspension", "license_revocation"])
    matter_codes: list[str] = Field(default_factory=list)
    major_decisions: bool = False
    panel_size: int = 5
    # opinions within N calendar days of opening (UNVERIFIED; a local choice)
    opinion_days: int = 7


class ReviewSettings(ServiceSettings):
    """Review settings. Every legal period here is a local default ([S]), not law."""

    model_config = SettingsConfigDict(env_prefix="REVIEW_", extra="ignore")

    service_name: str = "review"
    calls: ClassVar[tuple[str, ...]] = ("cases", "personnel", "publicity", "review")
    subscriptions: dict[str, list[str]] = Field(
        default_factory=lambda: {"review.completed": ["cases"],
                                 "annual_report.finalised": ["publicity"],
                                 "supervision_plan.published": ["publicity"]})

    # 法制审核: due N working days after the request (locally set).
    legal_review_working_days: int = 10
    # 投诉举报 (local complaint rules, national periods UNVERIFIED): accept or
    # refuse within 5 working days; reply within 15 working days; conclude within 30 days of
    # receipt (unit complaint_close_day_unit), extendable once by 20 with the head's approval
    complaint_acknowledge_working_days: int = 5
    complaint_respond_working_days: int = 15
    complaint_close_working_days: int = 30
    complaint_close_day_unit: str = "calendar"
    complaint_extension_days: int = 20
    # public complaint endpoints: token bucket per client address
    complaint_rate_per_minute: float = 10.0
    complaint_rate_burst: int = 5
    # the lead statuses in cases that end a complaint that follows a lead
    lead_final_statuses: list[str] = Field(
        default_factory=lambda: ["declined", "closed", "archived", "revoked"])
    # 监督文书 (行政执法监督条例; national periods UNVERIFIED, local precedents the defaults):
    # reply with the 整改报告 within N days of issue; objection (复查) within N days of receipt
    instrument_reply_days: int = 15
    instrument_reply_day_unit: str = "calendar"
    instrument_objection_days: int = 10
    # the instrument's .docx: issuer printed at the head and on the seal line (e.g. "某区司法局";
    # empty: "行政执法监督机构"), and the number prefix before the kind abbreviation 监通/监意/
    # 监决/监建 (e.g. "某司" gives "某司监通〔2026〕1号")
    instrument_issuer: str = ""
    instrument_number_prefix: str = ""
    # 社会评议: region code prefix → the class of cases that need it (the longest prefix
    # applies). None by default: the practice is local (seed 001), not national law.
    social_evaluation_regions: dict[str, SocialEvaluationClass] = Field(default_factory=dict)
    # page size cap when paging through cases for 案卷评查 sampling
    evaluation_case_page_size: int = 200

    # 年度报告: the statistics endpoints gathered, "service:path" (each answers
    # `{year, scope, figures: [{key, label, value, unit, rule}]}`; issue 14 contract)
    report_statistics_sources: list[str] = Field(default_factory=lambda: [
        "cases:/api/v1/cases/statistics", "cases:/api/v1/cases/inspections/statistics",
        "cases:/api/v1/cases/licensing/statistics", "personnel:/api/v1/personnel/statistics",
        "review:/api/v1/review/statistics", "publicity:/api/v1/publicity/statistics"])
    # a source answering 404 (not deployed yet) is skipped and named in the snapshot
    report_skip_missing_sources: bool = True
    # the issuer printed under the .docx when the narrative names none
    report_default_issuer: str = ""
    # rounded phrases ("1700 余名", reports.layout.rounded_phrase): counts from this on are
    # floored to two significant digits with this suffix
    report_round_from: int = 30
    report_round_suffix: str = "余"
    # amounts in the narrative: "wan" ("1.165 万元", seed 002) or "yuan" ("316081.7 元")
    report_money_style: str = "wan"
    # 数据驾驶舱: the headline figures per agency, and parallel calls to a source that
    # cannot group by agency
    report_dashboard_headlines: list[str] = Field(default_factory=lambda: [
        "penalty.decisions.total", "penalty.amount.total_wan", "inspections.counted",
        "licensing.accepted", "complaints.received", "officers.year_end"])
    report_dashboard_concurrency: int = 8

    # 联席会议 (seed 001: every half-year; a local practice, not law): one meeting per period
    # of N months from 1 January, a past period without one is overdue
    joint_meeting_interval_months: int = Field(6, ge=1, le=12)
    # 案件会商: written opinions are due N calendar days after the referral (UNVERIFIED; the
    # local default follows the 15-day reply of the supervision instruments, DOMAIN-WAVE2 §5)
    consultation_opinion_days: int = Field(15, ge=1, le=90)

    # 评议考核 (issue 15 point 6): the default indicator set — the dimensions are seed 003 §四
    # (执法办案数量、质量、效果) plus 纪律 (issue 15); the keys are the statistics figures that
    # exist (docs/statistics.md); the weights (30/30/25/15) are a local default, not law.
    # Decisions revoked in 复议/诉讼 (quality) and cap exemptions (effect) joined later with
    # weight 5 each, taken from 评查平均分 (20 → 15) and 投诉举报数 (10 → 5), so the dimension
    # weights stay 30/30/25/15 and the sum 100
    assessment_indicators: list[dict[str, Any]] = Field(default_factory=lambda: [
        {"key": "penalty.decisions.total", "label": "行政处罚决定数", "dimension": "quantity",
         "weight": 10, "direction": "higher"},
        {"key": "inspections.counted", "label": "行政检查次数", "dimension": "quantity",
         "weight": 10, "direction": "higher"},
        {"key": "licensing.decided", "label": "行政许可办结数", "dimension": "quantity",
         "weight": 10, "direction": "higher"},
        {"key": "evaluation.average_score", "label": "案卷评查平均分", "dimension": "quality",
         "weight": 15, "direction": "higher"},
        {"key": "decisions.revoked_after_remedy", "label": "经复议、诉讼被撤销或变更的决定数",
         "dimension": "quality", "weight": 5, "direction": "lower"},
        {"key": "legal_review.late", "label": "法制审核逾期数", "dimension": "quality",
         "weight": 10, "direction": "lower"},
        {"key": "complaints.received", "label": "投诉举报数", "dimension": "effect",
         "weight": 5, "direction": "lower"},
        {"key": "inspections.cap_exempted", "label": "涉企检查频次上限豁免数",
         "dimension": "effect", "weight": 5, "direction": "lower"},
        {"key": "complaints.response_rate", "label": "投诉举报回应率", "dimension": "effect",
         "weight": 10, "direction": "higher"},
        {"key": "publicity.published_late", "label": "逾期公示数", "dimension": "effect",
         "weight": 5, "direction": "lower"},
        {"key": "supervision.overdue", "label": "监督意见书逾期回复数",
         "dimension": "discipline", "weight": 10, "direction": "lower"},
        {"key": "supervision.instruments_issued", "label": "被制发监督文书数",
         "dimension": "discipline", "weight": 5, "direction": "lower"}])
