from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.personnel.models import Base


class Officer(UUIDPk, Timestamps, Base):
    """A staff member: 执法人员, or 执法辅助人员 when `is_auxiliary` (never counts as officer)."""

    __tablename__ = "officers"
    __table_args__ = (Index("ix_officers_agency_id_id", "agency_id", "id"),
                      Index("ix_officers_region_code_id", "region_code", "id"))

    name: Mapped[str] = mapped_column(String(50), nullable=False)
    id_number_encrypted: Mapped[str] = mapped_column(Text, nullable=False)
    id_number_index: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    employment_type: Mapped[str] = mapped_column(String(16), nullable=False)
    is_auxiliary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    on_post: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    has_legal_qualification: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    # 负责人: head / deputy_head of the agency (may approve 立案, 延期, 查封扣押 …) or staff
    # server default only, so rows written by older code (and the release data set) get "staff"
    position: Mapped[str] = mapped_column(String(16), nullable=False, server_default="staff")
    # the day the person stops being active (a recorded departure, possibly still in the future)
    left_on: Mapped[date | None] = mapped_column(Date)
    # the day the person became an officer here (统计 新增执法人员); defaults to the day recorded
    joined_on: Mapped[date | None] = mapped_column(Date)


class Exam(UUIDPk, Timestamps, Base):
    """执法资格考试 result: 通用法律知识 (general_law) or 专门法律知识 (special_law)."""

    __tablename__ = "officer_exams"

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False, index=True)
    subject: Mapped[str] = mapped_column(String(16), nullable=False)
    taken_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    score: Mapped[int] = mapped_column(Integer, nullable=False)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)


class Appraisal(UUIDPk, Timestamps, Base):
    """年度考核: excellent 优秀 / competent 称职 / basically_competent 基本称职 /
    incompetent 不称职."""

    __tablename__ = "officer_appraisals"

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    result: Mapped[str] = mapped_column(String(24), nullable=False)


class Sanction(UUIDPk, Timestamps, Base):
    """处分 with its period (处分期)."""

    __tablename__ = "officer_sanctions"

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str | None] = mapped_column(String(500))


class StatusChange(UUIDPk, Timestamps, Base):
    """调动 / 退休 / 辞职 / 开除辞退 with an effective date; applied when due."""

    __tablename__ = "officer_status_changes"
    __table_args__ = (Index("ix_officer_status_changes_applied_at_effective_on",
                            "applied_at", "effective_on"),)

    officer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    effective_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str | None] = mapped_column(String(500))
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
