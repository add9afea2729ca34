"""投诉举报 table."""

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.review.models import Base


class Complaint(UUIDPk, Timestamps, Base):
    """One 投诉举报; the citizen follows it by `tracking_code` alone."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_agency_received", "target_agency_id", "received_at", "id"),
        Index("ix_complaints_region_received", "region_code", "received_at", "id"),
        Index("ix_complaints_status_respond_by", "status", "respond_by"),
        Index("ix_complaints_lead_case", "lead_case_id"),
        Index("ix_complaints_channel_ticket", "channel", "external_ticket_id"),
    )
    tracking_code: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    category: Mapped[str] = mapped_column(String(30), nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    location: Mapped[str | None] = mapped_column(String(200))
    target_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="received")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    acknowledge_by: Mapped[date] = mapped_column(Date, nullable=False)
    respond_by: Mapped[date] = mapped_column(Date, nullable=False)
    close_by: Mapped[date] = mapped_column(Date, nullable=False)
    handler: Mapped[str | None] = mapped_column(String(64))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[str | None] = mapped_column(Text)
    lead_case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lead_status: Mapped[str | None] = mapped_column(String(30))
    # intake: the 12345 / 信访 work-order number of the channel the complaint came through
    external_ticket_id: Mapped[str | None] = mapped_column(String(64))
    # 受理/不予受理 with reasons (within complaint_acknowledge_working_days, default 5)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    refused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 延期: once, by complaint_extension_days (default 20), with the head's approval
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_approved_by: Mapped[str | None] = mapped_column(String(64))
    extension_reason: Mapped[str | None] = mapped_column(Text)
    # 告知投诉人处理结果
    result_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result_told_via: Mapped[str | None] = mapped_column(String(16))
