from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.personnel.models import Base


class Training(UUIDPk, Timestamps, Base):
    """培训记录; hours are stored in tenths of a 学时."""

    __tablename__ = "trainings"
    __table_args__ = (Index("ix_trainings_officer_id_completed_on", "officer_id", "completed_on"),
                      Index("ix_trainings_agency_id_completed_on", "agency_id", "completed_on"))

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    organiser: Mapped[str] = mapped_column(String(16), nullable=False)
    hours_tenths: Mapped[int] = mapped_column(Integer, nullable=False)
    completed_on: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
