"""回避 (行政处罚法第四十三条) table."""

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.cases.models import Base


class Recusal(UUIDPk, Timestamps, Base):
    """One declaration (自行回避) or application (当事人申请回避) about a named officer of a case,
    decided by the agency head. A granted one removes the officer from the case for good."""

    __tablename__ = "recusals"
    __table_args__ = (Index("ix_recusals_case_officer", "case_id", "officer_id", "status"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    officer_id: Mapped[str] = mapped_column(String(64), nullable=False)
    # investigator | hearing_host (第六十四条第四项)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    # officer (自行回避) | party (当事人申请)
    initiated_by: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    requested_on: Mapped[date] = mapped_column(Date, nullable=False)
    # pending | granted | refused
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
