from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    """Cases defaults. [V] periods are law and not settings; [S] ones are configurable here
    (per-agency/region overrides live in tables, e.g. `hearing_thresholds`)."""

    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore")

    service_name: str = "cases"
    calls: ClassVar[tuple[str, ...]] = ("personnel", "review", "publicity")
    subscriptions: dict[str, list[str]] = Field(default_factory=lambda: {
        "case.decided": ["publicity"], "case.decision_revoked": ["publicity"],
        "case.review_requested": ["review"], "case.status_changed": ["review"]})

    # 立案审查: 15 working days from discovery (+15 with approval) [S 市场监管程序规定第十八条]
    lead_check_working_days: int = 15
    # 陈述申辩期限: law sets none; 5 working days default [S]
    statement_window_working_days: int = 5
    # “较大数额” defaults when no hearing_thresholds row applies (分) [S]
    hearing_threshold_person_fen: int = 500_000
    hearing_threshold_organization_fen: int = 10_000_000
    # 行政处罚法第六十三条第一款第五项 “其他较重的行政处罚”: kinds given a hearing locally [S]
    hearing_extra_kinds: list[str] = Field(default_factory=list)
    # 行政处罚法第三十条: a 14–17-year-old's 从轻 fine stays in this lower share of the tier [S]
    minor_lighter_tier_share: float = Field(0.5, ge=0, le=1)
    # 行政处罚法第五十七条第二款 负责人集体讨论: at least this many heads take part [S]
    collective_discussion_quorum: int = Field(3, ge=2)
    # numbering; placeholders {prefix} {year} {seq}
    case_number_pattern: str = "{prefix}罚立〔{year}〕{seq}号"
    decision_number_pattern: str = "{prefix}罚决〔{year}〕{seq}号"
    # evidence storage (default: <data_dir>/evidence)
    evidence_dir: str | None = None
    evidence_max_bytes: int = 50 * 1024 * 1024
    evidence_allowed_types: list[str] = Field(default_factory=lambda: [
        "image/jpeg", "image/png", "image/heic", "application/pdf", "audio/mpeg",
        "audio/mp4", "video/mp4", "video/quicktime", "text/plain", "application/zip",
        "application/octet-stream"])
