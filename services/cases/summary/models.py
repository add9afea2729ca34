"""简易程序 (当场处罚, 行政处罚法第五十一条–第五十二条) tables."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class SummaryDecision(UUIDPk, Timestamps, Base):
    """当场处罚决定书: the on-the-spot details of a summary case (the `Case` row with
    `procedure="summary"` is its 备案 and makes it count like any other decision)."""

    __tablename__ = "summary_decisions"
    __table_args__ = (
        UniqueConstraint("agency_id", "document_number"),
        Index("ix_summary_decisions_agency_decided", "agency_id", "decided_at", "id"),
        Index("ix_summary_decisions_region_decided", "region_code", "decided_at", "id"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    document_number: Mapped[str] = mapped_column(String(100), nullable=False)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False)
    penalty_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    # the 执法证 shown (第五十二条): [{officer_id, name, certificate_numbers}]
    officers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    party_refused_to_sign: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    collected_on_spot: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    receipt_number: Mapped[str | None] = mapped_column(String(100))
    remarks: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)


class SummaryNumbering(Timestamps, Base):
    """Per-agency pattern of the pre-numbered 当场处罚决定书 (the sequence itself is the shared
    `number_counters` row, kind ``summary``). Placeholders: {agency} {year} {seq}."""

    __tablename__ = "summary_numberings"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    pattern: Mapped[str] = mapped_column(String(100), nullable=False)
    agency_short_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    updated_by: Mapped[str] = mapped_column(String(100), nullable=False)
