"""社会评议 tables: one evaluation of a case's proposed decision (its redacted summary, the
panel drawn from the invited supervisors with its seed, the outcome and the deciding officer's
answer) and the panel's opinions."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class SocialEvaluation(UUIDPk, Timestamps, Base):
    """社会评议 of one case's proposed decision. `pool` is every eligible member id at the draw,
    `panel` the members drawn (`common.draw.take(seed, pool, panel_size)`), `exclusions` the ones
    passed over with the reason; `outcome` the counts per dimension once concluded; `answer`
    (adopted / not_adopted) with `answer_reasons` is the deciding officer's reply."""

    __tablename__ = "social_evaluations"
    __table_args__ = (
        UniqueConstraint("case_id", name="uq_social_evaluations_case"),
        Index("ix_social_evaluations_agency_opened", "agency_id", "opened_at", "id"),
        Index("ix_social_evaluations_region_opened", "region_code", "opened_at", "id"),
    )
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    case_number: Mapped[str | None] = mapped_column(String(100))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    seed: Mapped[str] = mapped_column(String(200), nullable=False)
    algorithm: Mapped[str] = mapped_column(String(40), nullable=False)
    pool: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    pool_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    panel_size: Mapped[int] = mapped_column(Integer, nullable=False)
    panel: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    exclusions: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    opened_by: Mapped[str] = mapped_column(String(64), nullable=False)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    opened_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    concluded_by: Mapped[str | None] = mapped_column(String(64))
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(String(16))
    answer_reasons: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SocialOpinion(UUIDPk, Base):
    """One panel member's opinion: 合法 / 合理 / 合情, each agree / disagree / unsure."""

    __tablename__ = "social_evaluation_opinions"
    __table_args__ = (UniqueConstraint("evaluation_id", "member_id",
                                       name="uq_social_evaluation_opinions_member"),)
    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("social_evaluations.id", ondelete="CASCADE"), nullable=False)
    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    legality: Mapped[str] = mapped_column(String(12), nullable=False)
    reasonableness: Mapped[str] = mapped_column(String(12), nullable=False)
    fairness: Mapped[str] = mapped_column(String(12), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class PanelSeat(UUIDPk, Base):
    """One drawn member on a panel, with the account they sign in with: what the
    `invited_supervisor` role may read (the redacted summary of these evaluations only)."""

    __tablename__ = "social_evaluation_seats"
    __table_args__ = (UniqueConstraint("evaluation_id", "member_id",
                                       name="uq_social_evaluation_seats_member"),
                      Index("ix_social_evaluation_seats_user", "user_id", "evaluation_id"))
    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("social_evaluations.id", ondelete="CASCADE"), nullable=False)
    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    user_id: Mapped[str] = mapped_column(String(64), nullable=False)
