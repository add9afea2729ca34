from __future__ import annotations

import uuid

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.personnel.models import Base


class Agency(UUIDPk, Timestamps, Base):
    """执法主体."""

    __tablename__ = "agencies"
    __table_args__ = (Index("ix_agencies_region_code_id", "region_code", "id"),)

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(50))
    uscc: Mapped[str] = mapped_column(String(18), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"), index=True)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    domains: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
