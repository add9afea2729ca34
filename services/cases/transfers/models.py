"""移送 tables: 移送管辖 to another agency and 行刑衔接 to the judicial organs
(行政处罚法第二十七条, 国务院令第310号)."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class CaseTransfer(UUIDPk, Timestamps, Base):
    """One transfer: report → head's decision (3 days) → sent (24 hours) → receiver's answer."""

    __tablename__ = "case_transfers"
    __table_args__ = (
        Index("ix_case_transfers_case", "case_id", "created_at"),
        Index("ix_case_transfers_agency_status", "agency_id", "status", "created_at", "id"),
        Index("ix_case_transfers_region_status", "region_code", "status", "created_at", "id"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # agency | judicial
    # pending_approval | refused | approved | sent | accepted | declined | returned
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending_approval")
    previous_case_status: Mapped[str] = mapped_column(String(24), nullable=False)
    target_name: Mapped[str] = mapped_column(String(200), nullable=False)
    target_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    report: Mapped[str] = mapped_column(Text, nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    decision_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    approver_id: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    send_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    send_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    documents: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    measure_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    answer: Mapped[str | None] = mapped_column(String(20))
    answered_on: Mapped[date | None] = mapped_column(Date)
    answer_note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
