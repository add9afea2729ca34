"""监督意见书 table."""

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class SupervisionOpinion(UUIDPk, Timestamps, Base):
    """A 行政执法监督意见书 to one agency, with the agency's 整改报告 (reply)."""

    __tablename__ = "supervision_opinions"
    __table_args__ = (
        Index("ix_supervision_opinions_agency_issued", "agency_id", "issued_at", "id"),
        Index("ix_supervision_opinions_region_issued", "region_code", "issued_at", "id"),
        Index("ix_supervision_opinions_status_rectify", "status", "rectify_by"),
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    findings: Mapped[str] = mapped_column(Text, nullable=False)
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False)
    required_actions: Mapped[str] = mapped_column(Text, nullable=False)
    rectify_by: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="issued")
    issued_by: Mapped[str] = mapped_column(String(64), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_by: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_late: Mapped[bool | None] = mapped_column(Boolean)
