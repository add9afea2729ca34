from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class PersonnelSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PERSONNEL_", extra="ignore")

    service_name: str = "personnel"
    calls: ClassVar[tuple[str, ...]] = ("cases",)
    subscriptions: dict[str, list[str]] = Field(
        default_factory=lambda: {"personnel.certificate_revoked": ["cases"]})
    login_max_failures: int = 5
    login_lock_seconds: int = 900
