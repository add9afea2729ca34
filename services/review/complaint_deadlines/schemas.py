"""Request models of the complaint deadlines."""

from typing import Literal

from pydantic import Field

from kit.schemas import ApiModel


class RefuseComplaint(ApiModel):
    """不予受理 (or 转办) with the reasons the complainant is told."""

    reason: str = Field(min_length=1, max_length=5000)


class ExtendComplaint(ApiModel):
    approved_by: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=1, max_length=5000)


class ResultNotice(ApiModel):
    """告知投诉人处理结果: how the complainant was told."""

    via: Literal["sms", "phone", "letter", "platform", "in_person"]
