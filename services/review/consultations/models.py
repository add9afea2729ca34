"""案件联合会商 tables: the referral, its participants, their written opinions."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class CaseConsultation(UUIDPk, Timestamps, Base):
    """A difficult case referred for consultation: the case (and inspections) by id as cases
    answered them, the case's agency and real region, and its latest legal review if any."""

    __tablename__ = "case_consultations"
    __table_args__ = (
        Index("ix_case_consultations_region_created", "region_code", "created_at", "id"),
        Index("ix_case_consultations_case", "case_id", "created_at"),
    )
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    case_number: Mapped[str | None] = mapped_column(String(100))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    legal_review_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    inspection_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    question: Mapped[str] = mapped_column(Text, nullable=False)
    opinion_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    outcome: Mapped[str | None] = mapped_column(String(24))
    conclusion: Mapped[str | None] = mapped_column(Text)
    adopted_opinion_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    concluded_by: Mapped[str | None] = mapped_column(String(64))
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class ConsultationParticipant(UUIDPk, Base):
    """A district department (agency, checked in personnel) or an expert (by name)."""

    __tablename__ = "case_consultation_participants"
    __table_args__ = (
        Index("ix_case_consultation_participants_agency", "agency_id", "consultation_id"),)
    consultation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("case_consultations.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(200), nullable=False)


class ConsultationOpinion(UUIDPk, Base):
    """A written opinion: the position on the proposed handling, its basis and reasons."""

    __tablename__ = "case_consultation_opinions"
    __table_args__ = (
        UniqueConstraint("participant_id", name="uq_case_consultation_opinions_participant"),
        Index("ix_case_consultation_opinions_consultation", "consultation_id", "submitted_at",
              "id"),
    )
    consultation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("case_consultations.id", ondelete="CASCADE"), nullable=False)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("case_consultation_participants.id", ondelete="CASCADE"),
        nullable=False)
    position: Mapped[str] = mapped_column(String(16), nullable=False)
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reasons: Mapped[str] = mapped_column(Text, nullable=False)
    late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    submitted_by: Mapped[str] = mapped_column(String(64), nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
