"""Load-or-404 for issued documents and the app's bounded PDF worker."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from kit.db import SessionDep
from services.cases.dependencies import CaseById
from services.cases.documents.errors import DocumentNotFound
from services.cases.documents.models import IssuedDocument
from services.cases.documents.pdf import PdfWorker
from services.cases.documents.repository import DocumentRepository


async def document_or_404(session: object, case_id: uuid.UUID, document_id: uuid.UUID,
                          for_update: bool = False) -> IssuedDocument:
    doc = await DocumentRepository(session).document(  # type: ignore[arg-type]
        case_id, document_id, for_update)
    if doc is None:
        raise DocumentNotFound(f"文书 {document_id} 不存在或不在您的管辖范围内")
    return doc


async def _document(document_id: uuid.UUID, case: CaseById,
                    session: SessionDep) -> IssuedDocument:
    return await document_or_404(session, case.id, document_id)


def _worker(request: Request) -> PdfWorker:
    state = request.app.state
    worker = getattr(state, "pdf_worker", None)
    if worker is None:
        s = state.settings
        worker = PdfWorker(s.document_soffice_path, s.document_pdf_timeout_s,
                           s.document_pdf_concurrency)
        state.pdf_worker = worker
    return worker


DocumentById = Annotated[IssuedDocument, Depends(_document)]
Worker = Annotated[PdfWorker, Depends(_worker)]
