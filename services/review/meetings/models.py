"""联席会议 tables: the meeting, its agencies (convener, participants) and its decisions."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class JointMeeting(UUIDPk, Timestamps, Base):
    __tablename__ = "joint_meetings"
    __table_args__ = (Index("ix_joint_meetings_region_held", "region_code", "held_on", "id"),)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    convener_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agenda: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    minutes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)


class MeetingAgency(UUIDPk, Base):
    """An agency at the meeting: the convener (召集单位) or a participant (成员单位)."""

    __tablename__ = "joint_meeting_agencies"
    __table_args__ = (Index("ix_joint_meeting_agencies_agency", "agency_id", "meeting_id"),)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("joint_meetings.id", ondelete="CASCADE"), nullable=False)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)


class MeetingDecision(UUIDPk, Base):
    """A decision (议定事项) with the responsible agency, a due date and its follow-ups."""

    __tablename__ = "joint_meeting_decisions"
    __table_args__ = (Index("ix_joint_meeting_decisions_meeting", "meeting_id", "seq", "id"),)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("joint_meetings.id", ondelete="CASCADE"), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    responsible_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    follow_ups: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
