"""The public 统计年报 tables (行政执法统计年报, published by 31 January)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime
from services.publicity.models import Base


class AnnualStatistics(Timestamps, Base):
    """One finalised report version's tables; `id` is review's report id. A newer version
    marks the one it replaces `superseded` (kept, not listed by default)."""

    __tablename__ = "annual_statistics"
    __table_args__ = (
        Index("ix_annual_statistics_region_published", "region_code", "published_at", "id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="published")
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    tables: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    finalised_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
