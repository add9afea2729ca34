from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings


class PersonnelSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PERSONNEL_", extra="ignore")

    service_name: str = "personnel"
    calls: ClassVar[tuple[str, ...]] = ("cases",)
    subscriptions: dict[str, list[str]] = Field(
        default_factory=lambda: {"personnel.certificate_revoked": ["cases"]})
    # login throttle (accounts/throttle.py): failures per account from one address, per address,
    # per account from all addresses; each allowance refills over `login_lock_seconds`
    login_max_failures: int = Field(5, ge=1)
    login_address_max_failures: int = Field(20, ge=1)
    login_account_max_failures: int = Field(50, ge=1)
    login_lock_seconds: int = Field(900, ge=1)
    # Fernet key for 身份证号 at rest; generated into the data dir on first use in dev only
    pii_key: str | None = None
    # 执法证有效期 (years) — provincial rules differ (3 or 5 years) [S]
    certificate_validity_years: int = 5
    # 执法证号 format is provincial [UNVERIFIED]: {region-code prefix: regex}; longest prefix wins
    certificate_number_patterns: dict[str, str] = Field(default_factory=dict)
    certificate_number_default_pattern: str = r"^[0-9A-Za-z\-]{4,40}$"
    # disciplinary sanctions that bar a certificate while in force: 记过 and above [S]
    blocking_sanctions: list[str] = Field(
        default_factory=lambda: ["demerit", "major_demerit", "demotion", "dismissal_from_post",
                                 "probation_in_party"])
    exam_pass_score: int = 60
    # 60 学时/人/年 [UNVERIFIED: believed 国办发〔2023〕27号]
    training_hours_required: int = 60
    renewal_requires_training: bool = True
    expiring_default_days: int = 30
    status_check_interval_seconds: float = 3600.0
    run_status_worker: bool = True
    directory_max_limit: int = 2000
