"""特邀行政执法监督员 tables: cohorts (届), members, meetings, activities, leads, appraisals."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class InvitedCohort(UUIDPk, Timestamps, Base):
    """One 届 of invited supervisors with its term (e.g. 第五届, 5 years)."""

    __tablename__ = "invited_cohorts"
    __table_args__ = (Index("ix_invited_cohorts_region_created", "region_code", "created_at",
                            "id"),)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    term_start: Mapped[date] = mapped_column(Date, nullable=False)
    term_end: Mapped[date] = mapped_column(Date, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class InvitedMember(UUIDPk, Timestamps, Base):
    """A member: source category, eligibility attestations, the account they sign in with."""

    __tablename__ = "invited_members"
    __table_args__ = (Index("ix_invited_members_cohort", "cohort_id", "name", "id"),
                      UniqueConstraint("cohort_id", "user_id"))
    cohort_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("invited_cohorts.id", ondelete="CASCADE"), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    user_id: Mapped[str] = mapped_column(String(64), nullable=False)
    source_category: Mapped[str] = mapped_column(String(24), nullable=False)
    attestations: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")


class InvitedMeeting(UUIDPk, Base):
    """A 工作会议 of the cohort with attendees and minutes (纪要)."""

    __tablename__ = "invited_meetings"
    __table_args__ = (Index("ix_invited_meetings_cohort_held", "cohort_id", "held_on", "id"),)
    cohort_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("invited_cohorts.id", ondelete="CASCADE"), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    topic: Mapped[str] = mapped_column(String(200), nullable=False)
    attendee_member_ids: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    minutes: Mapped[str] = mapped_column(Text, nullable=False)


class InvitedActivity(UUIDPk, Base):
    """A member's activity (an evaluation, an inspection observation, a special action …)."""

    __tablename__ = "invited_activities"
    __table_args__ = (Index("ix_invited_activities_member_at", "member_id", "at", "id"),)
    member_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("invited_members.id", ondelete="CASCADE"), nullable=False)
    action_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class InvitedLead(UUIDPk, Base):
    """A lead a member passed on; it became a complaint or a supervision finding."""

    __tablename__ = "invited_leads"
    __table_args__ = (Index("ix_invited_leads_member_at", "member_id", "at", "id"),)
    member_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("invited_members.id", ondelete="CASCADE"), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    became: Mapped[str] = mapped_column(String(16), nullable=False)
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    finding_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class InvitedAppraisal(UUIDPk, Base):
    """The yearly appraisal (年度考评) of a member, one per year."""

    __tablename__ = "invited_appraisals"
    __table_args__ = (UniqueConstraint("member_id", "year"),)
    member_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("invited_members.id", ondelete="CASCADE"), nullable=False)
    year: Mapped[int] = mapped_column(nullable=False)
    grade: Mapped[str] = mapped_column(String(16), nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)
    appraised_by: Mapped[str] = mapped_column(String(64), nullable=False)
