"""行政许可 tables (行政许可法): published licence matters (许可事项, versioned), applications
with their timers, uploaded materials, the licences issued, their life events and the
application bans of 第七十八条/第七十九条.

Timers are working days (第八十二条). Excluded periods (第四十五条) are stored as dated
intervals `[start, end)` with a reason on the application (`suspensions`), never as a flag, and
the decision deadline is recomputed from them; `next_due_on` keeps the earliest open agency
deadline so `?overdue=true` is one indexed comparison."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk, utcnow
from services.cases.models import Base


class LicenceMatter(UUIDPk, Timestamps, Base):
    """许可事项, one row per version; versions of one matter share `series_id`. Only a published
    current version takes applications (第三十条、第三十三条)."""

    __tablename__ = "licence_matters"
    __table_args__ = (
        Index("ix_licence_matters_series_version", "series_id", "version", unique=True),
        Index("ix_licence_matters_published", "is_published", "agency_id", "code"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    issuing_authority: Mapped[str] = mapped_column(String(200), nullable=False)
    # statutory 法定 | empowered 赋权 (delegation_ref = decision) | entrusted 委托 (agreement)
    delegation_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    delegation_ref: Mapped[str | None] = mapped_column(String(200))
    entrustment_agreement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    legal_basis: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    conditions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    form_template: Mapped[str | None] = mapped_column(String(300))
    statutory_days: Mapped[int] = mapped_column(Integer, nullable=False, default=20)
    promised_days: Mapped[int | None] = mapped_column(Integer)
    joint_handling: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hearing_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    two_tier: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    public_notice_steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                                      default=list)
    certificate: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    fee_basis: Mapped[str | None] = mapped_column(Text)
    safety_related: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    onsite_check_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_published: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)


class LicenceApplication(UUIDPk, Timestamps, Base):
    """行政许可申请 and its state machine (states in `licensing.states`)."""

    __tablename__ = "licence_applications"
    __table_args__ = (
        Index("ix_licence_applications_agency_created", "agency_id", "created_at", "id"),
        Index("ix_licence_applications_region_created", "region_code", "created_at", "id"),
        Index("ix_licence_applications_agency_due", "agency_id", "next_due_on"),
        Index("ix_licence_applications_agency_received", "agency_id", "received_on"),
    )

    matter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("licence_matters.id"),
                                                 nullable=False)
    matter_series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    status: Mapped[str] = mapped_column(String(24), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    applicant_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    applicant_name: Mapped[str] = mapped_column(String(200), nullable=False)
    applicant_id_number: Mapped[str | None] = mapped_column(String(18))
    applicant_uscc: Mapped[str | None] = mapped_column(String(18))
    applicant_phone: Mapped[str | None] = mapped_column(String(32))
    request: Mapped[str] = mapped_column(Text, nullable=False, default="")
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    correction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    deemed_accepted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    not_accepted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    receipts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    reviews: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    stakeholders: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                               default=list)
    hearing: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    suspensions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                              default=list)
    extension: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decided_on: Mapped[date | None] = mapped_column(Date)
    granted: Mapped[bool | None] = mapped_column(Boolean)
    licence_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    next_due_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    # head of the application's hash-chained record (`LicenceRecordEntry`)
    timeline_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                              server_default="0")
    timeline_head: Mapped[str] = mapped_column(String(64), nullable=False, default="0" * 64,
                                               server_default="0" * 64)

    __mapper_args__ = {"version_id_col": version}


class LicenceRecordEntry(UUIDPk, Base):
    """One link of the application's 全过程记录 (same hash rule as `timeline_entries`): the
    许可文书 issued and served (`document.issued`, `document.served`)."""

    __tablename__ = "licence_record_entries"
    __table_args__ = (UniqueConstraint("application_id", "seq",
                                       name="uq_licence_record_entries_application_seq"),)

    application_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("licence_applications.id", ondelete="CASCADE"), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    actor: Mapped[str] = mapped_column(String(120), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    payload_digest: Mapped[str] = mapped_column(String(64), nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class LicenceMaterial(UUIDPk, Base):
    """One submitted material (申请材料), stored in the evidence storage under its SHA-256."""

    __tablename__ = "licence_materials"
    __table_args__ = (Index("ix_licence_materials_application", "application_id"),)

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("licence_applications.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(300), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class Licence(UUIDPk, Timestamps, Base):
    """许可证件 and its life: active / changed / renewal_pending / withdrawn / revoked /
    cancelled / expired. `valid_to` None = 长期有效."""

    __tablename__ = "licences"
    __table_args__ = (
        # unique within the issuing agency: number sequences restart per agency
        Index("ix_licences_agency_number", "agency_id", "number", unique=True),
        Index("ix_licences_agency_created", "agency_id", "created_at", "id"),
        Index("ix_licences_status_valid_to", "status", "valid_to"),
    )

    number: Mapped[str] = mapped_column(String(100), nullable=False)
    matter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("licence_matters.id"),
                                                 nullable=False)
    matter_series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("licence_applications.id"),
                                                      nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    holder_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    holder_name: Mapped[str] = mapped_column(String(200), nullable=False)
    holder_id_number: Mapped[str | None] = mapped_column(String(18))
    holder_uscc: Mapped[str | None] = mapped_column(String(18))
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    conditions: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), nullable=False, default="active")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    renewal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __mapper_args__ = {"version_id_col": version}


class LicenceEvent(UUIDPk, Base):
    """One decision on a licence (准予/不予变更、延续, 视为准予延续, 撤回, 撤销, 注销), dated, so
    the 统计年报 counts are aggregates by decision date."""

    __tablename__ = "licence_events"
    __table_args__ = (
        Index("ix_licence_events_licence", "licence_id", "on_date"),
        Index("ix_licence_events_agency_date", "agency_id", "on_date"),
    )

    licence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("licences.id", ondelete="CASCADE"),
                                                  nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    matter_series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    # change | renewal | deemed_renewal | withdraw | revoke | cancel | expire
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    granted: Mapped[bool | None] = mapped_column(Boolean)
    on_date: Mapped[date] = mapped_column(Date, nullable=False)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)


class LicensingBan(UUIDPk, Base):
    """不得再次申请: 1 year after false materials (第七十八条), 3 years after a licence obtained
    by fraud or bribery (第七十九条), for safety-related matters."""

    __tablename__ = "licensing_bans"
    __table_args__ = (Index("ix_licensing_bans_series_applicant", "matter_series_id",
                            "applicant_key", "until"),)

    matter_series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    applicant_key: Mapped[str] = mapped_column(String(18), nullable=False)
    since: Mapped[date] = mapped_column(Date, nullable=False)
    until: Mapped[date] = mapped_column(Date, nullable=False)
    article: Mapped[str] = mapped_column(String(60), nullable=False)
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
