"""监督文书 tables: 监督通知书/意见书/决定书/建议书 and each step of their follow-through."""

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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class SupervisionInstrument(UUIDPk, Timestamps, Base):
    """One supervision instrument to one agency: facts, basis, required action, reply deadline,
    the agency's reply with its 整改报告, the supervisor's review, an objection (复查) and the
    escalation level reached (0 none, 1 约谈, 2 通报, 3 督办)."""

    __tablename__ = "supervision_instruments"
    __table_args__ = (
        Index("ix_supervision_instruments_agency_issued", "agency_id", "issued_at", "id"),
        Index("ix_supervision_instruments_region_issued", "region_code", "issued_at", "id"),
        Index("ix_supervision_instruments_status_due", "status", "reply_due_on"),
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    action_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    facts: Mapped[str] = mapped_column(Text, nullable=False)
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False)
    required_action: Mapped[str] = mapped_column(Text, nullable=False)
    reply_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    reply_due_provisional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="issued")
    issued_by: Mapped[str] = mapped_column(String(64), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    reply: Mapped[str | None] = mapped_column(Text)
    rectification_report: Mapped[str | None] = mapped_column(Text)
    replied_by: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_late: Mapped[bool | None] = mapped_column(Boolean)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_comment: Mapped[str | None] = mapped_column(Text)
    escalation_level: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    objection_status: Mapped[str | None] = mapped_column(String(16))
    objection_reason: Mapped[str | None] = mapped_column(Text)
    objected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    objection_decision: Mapped[str | None] = mapped_column(Text)
    objection_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InstrumentStep(UUIDPk, Base):
    """One recorded step: issued, replied, reply_accepted, reply_rejected, objection_lodged,
    objection_upheld, objection_dismissed, escalated (with level), closed."""

    __tablename__ = "supervision_instrument_steps"
    __table_args__ = (Index("ix_supervision_instrument_steps_instrument_at", "instrument_id",
                            "at", "id"),)
    instrument_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("supervision_instruments.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    level: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class InstrumentDocument(UUIDPk, Base):
    """The issued .docx of an instrument: its number (one sequence per district, kind and
    year), the frozen render context and the bytes, each with its SHA-256. Never changed."""

    __tablename__ = "supervision_instrument_documents"
    __table_args__ = (UniqueConstraint("number_scope", "kind", "year", "seq",
                                       name="uq_supervision_instrument_documents_seq"),)
    instrument_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("supervision_instruments.id", ondelete="CASCADE"), nullable=False,
        unique=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    number_scope: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(100), nullable=False)
    template_version: Mapped[str] = mapped_column(String(20), nullable=False)
    template_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    context_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    docx: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    docx_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
