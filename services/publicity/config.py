from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class PublicitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PUBLICITY_", extra="ignore")

    service_name: str = "publicity"
    calls: ClassVar[tuple[str, ...]] = ("personnel", "cases")
    subscriptions: dict[str, list[str]] = Field(default_factory=lambda: {})
