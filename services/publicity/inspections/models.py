"""双随机、一公开 public records (国办发〔2019〕5号 "一公开"): the published
检查事项清单 (`item`, 事前公开), the spot-check task announcement (`task`, 任务公告: plan, seed,
algorithm, pool hashes and the drawn ids, so anyone can re-derive the draw) and the 抽查结果
(`result`, within the configured working days). One row per (kind, source_id); only redacted,
public-safe content is stored."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.publicity.models import Base


class InspectionDisclosure(UUIDPk, Timestamps, Base):
    __tablename__ = "inspection_disclosures"
    __table_args__ = (
        UniqueConstraint("kind", "source_id", name="uq_inspection_disclosures_kind_source"),
        Index("ix_inspection_disclosures_feed", "kind", "published_at", "id"),
    )

    kind: Mapped[str] = mapped_column(String(12), nullable=False)  # item | task | result
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    content: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    due_on: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
