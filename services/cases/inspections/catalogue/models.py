"""Tables of the inspection catalogue: items (检查事项清单) and targets (检查对象名录库)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class InspectionItem(UUIDPk, Timestamps, Base):
    """检查事项 (国办发〔2024〕54号: 行政检查事项未经公布的，不得实施). One row per version:
    versions of one item share `series_id` and `code`; the newest has `superseded_at` NULL.
    `published_at` NULL means the version may not be used."""

    __tablename__ = "inspection_items"
    __table_args__ = (
        UniqueConstraint("series_id", "version", name="uq_inspection_items_series_version"),
        Index("ix_inspection_items_agency_code", "agency_id", "code"),
        Index("ix_inspection_items_published", "published_at", "id"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False)
    # enterprise | individual_business | person | site
    target_kind: Mapped[str] = mapped_column(String(24), nullable=False)
    domain: Mapped[str] = mapped_column(String(64), nullable=False)
    types_allowed: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    methods_allowed: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    # none | general (一般) | key (重点)
    double_random: Mapped[str] = mapped_column(String(8), nullable=False, default="none")
    ratio_by_risk: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    annual_cap: Mapped[int | None] = mapped_column(Integer)
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InspectionTarget(UUIDPk, Timestamps, Base):
    """检查对象 in the registry: 统一社会信用代码 (GB 32100-2015, validated) for enterprises and
    individual businesses; `conflict_officer_ids` are officers who must recuse (回避)."""

    __tablename__ = "inspection_targets"
    __table_args__ = (
        UniqueConstraint("agency_id", "uscc", name="uq_inspection_targets_agency_uscc"),
        Index("ix_inspection_targets_agency_created", "agency_id", "created_at", "id"),
        Index("ix_inspection_targets_region_created", "region_code", "created_at", "id"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    uscc: Mapped[str | None] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    industry: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    grid: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    credit_risk_class: Mapped[str] = mapped_column(String(1), nullable=False, default="B")
    licences: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    conflict_officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
