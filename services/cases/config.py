from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore")

    service_name: str = "cases"
    calls: ClassVar[tuple[str, ...]] = ("personnel", "review", "publicity")
    subscriptions: dict[str, list[str]] = Field(default_factory=lambda: {
        "case.decided": ["publicity"], "case.decision_revoked": ["publicity"],
        "case.review_requested": ["review"], "case.status_changed": ["review"]})
