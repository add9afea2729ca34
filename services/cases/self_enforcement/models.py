"""行政机关自行强制执行 (行政强制法第四十六条) table."""

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
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class SelfEnforcement(UUIDPk, Timestamps, Base):
    """One unpaid fine enforced by the agency itself: the 催告书 (第三十五条), the party's
    陈述申辩 and its 复核 (第三十六条), the 强制执行决定 (第三十七条) and its execution by
    拍卖 (第四十八条) or 划拨 (第四十七条), the proceeds paid to the treasury (第四十九条)."""

    __tablename__ = "self_enforcements"
    __table_args__ = (
        Index("ix_self_enforcements_agency_status_by", "agency_id", "status", "perform_by"),
        Index("ix_self_enforcements_region_status_by", "region_code", "status", "perform_by"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False, unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # own_power (第四十六条第一款) | seized_property (第四十六条第三款但书)
    basis: Mapped[str] = mapped_column(String(16), nullable=False)
    # demanded | decided | executed
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="demanded")
    payment_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    surcharge_days: Mapped[int] = mapped_column(Integer, nullable=False)
    demand_served_on: Mapped[date] = mapped_column(Date, nullable=False)
    perform_by: Mapped[date] = mapped_column(Date, nullable=False)
    demand_amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    surcharge_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    # {received_on, text, review, accepted} (第三十六条)
    statement: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decided_on: Mapped[date | None] = mapped_column(Date)
    approver_id: Mapped[str | None] = mapped_column(String(64))
    manner: Mapped[str | None] = mapped_column(String(16))  # auction | transfer
    institution: Mapped[str | None] = mapped_column(String(200))
    immediate: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    measure_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    executed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emergency_reason: Mapped[str | None] = mapped_column(Text)
    recovered_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    proceeds_account: Mapped[str | None] = mapped_column(String(16))
    receipt_number: Mapped[str | None] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
