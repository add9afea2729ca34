"""Merged plans (综合查一次, 国办发〔2024〕54号: 能合并检查的，不得重复检查；能联合检查的，不得
多头检查): the merge the district supervisor decided, one joint task per shared enterprise, and
one member row per participating agency (the scope and statistics rows)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk, utcnow
from services.cases.models import Base


class PlanMerge(UUIDPk, Timestamps, Base):
    """合并抽查计划: the plans (of ≥2 agencies, same year, overlapping periods), the common
    period, the lead agency (牵头机关) and who decided it."""

    __tablename__ = "inspection_plan_merges"
    __table_args__ = (Index("ix_inspection_plan_merges_region_year", "region_code", "year"),)

    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    plan_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    agency_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    lead_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    cap_counting: Mapped[str] = mapped_column(String(12), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_by: Mapped[str | None] = mapped_column(String(120))


class JointTask(UUIDPk, Base):
    """联合检查任务: one enterprise (统一社会信用代码) inspected once by the merge's agencies;
    its id is the `joint_task_id` of every inspection made under it."""

    __tablename__ = "inspection_joint_tasks"
    __table_args__ = (UniqueConstraint("merge_id", "target_uscc",
                                       name="uq_inspection_joint_tasks_merge_uscc"),)

    merge_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspection_plan_merges.id", ondelete="CASCADE"), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    target_uscc: Mapped[str] = mapped_column(String(18), nullable=False)
    target_name: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class JointTaskMember(UUIDPk, Base):
    """One participating agency of a joint task, with its plan and its own registry row."""

    __tablename__ = "inspection_joint_task_members"
    __table_args__ = (
        UniqueConstraint("task_id", "agency_id", name="uq_inspection_joint_task_members_agency"),
        Index("ix_inspection_joint_task_members_agency_year", "agency_id", "year"),
        Index("ix_inspection_joint_task_members_region_year", "region_code", "year"),
        Index("ix_inspection_joint_task_members_plan", "plan_id", "task_id"),
    )

    task_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("inspection_joint_tasks.id", ondelete="CASCADE"), nullable=False)
    merge_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
