"""先行登记保存 (行政处罚法第五十六条) table."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class EvidencePreservation(UUIDPk, Timestamps, Base):
    """One 先行登记保存 of evidence on a case: approved by the head, a handling decision due
    within 7 working days (`decision_due_on`, stored so the overdue list is one indexed
    comparison)."""

    __tablename__ = "evidence_preservations"
    __table_args__ = (
        Index("ix_evidence_preservations_case", "case_id", "preserved_on"),
        Index("ix_evidence_preservations_agency_status_due", "agency_id", "status",
              "decision_due_on"),
        Index("ix_evidence_preservations_region_status_due", "region_code", "status",
              "decision_due_on"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # preserved | decided
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="preserved")
    # 证据可能灭失或者以后难以取得的情形
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # 清单: [{name, quantity, unit, condition}]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    approver_id: Mapped[str] = mapped_column(String(64), nullable=False)
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    preserved_on: Mapped[date] = mapped_column(Date, nullable=False)
    notice_served_on: Mapped[date | None] = mapped_column(Date)
    decision_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_provisional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    decided_on: Mapped[date | None] = mapped_column(Date)
    # record_copy | testing | seal_or_seize | release (处理决定)
    handling: Mapped[str | None] = mapped_column(String(16))
    handling_note: Mapped[str | None] = mapped_column(Text)
    decided_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
