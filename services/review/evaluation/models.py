"""案卷评查 tables: versioned rubrics, batches (with their recorded seed) and evaluated files."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class EvaluationRubric(UUIDPk, Timestamps, Base):
    """An 评查标准: veto items, scored items by stage, grade bands; (code, version) is unique."""

    __tablename__ = "evaluation_rubrics"
    __table_args__ = (UniqueConstraint("code", "version"),)
    code: Mapped[str] = mapped_column(String(50), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    veto_items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    scored_items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    grade_bands: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class EvaluationBatch(UUIDPk, Timestamps, Base):
    """One 评查 round: the sample drawn per agency from `seed` (see evaluation.service.draw)."""

    __tablename__ = "evaluation_batches"
    __table_args__ = (Index("ix_evaluation_batches_region_created", "region_code", "created_at",
                            "id"),)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    rubric_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evaluation_rubrics.id"),
                                                 nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    agency_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    sample_size: Mapped[int | None] = mapped_column(Integer)
    sample_ratio: Mapped[float | None] = mapped_column(Float)
    seed: Mapped[str] = mapped_column(String(100), nullable=False)
    population: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class EvaluationFile(UUIDPk, Timestamps, Base):
    """One sampled 案卷 and its score; `dossier` is the case file as fetched from cases."""

    __tablename__ = "evaluation_files"
    __table_args__ = (
        UniqueConstraint("batch_id", "case_id"),
        Index("ix_evaluation_files_batch_agency", "batch_id", "agency_id", "draw_index"),
    )
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evaluation_batches.id"),
                                                nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    draw_index: Mapped[int] = mapped_column(Integer, nullable=False)
    case_number: Mapped[str | None] = mapped_column(String(80))
    dossier: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    vetoes: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    deductions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    score: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(10))
    problems: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    evaluator: Mapped[str | None] = mapped_column(String(64))
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
