"""评价/投诉 left by the inspected enterprise through the 扫码入企 code: the inspected agency
sees them only in aggregate, the supervisor sees each one (龙华 practice [S])."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UTCDateTime, UUIDPk, utcnow
from services.cases.models import Base


class InspectionEvaluation(UUIDPk, Base):
    __tablename__ = "inspection_evaluations"
    __table_args__ = (Index("ix_inspection_evaluations_agency_year", "agency_id", "year"),
                      Index("ix_inspection_evaluations_region_year", "region_code", "year"))

    inspection_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspections.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    rating: Mapped[int] = mapped_column(Integer, nullable=False)
    is_complaint: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # indexes into the 五个严禁/八个不得 list the enterprise says were breached
    breaches: Mapped[list[int]] = mapped_column(JSON, nullable=False, default=list)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
