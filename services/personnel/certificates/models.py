from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.personnel.models import Base


class Certificate(UUIDPk, Timestamps, Base):
    """执法证 (行政执法证件). Status: active / suspended (暂扣) / revoked (注销/吊销);
    expiry is by date, not by status."""

    __tablename__ = "certificates"
    __table_args__ = (Index("ix_certificates_agency_id_expires_on_id",
                            "agency_id", "expires_on", "id"),
                      Index("ix_certificates_region_code_expires_on_id",
                            "region_code", "expires_on", "id"),
                      Index("ix_certificates_status_expires_on_id", "status", "expires_on", "id"))

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False, index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"),
                                                 nullable=False)
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    domains: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    expires_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    status_reason: Mapped[str | None] = mapped_column(String(500))
    revoked_on: Mapped[date | None] = mapped_column(Date)
