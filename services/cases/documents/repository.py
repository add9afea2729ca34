"""Every SQL statement of the documents sub-package."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from services.cases.documents.models import (
    DocumentNumberRange,
    DocumentService,
    DocumentTemplate,
    IssuedDocument,
)
from services.cases.models import CaseRecord, Evidence
from services.cases.summary.models import SummaryDecision


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def evidence(self, case_id: uuid.UUID) -> list[Evidence]:
        return list((await self.session.scalars(select(Evidence).where(
            Evidence.case_id == case_id).order_by(Evidence.collected_at, Evidence.id))).all())

    async def records(self, case_id: uuid.UUID) -> list[CaseRecord]:
        return list((await self.session.scalars(select(CaseRecord).where(
            CaseRecord.case_id == case_id).order_by(CaseRecord.started_at))).all())

    async def summary_of(self, case_id: uuid.UUID) -> SummaryDecision | None:
        return await self.session.scalar(select(SummaryDecision).where(
            SummaryDecision.case_id == case_id))

    async def documents(self, case_id: uuid.UUID, owner: str = "case_id"
                        ) -> list[IssuedDocument]:
        """The documents of one subject (`owner`: case_id, inspection_id or application_id)."""
        return list((await self.session.scalars(select(IssuedDocument).where(
            getattr(IssuedDocument, owner) == case_id).order_by(IssuedDocument.issued_at,
                                                                IssuedDocument.id))).all())

    async def document(self, case_id: uuid.UUID, document_id: uuid.UUID,
                       for_update: bool = False, owner: str = "case_id"
                       ) -> IssuedDocument | None:
        stmt = select(IssuedDocument).where(IssuedDocument.id == document_id,
                                            getattr(IssuedDocument, owner) == case_id)
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def current(self, case_id: uuid.UUID, code: str,
                      owner: str = "case_id") -> IssuedDocument | None:
        return await self.session.scalar(select(IssuedDocument).where(
            getattr(IssuedDocument, owner) == case_id, IssuedDocument.code == code,
            IssuedDocument.replaced_by_id.is_(None)).limit(1))

    async def agency_template(self, agency_id: uuid.UUID, code: str) -> DocumentTemplate | None:
        return await self.session.scalar(select(DocumentTemplate).where(
            DocumentTemplate.agency_id == agency_id, DocumentTemplate.code == code)
            .order_by(DocumentTemplate.version.desc()).limit(1))

    async def agency_templates(self, principal: Principal) -> list[DocumentTemplate]:
        stmt = select(DocumentTemplate).order_by(DocumentTemplate.code,
                                                 DocumentTemplate.version)
        clause = scope_clause(principal, DocumentTemplate.agency_id,
                              DocumentTemplate.region_code)
        if clause is not None:
            stmt = stmt.where(clause)
        return list((await self.session.scalars(stmt)).all())

    async def next_template_version(self, agency_id: uuid.UUID, code: str) -> int:
        top = await self.session.scalar(select(func.max(DocumentTemplate.version)).where(
            DocumentTemplate.agency_id == agency_id, DocumentTemplate.code == code))
        return int(top or 0) + 1

    async def number_range(self, range_id: uuid.UUID) -> DocumentNumberRange | None:
        return await self.session.get(DocumentNumberRange, range_id)

    async def services(self, document_id: uuid.UUID) -> list[DocumentService]:
        return list((await self.session.scalars(select(DocumentService).where(
            DocumentService.document_id == document_id).order_by(
                DocumentService.created_at))).all())

    def add(self, row: Any) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()
