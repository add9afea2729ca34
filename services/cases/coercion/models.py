"""查封/扣押 (行政强制法第十八条–第二十八条) tables. Items are rows, so the yearly count of
seized items per agency is one indexed aggregate."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.cases.models import Base


class CoerciveMeasure(UUIDPk, Timestamps, Base):
    """One 查封 (seal) or 扣押 (seize) decision on a case. `ends_on` is kept up to date
    (30 days + an approved extension + notified appraisal periods, 第二十五条) so the overdue
    list is one indexed comparison."""

    __tablename__ = "coercive_measures"
    __table_args__ = (
        Index("ix_coercive_measures_case", "case_id", "started_on"),
        Index("ix_coercive_measures_agency_status_ends", "agency_id", "status", "ends_on"),
        Index("ix_coercive_measures_region_status_ends", "region_code", "status", "ends_on"),
        Index("ix_coercive_measures_agency_created", "agency_id", "created_at", "id"),
        Index("ix_coercive_measures_region_created", "region_code", "created_at", "id"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)  # seal | seize
    # active | released | disposed | transferred
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    certificate_numbers: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    is_emergency: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    # 第十九条: emergency measures need the head's approval within 24 hours
    approval_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approver_id: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    base_days: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    extension_days: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    extension: Mapped[dict[str, str] | None] = mapped_column(JSON)
    excluded_days: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_provisional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    released_on: Mapped[date | None] = mapped_column(Date)
    release_ground: Mapped[str | None] = mapped_column(String(32))
    release_note: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # 第十八条第三项至第九项 checklist and 第二十三条 attestations, as recorded on the spot
    on_site: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scope_attestations: Mapped[dict[str, bool] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)


class CoercedItem(UUIDPk, Base):
    """One sealed or seized item (清单 line, 第二十四条)."""

    __tablename__ = "coerced_items"
    __table_args__ = (
        Index("ix_coerced_items_measure", "measure_id"),
        Index("ix_coerced_items_agency_year_kind", "agency_id", "year", "kind"),
        Index("ix_coerced_items_region_year", "region_code", "year"),
    )

    measure_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coercive_measures.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    quantity: Mapped[str] = mapped_column(String(32), nullable=False)  # exact decimal text
    unit: Mapped[str] = mapped_column(String(20), nullable=False)
    condition: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # held | returned | confiscated | destroyed | transferred
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="held")
    disposed_on: Mapped[date | None] = mapped_column(Date)


class AppraisalPeriod(UUIDPk, Base):
    """检测、检验、检疫或者技术鉴定 period, excluded from the 30 days when notified in writing
    (第二十五条第三款)."""

    __tablename__ = "coercion_appraisal_periods"
    __table_args__ = (Index("ix_coercion_appraisal_periods_measure", "measure_id"),)

    measure_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coercive_measures.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    ended_on: Mapped[date] = mapped_column(Date, nullable=False)
    notified_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
