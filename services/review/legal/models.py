"""法制审核 tables: reviewer profiles, legal reviews, the 重大执法决定目录."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class Reviewer(UUIDPk, Timestamps, Base):
    """A 法制审核人员 profile; `is_external` marks a retained lawyer (法律顾问, seed 000)."""

    __tablename__ = "reviewers"
    user_id: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    has_legal_qualification: Mapped[bool] = mapped_column(Boolean, nullable=False)
    is_external: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    completed_reviews: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class LegalReview(UUIDPk, Timestamps, Base):
    """One 法制审核 of one case round; `request` keeps the whole review request as received."""

    __tablename__ = "legal_reviews"
    __table_args__ = (
        UniqueConstraint("case_id", "round"),
        Index("ix_legal_reviews_agency_status_requested", "agency_id", "status", "requested_at",
              "id"),
        Index("ix_legal_reviews_region_status_requested", "region_code", "status",
              "requested_at", "id"),
        Index("ix_legal_reviews_status_due", "status", "due_date"),
        Index("ix_legal_reviews_reviewer_status", "reviewer_id", "status", "requested_at"),
    )
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    round: Mapped[int] = mapped_column(Integer, nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    case_number: Mapped[str | None] = mapped_column(String(80))
    request: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    due_provisional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reviewer_name: Mapped[str | None] = mapped_column(String(50))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    checklist: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    opinion: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MajorDecisionCatalogue(UUIDPk, Timestamps, Base):
    """A 重大执法决定目录 for one agency or one region; the newest version applies."""

    __tablename__ = "major_decision_catalogues"
    __table_args__ = (
        Index("ix_major_decision_catalogues_agency", "agency_id", "version"),
        Index("ix_major_decision_catalogues_region", "region_code", "version"),
    )
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str | None] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
