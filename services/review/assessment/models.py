"""评议考核 tables: one assessment per region and year, one score row per agency."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class PerformanceAssessment(UUIDPk, Timestamps, Base):
    """The indicator set it was computed with, the sources that answered nothing, and who
    computed and finalised it. Draft → finalised (frozen)."""

    __tablename__ = "performance_assessments"
    __table_args__ = (
        UniqueConstraint("region_code", "year", name="uq_performance_assessments_region_year"),
        Index("ix_performance_assessments_region_created", "region_code", "created_at", "id"),
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    indicators: Mapped[list[Any]] = mapped_column(JSON, nullable=False)
    calls: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    computed_by: Mapped[str] = mapped_column(String(64), nullable=False)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    finalised_by: Mapped[str | None] = mapped_column(String(64))
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class AssessmentScore(UUIDPk, Base):
    """One agency's total, its rank, its dimension subtotals and, per indicator, the figure's
    value and source (service, path, params) it was scored from."""

    __tablename__ = "performance_assessment_scores"
    __table_args__ = (
        Index("ix_performance_assessment_scores_assessment", "assessment_id", "rank", "id"),
        Index("ix_performance_assessment_scores_agency", "agency_id", "assessment_id"),
    )
    assessment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("performance_assessments.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_name: Mapped[str | None] = mapped_column(String(200))
    rank: Mapped[int] = mapped_column(Integer, nullable=False)
    total: Mapped[float] = mapped_column(Float, nullable=False)
    dimensions: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    details: Mapped[list[Any]] = mapped_column(JSON, nullable=False)
