"""Request/response models of 联席会议."""

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field

from kit.schemas import ApiModel


class JointMeetingCreate(ApiModel):
    title: str = Field(min_length=1, max_length=200)
    held_on: date
    region_code: str | None = Field(None, pattern=r"^\d{6,12}$")
    convener_agency_id: uuid.UUID
    participant_agency_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)
    agenda: list[str] = Field(min_length=1, max_length=50)
    minutes: str = Field("", max_length=50000)


class MeetingDecisionCreate(ApiModel):
    text: str = Field(min_length=1, max_length=5000)
    responsible_agency_id: uuid.UUID
    due_on: date | None = None


class FollowUpCreate(ApiModel):
    note: str = Field(min_length=1, max_length=5000)
    # the decision is carried out (办结): no further follow-ups
    done: bool = False


class MeetingDecisionRead(ApiModel):
    id: uuid.UUID
    seq: int
    text: str
    responsible_agency_id: uuid.UUID
    due_on: date | None
    status: str
    follow_ups: list[dict[str, Any]]
    done_at: datetime | None
    overdue: bool = False


class JointMeetingRead(ApiModel):
    id: uuid.UUID
    region_code: str
    title: str
    held_on: date
    convener_agency_id: uuid.UUID
    created_by: str


class JointMeetingDetail(JointMeetingRead):
    participant_agency_ids: list[uuid.UUID] = Field(default_factory=list)
    agenda: list[str] = Field(default_factory=list)
    minutes: str = ""
    decisions: list[MeetingDecisionRead] = Field(default_factory=list)


class RhythmPeriod(ApiModel):
    starts_on: date
    ends_on: date
    meetings: int
    meeting_ids: list[uuid.UUID]
    # the period has ended (before today) without a meeting
    overdue: bool


class JointMeetingRhythm(ApiModel):
    region_code: str
    year: int
    interval_months: int
    periods: list[RhythmPeriod]
