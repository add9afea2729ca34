"""The annual report table: one frozen snapshot per version of a report."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class AnnualReport(UUIDPk, Timestamps, Base):
    """One version of a report of `kind` for `year` over one agency or one region.

    `figures` is frozen when the report is made: `[{key, label, value, unit, rule, source:
    {service, path, params}, previous, change}]`. `narrative` holds the editable sections
    (二、存在的主要问题, 三、下一步工作打算, issuer, date). `version` is the If-Match counter;
    `number` the report's version (n), `replaces_id` the version it replaces."""

    __tablename__ = "annual_reports"
    __table_args__ = (
        Index("ix_annual_reports_scope", "scope_key", "kind", "year", "number"),
        Index("ix_annual_reports_region_made", "region_code", "made_at", "id"),
        Index("ix_annual_reports_agency_made", "agency_id", "made_at", "id"),
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # "agency:<uuid>" or "region:<code>": the same scope across years and versions
    scope_key: Mapped[str] = mapped_column(String(64), nullable=False)
    scope_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    number: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    figures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    narrative: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    previous_year_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    made_by: Mapped[str] = mapped_column(String(64), nullable=False)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    finalised_by: Mapped[str | None] = mapped_column(String(64))
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
