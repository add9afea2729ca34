"""The disclosure tables: decision records (行政处罚结果公示 / 双公示) and per-region settings.

Only redacted, public-safe text is stored, plus one private field (`masked_id_number`, the
credit-upload 证件号码 masked per settings) that no public view selects."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.publicity.models import Base


class DisclosureStatus:
    published = "published"
    pending = "pending"              # held for review before publication (region setting)
    not_published = "not_published"  # a rule forbids publication (minor, 轻微 not published)
    withdrawn = "withdrawn"          # 行政处罚法第四十八条第二款 撤回


class Disclosure(UUIDPk, Timestamps, Base):
    """One decision's public record; `id` is the public `decision_id`."""

    __tablename__ = "disclosures"
    __table_args__ = (
        Index("ix_disclosures_public_feed", "status", "decided_on", "id"),
        Index("ix_disclosures_agency_feed", "agency_id", "status", "decided_on", "id"),
        Index("ix_disclosures_region_feed", "region_code", "decided_on", "id"),
        Index("ix_disclosures_category_feed", "penalty_category", "decided_on", "id"),
        Index("ix_disclosures_published_at", "status", "published_at", "id"),
        Index("ix_disclosures_publish_due", "status", "publish_due_on"),
        Index("ix_disclosures_agency_created", "agency_id", "created_at", "id"),
        Index("ix_disclosures_updated_at", "updated_at"),
        Index("ix_disclosures_region_created", "region_code", "created_at", "id"),
        # text search is LIKE '%q%': trigram GIN indexes on PostgreSQL (plain ones on SQLite)
        Index("ix_disclosures_party_name_trgm", "party_name", postgresql_using="gin",
              postgresql_ops={"party_name": "gin_trgm_ops"}),
        Index("ix_disclosures_document_number_trgm", "document_number",
              postgresql_using="gin", postgresql_ops={"document_number": "gin_trgm_ops"}),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, unique=True)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    procedure: Mapped[str] = mapped_column(String(16), nullable=False, default="ordinary")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    status_rule: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    party_kind: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    party_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    party_code: Mapped[str | None] = mapped_column(String(18))  # 统一社会信用代码 (organisations)
    masked_id_number: Mapped[str | None] = mapped_column(String(32))  # private export field only
    document_number: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    violation_type: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    facts: Mapped[str] = mapped_column(Text, nullable=False, default="")
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    penalty_category: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    penalty_categories: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    penalty_content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    fine_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    confiscation_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    license_affected: Mapped[str | None] = mapped_column(String(300))
    decided_on: Mapped[date | None] = mapped_column(Date)
    agency_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    agency_uscc: Mapped[str] = mapped_column(String(18), nullable=False, default="")
    data_source_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    data_source_uscc: Mapped[str] = mapped_column(String(18), nullable=False, default="")

    publicity_class: Mapped[str] = mapped_column(String(16), nullable=False, default="general")
    publicity_min_until: Mapped[date | None] = mapped_column(Date)
    publicity_until: Mapped[date | None] = mapped_column(Date)
    publish_due_on: Mapped[date | None] = mapped_column(Date)
    publish_due_provisional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    revoked_on: Mapped[date | None] = mapped_column(Date)
    withdraw_due_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class RegionSetting(Base):
    """Per-region publicity switches; the longest `region_code` prefix of a record wins."""

    __tablename__ = "publicity_region_settings"

    region_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    mask_person_name: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hold_for_review: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    publish_minor: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
