from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class ReviewSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REVIEW_", extra="ignore")

    service_name: str = "review"
    calls: ClassVar[tuple[str, ...]] = ("cases", "personnel")
    subscriptions: dict[str, list[str]] = Field(
        default_factory=lambda: {"review.completed": ["cases"]})
