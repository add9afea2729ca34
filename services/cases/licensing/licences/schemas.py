"""Request and response models of licences (许可证件) and the licensing statistics."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

# 行政许可法第六十九条: (一)–(五) discretionary, 第二款 mandatory
RevokeGround = Literal["abuse_of_power", "beyond_authority", "illegal_procedure",
                       "unqualified_applicant", "other", "fraud_or_bribery"]
# 行政许可法第七十条 (一)–(六)
CancelGround = Literal["expired_not_renewed", "holder_died", "entity_terminated",
                       "revoked_or_withdrawn", "force_majeure", "other"]


class LicenceChanges(ApiModel):
    content: str | None = Field(default=None, max_length=4000)
    conditions: str | None = Field(default=None, max_length=4000)
    holder_name: str | None = Field(default=None, max_length=200)


class ChangeBody(ApiModel):
    applied_on: date
    decided_on: date
    granted: bool = True
    changes: LicenceChanges
    reasons: str = Field(default="", max_length=4000)


class RenewalBody(ApiModel):
    applied_on: date


class RenewalDecisionBody(ApiModel):
    granted: bool
    decided_on: date
    reasons: str = Field(default="", max_length=4000)


class WithdrawBody(ApiModel):
    """第八条第二款: the law the licence rests on changed, or the objective facts changed."""

    basis: Literal["law_changed", "facts_changed"]
    reason: str = Field(min_length=1, max_length=4000)
    decided_on: date
    compensation_fen: int = Field(ge=0)
    changes: LicenceChanges | None = None  # 变更 instead of 撤回


class RevokeBody(ApiModel):
    ground: RevokeGround
    reason: str = Field(min_length=1, max_length=4000)
    decided_on: date
    public_interest_harm: bool = False


class CancelBody(ApiModel):
    ground: CancelGround
    reason: str = Field(default="", max_length=4000)
    decided_on: date
    case_id: uuid.UUID | None = None  # 吊销 by a penalty case (第七十条第四项)


class HolderRead(ApiModel):
    kind: str
    name: str
    id_number: str | None
    uscc: str | None


class LicenceEventRead(ApiModel):
    kind: str
    granted: bool | None
    on_date: date
    detail: dict[str, Any]


class LicenceRead(ApiModel):
    id: uuid.UUID
    number: str
    version: int
    status: str
    matter: dict[str, Any]
    application_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    holder: HolderRead
    content: str
    conditions: str | None
    issued_on: date
    valid_from: date
    valid_to: date | None
    renewal: dict[str, Any] | None
    ended_on: date | None
    end_detail: dict[str, Any] | None
    events: list[LicenceEventRead]
    allowed_actions: list[str]


class LicenceListItem(ApiModel):
    """A licence in a list (`GET /licences`): as `LicenceRead` without its events."""

    id: uuid.UUID
    number: str
    version: int
    status: str
    matter_id: uuid.UUID
    matter_series_id: uuid.UUID
    application_id: uuid.UUID
    agency_id: uuid.UUID
    region_code: str
    holder: HolderRead
    content: str
    issued_on: date
    valid_from: date
    valid_to: date | None
    ended_on: date | None


class SettleBody(ApiModel):
    on: date | None = None


class SettleResult(ApiModel):
    deemed_accepted: int
    deemed_renewed: int
    expired: int
