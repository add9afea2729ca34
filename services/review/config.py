from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings


class ReviewSettings(ServiceSettings):
    """Review settings. Every legal period here is a local default ([S] in DOMAIN.md), not law."""

    model_config = SettingsConfigDict(env_prefix="REVIEW_", extra="ignore")

    service_name: str = "review"
    calls: ClassVar[tuple[str, ...]] = ("cases", "personnel", "publicity", "review")
    subscriptions: dict[str, list[str]] = Field(
        default_factory=lambda: {"review.completed": ["cases"],
                                 "annual_report.finalised": ["publicity"]})

    # 法制审核: due N working days after the request (DOMAIN §4.5 default 10, locally set).
    legal_review_working_days: int = 10
    # 投诉举报 (local complaint rules, DOMAIN-WAVE2 §5, national periods UNVERIFIED): accept or
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
    # 监督文书 (行政执法监督条例; national periods UNVERIFIED, local precedents DOMAIN-WAVE2 §5):
    # reply with the 整改报告 within N days of issue; objection (复查) within N days of receipt
    instrument_reply_days: int = 15
    instrument_reply_day_unit: str = "calendar"
    instrument_objection_days: int = 10
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
