"""The public 年度行政执法监督计划: the redacted copy of a plan review published."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime
from services.publicity.models import Base


class PublicSupervisionPlan(Timestamps, Base):
    """`id` is review's plan id; texts went through the redaction engine."""

    __tablename__ = "public_supervision_plans"
    __table_args__ = (
        Index("ix_public_supervision_plans_region_published", "region_code", "published_at",
              "id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
