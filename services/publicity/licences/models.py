"""行政许可 public records (双公示 许可信息, 行政许可法第四十条): one row per application,
built from `licence.decided` / `licence.issued`, withdrawn on `licence.revoked`. Only redacted,
public-safe text is stored, plus the private masked ID number of natural persons."""

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk
from services.publicity.models import Base


class LicenceDisclosure(UUIDPk, Timestamps, Base):
    __tablename__ = "licence_disclosures"
    __table_args__ = (
        Index("ix_licence_disclosures_public_feed", "status", "decided_on", "id"),
        Index("ix_licence_disclosures_agency", "agency_id", "decided_on", "id"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, unique=True)
    licence_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    # pending (held for review by the region's setting) | published | withdrawn
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    # 准予 (True) or 不予行政许可 (False: published under 行政许可法第五条 when
    # PUBLICITY_PUBLISH_LICENCE_REFUSALS, never in the 双公示 许可 export)
    granted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    holder_kind: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    holder_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    holder_code: Mapped[str | None] = mapped_column(String(18))
    masked_id_number: Mapped[str | None] = mapped_column(String(32))
    document_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    document_number: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    matter_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    category: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    certificate_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    licence_number: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    agency_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    agency_uscc: Mapped[str] = mapped_column(String(18), nullable=False, default="")
    publish_due_on: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
