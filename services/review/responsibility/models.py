"""责任追究 table: one responsibility record per subject (agency or officer)."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class ResponsibilityRecord(UUIDPk, Timestamps, Base):
    """Subject, grounds (行政处罚法 Art.76–83, the 条例's conduct list), the procedure steps and
    the outcome; a sanction on an officer carries personnel's sanction id."""

    __tablename__ = "responsibility_records"
    __table_args__ = (
        Index("ix_responsibility_records_agency_created", "agency_id", "created_at", "id"),
        Index("ix_responsibility_records_region_created", "region_code", "created_at", "id"),
    )
    subject_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    grounds: Mapped[list[Any]] = mapped_column(JSON, nullable=False)
    facts: Mapped[str] = mapped_column(Text, nullable=False)
    action_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    instrument_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    procedure: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    outcome: Mapped[str | None] = mapped_column(String(24))
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    sanction_kind: Mapped[str | None] = mapped_column(String(24))
    sanction_starts_on: Mapped[date | None] = mapped_column(Date)
    sanction_ends_on: Mapped[date | None] = mapped_column(Date)
    personnel_sanction_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
