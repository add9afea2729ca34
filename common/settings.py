"""zhifa's service settings: kit's plumbing fields plus the legal calendar and the remedies."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kit import settings as kit_settings


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals as statutes write them (十五, 六十, 六)."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        raise ValueError(f"期限 {n} 超出 1–99")
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones
                                                                          else "")


class RemedySettings(BaseSettings):
    """救济途径和期限 (`ZHIFA_REMEDY_*`), the one source of the remedy text on every decision,
    summary decision, document and public page: 行政复议 60 days (行政复议法第二十条; 2017
    text 第九条) and 行政诉讼 6 months (行政诉讼法第四十六条) from knowing of the act."""

    model_config = SettingsConfigDict(env_prefix="ZHIFA_REMEDY_", extra="ignore")

    reconsideration_days: int = Field(60, ge=1, le=99)
    reconsideration_basis: str = "行政复议法第二十条"
    litigation_months: int = Field(6, ge=1, le=99)
    litigation_basis: str = "行政诉讼法第四十六条"

    def decision_texts(self) -> dict[str, str]:
        """The 决定书 lines (行政处罚法第五十九条第五项), counted from receipt of the decision."""
        days = chinese_number(self.reconsideration_days)
        return {"reconsideration": f"自收到本决定书之日起{days}日内申请行政复议"
                                   f"（{self.reconsideration_basis}）",
                "litigation": f"自收到本决定书之日起{chinese_number(self.litigation_months)}"
                              f"个月内提起行政诉讼（{self.litigation_basis}）"}

    def public_text(self) -> str:
        """The 事前公开 line for public pages."""
        return (f"对行政行为不服的，可以自知道之日起{chinese_number(self.reconsideration_days)}日内"
                f"申请行政复议（{self.reconsideration_basis}），或者自知道之日起"
                f"{chinese_number(self.litigation_months)}个月内提起行政诉讼"
                f"（{self.litigation_basis}）。")


class ServiceSettings(kit_settings.ServiceSettings):
    """Fields every zhifa service has; subclasses set `env_prefix` and add their own."""

    calendar_files: list[str] = Field(default_factory=list,
                                      validation_alias="ZHIFA_CALENDAR_FILES")
    # 民事诉讼法第八十五条: a calendar-day period ending on a 法定休假日 ends on the next workday
    calendar_roll_holidays: bool = Field(True, validation_alias="ZHIFA_CALENDAR_ROLL_HOLIDAYS")
    remedy: RemedySettings = Field(default_factory=RemedySettings)

    @model_validator(mode="after")
    def _fill_calendar(self) -> ServiceSettings:
        if not self.calendar_files:
            folder = Path(self.data_dir) / "calendar"
            self.calendar_files = sorted(str(p) for p in folder.glob("*.*")
                                         if p.suffix in (".json", ".csv"))
        return self
