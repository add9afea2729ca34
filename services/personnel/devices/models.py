from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.personnel.models import Base


class Device(UUIDPk, Timestamps, Base):
    """执法记录仪 and other equipment: in_stock / assigned / lost."""

    __tablename__ = "devices"
    __table_args__ = (Index("ix_devices_agency_id_id", "agency_id", "id"),)

    serial: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    model: Mapped[str | None] = mapped_column(String(100))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="in_stock")
    officer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("officers.id", ondelete="SET NULL"), index=True)
    note: Mapped[str | None] = mapped_column(String(500))
