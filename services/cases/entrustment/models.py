"""委托协议 tables: written entrustment of penalty powers (行政处罚法第二十条–第二十一条)."""

import uuid
from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.cases.models import Base


class EntrustmentAgreement(UUIDPk, Timestamps, Base):
    """One written 委托书: who delegates which matters to whom, for how long.

    The entrusted agency acts in the delegating department's name and may not sub-delegate
    (第二十条第三款); the agreement must state matters, powers and term and be published
    (第二十条第二款)."""

    __tablename__ = "entrustment_agreements"
    __table_args__ = (
        UniqueConstraint("agency_id", "number"),
        Index("ix_entrustment_agreements_agency_created", "agency_id", "created_at", "id"),
        Index("ix_entrustment_agreements_region_created", "region_code", "created_at", "id"),
    )

    # the entrusted agency (受委托组织): its cases use the agreement, its scope owns the row
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    agency_name: Mapped[str] = mapped_column(String(200), nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    number: Mapped[str] = mapped_column(String(100), nullable=False)
    delegating_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    delegating_agency_name: Mapped[str] = mapped_column(String(200), nullable=False)
    delegating_agency_uscc: Mapped[str | None] = mapped_column(String(18))
    powers: Mapped[str] = mapped_column(Text, nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_until: Mapped[date] = mapped_column(Date, nullable=False)
    published_on: Mapped[date | None] = mapped_column(Date)
    publication_ref: Mapped[str | None] = mapped_column(String(300))
    filing_status: Mapped[str] = mapped_column(String(16), nullable=False, default="unfiled")
    filed_on: Mapped[date | None] = mapped_column(Date)
    filing_ref: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    terminated_on: Mapped[date | None] = mapped_column(Date)
    termination_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)


class EntrustmentMatter(Base):
    """The matters an agreement covers (one row each, so the lookup at 立案 is indexed)."""

    __tablename__ = "entrustment_agreement_matters"
    __table_args__ = (
        Index("ix_entrustment_agreement_matters_lookup", "matter_id", "agency_id"),
    )

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("entrustment_agreements.id", ondelete="CASCADE"), primary_key=True)
    matter_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)


class EntrustmentEvaluation(UUIDPk, Timestamps, Base):
    """Annual evaluation of how the entrusted agency used the delegated powers."""

    __tablename__ = "entrustment_evaluations"
    __table_args__ = (UniqueConstraint("agreement_id", "year"),)

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("entrustment_agreements.id", ondelete="CASCADE"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    result: Mapped[str] = mapped_column(String(16), nullable=False)
    evaluated_on: Mapped[date] = mapped_column(Date, nullable=False)
    comments: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    evaluated_by: Mapped[str] = mapped_column(String(100), nullable=False)
