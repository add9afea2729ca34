"""申请人民法院强制执行 (行政强制法第五十三条–第五十四条) table."""

import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.cases.models import Base


class CourtEnforcement(UUIDPk, Timestamps, Base):
    """The court path of one unpaid fine: the 催告书 served, the 10 working days after it
    (第五十四条, 第六十九条), the 3 months after the remedy periods (第五十三条) and the
    application. Dates are stored so the tracking list is one indexed comparison."""

    __tablename__ = "court_enforcements"
    __table_args__ = (
        Index("ix_court_enforcements_agency_status_by", "agency_id", "status", "apply_by"),
        Index("ix_court_enforcements_region_status_by", "region_code", "status", "apply_by"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False, unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # demanded | applied
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="demanded")
    demand_served_on: Mapped[date] = mapped_column(Date, nullable=False)
    demand_amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    surcharge_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    wait_ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    remedy_ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    apply_by: Mapped[date] = mapped_column(Date, nullable=False)
    applied_on: Mapped[date | None] = mapped_column(Date)
    court_name: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
