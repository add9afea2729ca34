"""简易程序 (当场处罚, 行政处罚法第五十一条–第五十二条) tables."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
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


class OnSpotCollection(UUIDPk, Timestamps, Base):
    """当场收缴的罚款 (行政处罚法第六十八条–第七十一条) and its two hand-ins: the officer hands
    the money to the agency within 2 working days of collection (on water: of landing), the
    agency pays it to the bank within 2 working days of receiving it (第七十一条). The due
    dates are stored so the overdue list is one indexed comparison."""

    __tablename__ = "on_spot_collections"
    __table_args__ = (
        Index("ix_on_spot_collections_agency_hand_in", "agency_id", "handed_in_on",
              "hand_in_due_on"),
        Index("ix_on_spot_collections_region_hand_in", "region_code", "handed_in_on",
              "hand_in_due_on"),
        Index("ix_on_spot_collections_agency_bank", "agency_id", "banked_on", "bank_due_on"),
    )

    summary_decision_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("summary_decisions.id", ondelete="CASCADE"), nullable=False, unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    receipt_number: Mapped[str] = mapped_column(String(100), nullable=False)
    # small_fine | hard_to_collect | remote_area (第六十八条第一项、第二项, 第六十九条)
    ground: Mapped[str] = mapped_column(String(16), nullable=False)
    on_water: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    collected_on: Mapped[date] = mapped_column(Date, nullable=False)
    landed_on: Mapped[date | None] = mapped_column(Date)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    hand_in_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    handed_in_on: Mapped[date | None] = mapped_column(Date)
    handed_in_by: Mapped[str | None] = mapped_column(String(64))
    received_by: Mapped[str | None] = mapped_column(String(100))
    bank_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    banked_on: Mapped[date | None] = mapped_column(Date)
    bank_receipt_number: Mapped[str | None] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
