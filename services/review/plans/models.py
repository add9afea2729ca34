"""年度行政执法监督计划 tables: the plan and its items (the actions it plans)."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class SupervisionPlan(UUIDPk, Timestamps, Base):
    """One plan per supervision body (region) and year: draft → approved → published."""

    __tablename__ = "supervision_plans"
    __table_args__ = (
        UniqueConstraint("region_code", "year", name="uq_supervision_plans_region_year"),
        Index("ix_supervision_plans_region_created", "region_code", "created_at", "id"),
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_note: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class PlanItem(UUIDPk, Base):
    """A planned action: its type, targets and period; actions link to it (`plan_item_id`)."""

    __tablename__ = "supervision_plan_items"
    __table_args__ = (Index("ix_supervision_plan_items_plan", "plan_id", "seq", "id"),)
    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("supervision_plans.id", ondelete="CASCADE"), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    target_agency_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    target_matters: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    target_domains: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
