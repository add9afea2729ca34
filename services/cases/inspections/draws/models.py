"""Tables of 双随机 spot checks: plans (抽查计划) and their draws (抽取记录)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk, utcnow
from services.cases.models import Base


class SpotCheckPlan(UUIDPk, Timestamps, Base):
    """抽查计划: year, the period it runs in (`period_start`–`period_end`, default the whole
    year), items, strata (credit-risk class → ratio), the inspector pool (执法检查人员名录库
    ids), inspectors per target (≥2) and the per-inspector load cap; `joint_agency_ids` makes
    it a joint plan (综合查一次); `merge_id` is set once the plan is merged with other
    agencies' plans (`inspections.merges`)."""

    __tablename__ = "spot_check_plans"
    __table_args__ = (Index("ix_spot_check_plans_agency_year", "agency_id", "year"),
                      Index("ix_spot_check_plans_region_year", "region_code", "year"))

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    merge_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    item_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    domain: Mapped[str] = mapped_column(String(64), nullable=False)
    strata: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    inspector_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    inspectors_per_target: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    max_targets_per_inspector: Mapped[int | None] = mapped_column(Integer)
    joint_agency_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SHA-256 of a secret nonce, published before the draw (sha256-commit-reveal-v1)
    seed_commitment: Mapped[str | None] = mapped_column(String(64))
    seed_committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SpotCheckDraw(UUIDPk, Base):
    """抽取记录: algorithm, seed, the pool snapshots and their hashes, the ranked result and
    every exclusion with its reason and replacement (see `common.draw`)."""

    __tablename__ = "spot_check_draws"
    __table_args__ = (Index("ix_spot_check_draws_plan", "plan_id", "drawn_at"),)

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("spot_check_plans.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    algorithm: Mapped[str] = mapped_column(String(40), nullable=False)
    seed: Mapped[str] = mapped_column(String(200), nullable=False)
    seed_source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # {method, commitment, committed_at, nonce, public_value} when derived from a public value
    seed_derivation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    drawn_on: Mapped[date] = mapped_column(Date, nullable=False)
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    # {targets: [{id, stratum, conflicts}], inspectors: [id], ineligible: {id: reason}, ...}
    pool: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    pool_hashes: Mapped[dict[str, str]] = mapped_column(JSON, nullable=False)
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    exclusions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)


class SpotCheckPlanTarget(UUIDPk, Base):
    """One enterprise a plan's draw picked (by 统一社会信用代码): the row the cross-agency
    merge matching (`GET /spot-check-plans/merge-suggestions`) self-joins on
    (year, target_uscc), so no JSON of any draw is read to match."""

    __tablename__ = "spot_check_plan_targets"
    __table_args__ = (
        Index("ix_spot_check_plan_targets_year_uscc", "year", "target_uscc", "agency_id"),
        UniqueConstraint("plan_id", "target_id", name="uq_spot_check_plan_targets_plan_target"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("spot_check_plans.id", ondelete="CASCADE"), nullable=False)
    draw_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    target_uscc: Mapped[str] = mapped_column(String(18), nullable=False)
    target_name: Mapped[str] = mapped_column(String(200), nullable=False)
