"""Public and scoped views of disclosure records."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from common.money import Money
from kit.schemas import ApiModel


class DisclosureRead(ApiModel):
    """A public disclosure record (already redacted). A withdrawn record keeps only what the
    withdrawal notice needs: the document number, the agency and the public reason."""

    decision_id: uuid.UUID
    status: str
    procedure: str
    party_kind: str
    party_name: str
    party_code: str | None = Field(None, description="统一社会信用代码（组织）")
    document_number: str
    violation_type: str
    facts: str
    legal_basis: str
    penalty_category: str
    penalty_categories: list[str]
    penalty_content: str
    fine_amount: Money
    confiscation_amount: Money
    license_affected: str | None
    decided_on: date | None
    publicity_until: date | None
    agency_id: uuid.UUID | None
    agency_name: str
    agency_uscc: str
    region_code: str
    data_source_name: str
    data_source_uscc: str
    published_at: datetime | None
    withdrawn_at: datetime | None
    withdraw_reason: str | None


class DisclosureStatusRead(ApiModel):
    """Deadline view for agencies and supervisors (发布期限 7 个工作日 / 撤回期限 3 个工作日)."""

    decision_id: uuid.UUID
    case_id: uuid.UUID
    document_number: str
    agency_id: uuid.UUID | None
    region_code: str
    status: str
    status_rule: str | None
    decided_on: date | None
    publish_due_on: date | None
    publish_due_provisional: bool
    published_at: datetime | None
    is_late: bool
    revoked_on: date | None
    withdraw_due_on: date | None
    withdrawn_at: datetime | None
    withdraw_reason: str | None
    withdraw_is_late: bool


class RegionSettingUpdate(ApiModel):
    mask_person_name: bool = False
    hold_for_review: bool = False
    publish_minor: bool = True


class RegionSettingRead(RegionSettingUpdate):
    region_code: str
    updated_at: datetime
