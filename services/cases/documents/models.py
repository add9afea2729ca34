"""执法文书 tables: agency template versions, issued documents (frozen context + bytes, both
content-addressed in the evidence storage with SHA-256), 送达 records and pre-allocated
number ranges for offline forms."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UTCDateTime, UUIDPk, utcnow
from services.cases.models import Base


class DocumentTemplate(UUIDPk, Base):
    """An agency's own version of a shipped template (validated on upload)."""

    __tablename__ = "document_templates"
    __table_args__ = (UniqueConstraint("agency_id", "code", "version"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(300), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    uploaded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class IssuedDocument(UUIDPk, Base):
    """An issued 执法文书: never changed; a correction is a new row (`version` + 1) whose
    `replaces_id` names the one it replaces (that one gets `replaced_by_id`). Its subject is
    exactly one of a case, an inspection (行政检查文书) or a licence application (许可文书):
    `case_id`, `inspection_id` or `application_id`."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint("agency_id", "number", name="uq_issued_documents_agency_number"),
        UniqueConstraint("range_id", "range_seq", name="uq_issued_documents_range_seq"),
        Index("ix_issued_documents_case", "case_id", "issued_at"),
        Index("ix_issued_documents_inspection", "inspection_id", "issued_at"),
        Index("ix_issued_documents_application", "application_id", "issued_at"),
    )

    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"))
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("inspections.id", ondelete="CASCADE"))
    application_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("licence_applications.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    number: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    replaced_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    template_source: Mapped[str] = mapped_column(String(16), nullable=False)  # shipped|agency
    template_version: Mapped[str] = mapped_column(String(20), nullable=False)
    template_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    template_key: Mapped[str] = mapped_column(String(300), nullable=False)
    context_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    context_key: Mapped[str] = mapped_column(String(300), nullable=False)
    docx_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    docx_key: Mapped[str] = mapped_column(String(300), nullable=False)
    docx_size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    pdf_key: Mapped[str | None] = mapped_column(String(300))
    range_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    range_seq: Mapped[int | None] = mapped_column(Integer)
    timeline_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(100), nullable=False)


class DocumentService(UUIDPk, Base):
    """送达 of an issued document (民事诉讼法第八十七条–第九十五条 via 行政处罚法第六十一条)."""

    __tablename__ = "document_services"
    __table_args__ = (Index("ix_document_services_document", "document_id", "served_on"),)

    document_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("issued_documents.id", ondelete="CASCADE"), nullable=False)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    application_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    method: Mapped[str] = mapped_column(String(16), nullable=False)
    delivered_on: Mapped[date] = mapped_column(Date, nullable=False)
    served_on: Mapped[date] = mapped_column(Date, nullable=False)  # when service takes effect
    recipient: Mapped[str] = mapped_column(String(200), nullable=False)
    relation: Mapped[str | None] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(300), nullable=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    server_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    receipt_document_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class DocumentNumberRange(UUIDPk, Timestamps, Base):
    """A block of numbers reserved from the per-agency/type/year sequence for one officer or
    device, so pre-numbered forms (当场处罚决定书, 第五十二条 “预定格式、编有号码”) can be
    filled offline and synced later."""

    __tablename__ = "document_number_ranges"
    __table_args__ = (Index("ix_document_number_ranges_agency", "agency_id", "code", "year"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    holder_kind: Mapped[str] = mapped_column(String(16), nullable=False)  # officer|device
    holder_id: Mapped[str] = mapped_column(String(64), nullable=False)
    first_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    pattern: Mapped[str] = mapped_column(String(100), nullable=False)
    prefix: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
