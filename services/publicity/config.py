from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings


class PublicitySettings(ServiceSettings):
    """Defaults for 行政执法公示 / 双公示. Rules marked [S]/UNVERIFIED are settings;
    per-region overrides live in the `publicity_region_settings` table."""

    model_config = SettingsConfigDict(env_prefix="PUBLICITY_", extra="ignore")

    service_name: str = "publicity"
    calls: ClassVar[tuple[str, ...]] = ("personnel", "cases")
    subscriptions: dict[str, list[str]] = Field(default_factory=lambda: {})

    # 双公示 / 国办发〔2018〕118号: publish within 7 working days of the decision [S]
    publish_within_working_days: int = 7
    # 行政处罚法第四十八条第二款: withdraw within 3 (working) days of the change [V]
    withdraw_within_working_days: int = 3
    # publicity periods in months from the decision date (信用修复管理办法 2025 [S])
    minor_months: int = 3
    general_min_months: int = 3
    general_months: int = 12
    serious_min_months: int = 12
    serious_months: int = 36
    # 轻微 (warning / 通报批评 / small fines only): publish for `minor_months`, or not at all
    publish_minor: bool = True
    small_fine_person_fen: int = 500_000          # < 5,000 元 for natural persons [S Guizhou]
    small_fine_organisation_fen: int = 5_000_000  # < 5 万元 for organisations [S Guizhou]
    serious_fine_fen: int = 100_000_000           # ≥ 100 万元 counts as 巨额 (UNVERIFIED)
    # masking of the ID number in the private (credit-upload) field: keep head and tail
    id_mask_head: int = 6
    id_mask_tail: int = 4
    # the default for regions without a row: show natural persons' names in full
    mask_person_name: bool = False
    # publish on consumption unless a region row sets hold_for_review
    hold_for_review: bool = False
    # 不予行政许可 decisions: 行政许可法第五条第二款 (行政许可的实施和结果…应当公开) makes results
    # public; 第四十条 names grants only. Published (redacted, not in the 双公示 export) [S]
    publish_licence_refusals: bool = True
    # hold a record for review when its redacted text still looks like personal data
    # (redaction.residue; issue 10 point 14) instead of publishing it
    hold_on_redaction_residue: bool = True
    data_source_name: str = ""
    data_source_uscc: str = ""
    # ex-ante lists fetched from personnel / cases are cached this long
    directory_cache_seconds: float = 60.0
    public_cache_seconds: int = 60
    export_chunk_rows: int = 500
