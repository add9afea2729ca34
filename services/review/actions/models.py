"""监督行动 tables: supervision actions, their participants and their findings."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class SupervisionAction(UUIDPk, Timestamps, Base):
    """One action (日常/重点/专项/评查/评议/现场观摩 监督) with its targets."""

    __tablename__ = "supervision_actions"
    __table_args__ = (Index("ix_supervision_actions_region_created", "region_code",
                            "created_at", "id"),)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # the 年度监督计划 item this action carries out (services.review.plans)
    plan_item_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    target_agency_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    target_matters: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    target_domains: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class ActionParticipant(UUIDPk, Base):
    """A participant: staff, an expert, or an invited supervisor (member_id, user_id)."""

    __tablename__ = "supervision_action_participants"
    __table_args__ = (Index("ix_supervision_action_participants_user", "user_id", "action_id"),)
    action_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("supervision_actions.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    member_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_id: Mapped[str | None] = mapped_column(String(64))


class ActionFinding(UUIDPk, Base):
    """A finding linked by id to the record it concerns, in the service that owns it."""

    __tablename__ = "supervision_action_findings"
    __table_args__ = (Index("ix_supervision_action_findings_action", "action_id", "at", "id"),)
    action_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("supervision_actions.id", ondelete="CASCADE"), nullable=False)
    record_type: Mapped[str] = mapped_column(String(16), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
