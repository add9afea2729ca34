from typing import ClassVar, Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    """Cases defaults. [V] periods are law and not settings; [S] ones are configurable here
    (per-agency/region overrides live in tables, e.g. `hearing_thresholds`)."""

    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore")

    service_name: str = "cases"
    calls: ClassVar[tuple[str, ...]] = ("personnel", "review", "publicity")
    subscriptions: dict[str, list[str]] = Field(default_factory=lambda: {
        "case.decided": ["publicity"], "case.decision_revoked": ["publicity"],
        "case.review_requested": ["review"], "case.status_changed": ["review"],
        "licence.decided": ["publicity"], "licence.issued": ["publicity"],
        "licence.revoked": ["publicity"], "inspection.item_published": ["publicity"],
        "inspection.task_announced": ["publicity"],
        "inspection.result_published": ["publicity"]})

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
    # 首违不罚 (行政处罚法第三十三条第一款) only for matters on the agency's list [S]
    first_violation_requires_list: bool = True
    # an agency's name and short name (numbers, documents) are kept this long after personnel
    # answered, and a kept copy stands in while personnel is down; a rename shows within this
    # time [S]; 0 asks personnel every time
    agency_cache_seconds: float = Field(60.0, ge=0)
    # numbering; placeholders {prefix} {year} {seq}
    case_number_pattern: str = "{prefix}罚立〔{year}〕{seq}号"
    decision_number_pattern: str = "{prefix}罚决〔{year}〕{seq}号"
    # 准予 / 不予行政许可决定书 numbers (行政许可法第三十八条) [S]
    licence_grant_number_pattern: str = "{prefix}许准〔{year}〕{seq}号"
    licence_refusal_number_pattern: str = "{prefix}许不〔{year}〕{seq}号"
    # 行政许可法第五十条: renewal applied for this many days before expiry (unit UNVERIFIED:
    # calendar days by default; laws, regulations or rules may set another lead time)
    licence_renewal_lead_days: int = 30
    # background settlement of lapsing licences (deemed renewal, expiry); first run after one
    # interval; 0 turns the job off (the callable is `licensing.licences.service.settle_all`)
    licensing_settle_interval_seconds: float = 3600.0
    # 行政强制法第二十八条第一款第四项: release 查封/扣押 past their end automatically (the
    # overdue list is the alert either way); checked every interval when on [S]
    coercion_auto_release: bool = False
    coercion_release_interval_seconds: float = Field(3600.0, gt=0)
    # 行政强制法第十三条、第四十六条第一款: agencies given 行政强制执行权 by law, agency id → the
    # manners the law grants ("auction" 拍卖 第四十八条, "transfer" 划拨 第四十七条); none by
    # default (a township has none: it applies to the court, or auctions what it already
    # sealed/seized under 第四十六条第三款)
    self_enforcement_powers: dict[str, list[Literal["auction", "transfer"]]] = Field(
        default_factory=dict)
    # 行政强制法第四十三条 “夜间”: from this hour to that hour, local time [S]
    enforcement_night_hours: tuple[int, int] = (22, 6)
    # evidence storage (default: <data_dir>/evidence)
    evidence_dir: str | None = None
    evidence_max_bytes: int = 50 * 1024 * 1024
    evidence_allowed_types: list[str] = Field(default_factory=lambda: [
        "image/jpeg", "image/png", "image/heic", "application/pdf", "audio/mpeg",
        "audio/mp4", "video/mp4", "video/quicktime", "text/plain", "application/zip",
        "application/octet-stream"])

    # 行政检查 [S]/UNVERIFIED defaults: the annual cap per (enterprise,
    # agency, year) when no item sets one; the inspection types that count toward it (local
    # rules disagree on 个案); the exemption reasons; 专项 deployed from above never counts
    # (司法部问题解答).
    inspection_cap_default: int = 2
    inspection_cap_counted_types: list[str] = Field(
        default_factory=lambda: ["routine", "case", "special"])
    inspection_cap_exempt_reasons: list[str] = Field(default_factory=lambda: [
        "complaint_12345", "assigned_from_above", "joint_with_higher_level", "audit_inspection",
        "offsite_monitoring_lead", "media_exposure", "rectification_check",
        "enterprise_request", "licensing_verification", "statutory_emergency"])
    # emergency inspections: approval backfilled within this many working days [UNVERIFIED]
    inspection_emergency_approval_working_days: int = 3
    # same enterprise inspected by another agency within this many days → high-frequency flag
    inspection_duplicate_window_days: int = 30
    # 综合查一次: how an inspection made under a merged joint task counts toward each
    # participating agency's annual cap [S]. "each" (default): every participating agency
    # counts its own inspection once — the cap is per 同一行政机关 (国办发〔2024〕54号) and each
    # agency checks its own items; "lead": only the lead agency (牵头机关) counts it, the
    # others' are recorded with cap_exempt_reason "joint_inspection_member" — 深圳 联合入企
    # counts a joint visit as one (sf.sz.gov.cn, ANCHORS.md). Either way the enterprise's
    # visit burden counts the joint visit once.
    inspection_joint_cap_counting: Literal["each", "lead"] = "each"
    # merge suggestions match plans whose regions share this many leading digits (the
    # county-level code, 属地管辖) [S]
    inspection_merge_region_digits: int = Field(6, ge=2, le=12)
    # 抽查结果公示 within this many working days of the result [S 河北]
    inspection_result_publication_working_days: int = 20
    # 扫码入企 evaluations/complaints (public POST): token bucket per client address [S]
    inspection_evaluation_rate_per_minute: float = 6.0
    inspection_evaluation_rate_burst: int = 3
    # 执法文书 (services/cases/documents)
    # per template code: number pattern, placeholders {prefix} {year} {seq}
    # (default: {prefix}<简称>〔{year}〕{seq}号)
    document_number_patterns: dict[str, str] = Field(default_factory=dict)
    document_template_max_bytes: int = 5 * 1024 * 1024
    # LibreOffice for PDFs: None = look up `soffice` on PATH; a missing binary → PDF 503
    document_soffice_path: str | None = None
    document_pdf_timeout_s: float = 90.0
    document_pdf_concurrency: int = 2
    # 公告送达: deemed served this many days after publication (民事诉讼法第九十五条) [V]
    public_notice_days: int = 30
