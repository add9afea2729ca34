"""Inspection tables (行政检查): the inspection with its approval, notice, officers, result and
feedback; its 笔录 and evidence; its hash-chained record (全过程记录, same chain code as the case
timeline: `services.cases.timeline.service` with `RECORD_CHAIN`); the per-record receipts of
offline sync. Catalogue and draw tables live in the sub-packages and are imported here."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
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
from services.cases.inspections.caps import models as _caps  # noqa: F401
from services.cases.inspections.catalogue import models as _catalogue  # noqa: F401
from services.cases.inspections.draws import models as _draws  # noqa: F401
from services.cases.inspections.merges import models as _merges  # noqa: F401
from services.cases.inspections.public import models as _public  # noqa: F401
from services.cases.models import Base, ChainLink


class Inspection(UUIDPk, Timestamps, Base):
    """行政检查. `type`: routine 日常 | case 个案 (with `source`) | special 专项. `status`:
    planned → approved → notified → in_progress → finished → closed (结果告知 given).
    `version` is the If-Match counter; `public_code` the unguessable 扫码入企 code."""

    __tablename__ = "inspections"
    __table_args__ = (
        Index("ix_inspections_agency_created", "agency_id", "created_at", "id"),
        Index("ix_inspections_region_created", "region_code", "created_at", "id"),
        Index("ix_inspections_target_agency_year", "target_id", "agency_id", "year"),
        Index("ix_inspections_agency_year", "agency_id", "year"),
        Index("ix_inspections_target_uscc_planned", "target_uscc", "planned_on"),
        UniqueConstraint("public_code", name="uq_inspections_public_code"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    type: Mapped[str] = mapped_column(String(12), nullable=False)
    source: Mapped[str | None] = mapped_column(String(24))
    deployed_from_above: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    item_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    domain: Mapped[str] = mapped_column(String(64), nullable=False)
    target_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    target: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # the target's USCC: registries are per agency, so other agencies' checks of the same
    # enterprise (多头/重复检查) are found by it
    target_uscc: Mapped[str | None] = mapped_column(String(18))
    is_enterprise: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    method: Mapped[str] = mapped_column(String(12), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    # [{officer_id, name, certificate_numbers}] as personnel answered on the planned day
    officers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    assistants: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    planned_on: Mapped[date] = mapped_column(Date, nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    draw_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    joint_task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="planned")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    emergency: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    approval: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_due_on: Mapped[date | None] = mapped_column(Date)
    notice: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    attestation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checklist_results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                                    default=list)
    # no_issue 无问题 | rectify 责令改正 | case 立案 | transfer 移送
    result: Mapped[str | None] = mapped_column(String(12))
    findings: Mapped[str | None] = mapped_column(Text)
    rectification_due_on: Mapped[date | None] = mapped_column(Date)
    feedback: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    counts_toward_cap: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    cap_exempt_reason: Mapped[str | None] = mapped_column(String(40))
    public_code: Mapped[str] = mapped_column(String(40), nullable=False)
    scans: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    flags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    timeline_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    timeline_head: Mapped[str] = mapped_column(String(64), nullable=False, default="0" * 64)
    created_by: Mapped[str | None] = mapped_column(String(100))

    __mapper_args__ = {"version_id_col": version}


class InspectionRecordEntry(UUIDPk, ChainLink, Base):
    """One link of the inspection's 全过程记录 (same hash rule as `timeline_entries`)."""

    __tablename__ = "inspection_record_entries"
    __table_args__ = (UniqueConstraint("inspection_id", "seq",
                                       name="uq_inspection_record_entries_inspection_seq"),)

    inspection_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspections.id", ondelete="CASCADE"), nullable=False)


class InspectionRecord(UUIDPk, Base):
    """笔录: onsite 现场检查笔录 | inquiry 询问笔录 | sampling 抽样记录 | survey 勘验笔录."""

    __tablename__ = "inspection_records"
    __table_args__ = (Index("ix_inspection_records_inspection", "inspection_id", "started_at"),)

    inspection_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspections.id", ondelete="CASCADE"), nullable=False)
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False)
    interviewee: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, nullable=False)


class InspectionEvidence(UUIDPk, Base):
    """Evidence of an inspection, in the case evidence storage (content-addressed by SHA-256);
    `/lead` carries it to the case by reference to the same stored file."""

    __tablename__ = "inspection_evidence"
    __table_args__ = (Index("ix_inspection_evidence_inspection", "inspection_id",
                            "collected_at"),)

    inspection_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspections.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(300), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class InspectionSyncReceipt(UUIDPk, Base):
    """One applied offline record (`POST /inspections/sync`), keyed by the caller and the
    record's Idempotency-Key, so a replayed record answers `already_applied`."""

    __tablename__ = "inspection_sync_receipts"
    __table_args__ = (UniqueConstraint("scope", "key", name="uq_inspection_sync_receipts_key"),)

    scope: Mapped[str] = mapped_column(String(200), nullable=False)
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
