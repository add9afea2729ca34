"""执法文书 routes: the template catalogue and agency uploads, issuing a document from a case
(numbered, frozen, hashed into the timeline), .docx and PDF downloads, 送达 with the 送达回证,
pre-allocated number ranges for offline forms, and the case file (案卷) as a .zip."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Response, UploadFile

from kit import errors
from kit.db import WRITES_ON_READ, CommittingRoute
from kit.schemas import set_etag
from services.cases import errors as ce
from services.cases.dependencies import (
    ActorCtx,
    AgencyAdminCtx,
    CaseById,
    CaseForAction,
    ReaderCtx,
)
from services.cases.documents import delivery, dossier, schemas, uploads
from services.cases.documents import errors as de
from services.cases.documents import service as svc
from services.cases.documents.dependencies import DocumentById, Worker, document_or_404
from services.cases.numbering import render_number

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACT = (*AUTH, ce.CaseNotFound, ce.CaseArchived, errors.PreconditionFailed)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.get("/document-templates", response_model=list[schemas.TemplateRead],
            responses=errors.responses(*AUTH), summary="执法文书模板目录（法定必备内容）")
async def list_document_templates(ctx: ReaderCtx) -> list[schemas.TemplateRead]:
    return [schemas.TemplateRead(**t) for t in await uploads.catalogue(ctx)]


@router.post("/document-templates/{code}/versions", response_model=schemas.TemplateRead,
             status_code=201, responses=errors.responses(
                 *AUTH, de.DocumentTemplateNotFound, de.DocumentTemplateInvalid),
             summary="上传本机关的文书模板版本（校验后启用）")
async def upload_document_template(ctx: AgencyAdminCtx, code: str,
                                   file: Annotated[UploadFile, File()]) -> schemas.TemplateRead:
    data = await file.read(ctx.settings.document_template_max_bytes + 1)
    row = await uploads.upload(ctx, code, data)
    spec = svc.spec_of(code)
    return schemas.TemplateRead(**uploads.describe(spec, "agency", f"{spec.version}.a"
                                                   f"{row.version}", row.sha256))


@router.post("/document-number-ranges", response_model=schemas.NumberRangeRead,
             status_code=201, responses=errors.responses(
                 *AUTH, de.DocumentTemplateNotFound, de.DocumentNotIssuable,
                 de.DocumentNumberRangeInvalid),
             summary="为执法人员或设备预分配文书编号段（离线当场文书）")
async def reserve_number_range(ctx: ActorCtx, body: schemas.NumberRangeCreate
                               ) -> schemas.NumberRangeRead:
    rng = await svc.reserve_range(ctx, body)
    fmt = lambda seq: render_number(rng.pattern, prefix=rng.prefix,  # noqa: E731
                                    year=rng.year, seq=seq)
    return schemas.NumberRangeRead(
        id=rng.id, code=rng.code, year=rng.year, holder_kind=rng.holder_kind,
        holder_id=rng.holder_id, first_seq=rng.first_seq, last_seq=rng.last_seq,
        first_number=fmt(rng.first_seq), last_number=fmt(rng.last_seq))


@router.post("/cases/{case_id}/documents", response_model=schemas.DocumentRead,
             status_code=201, responses=errors.responses(
                 *ACT, de.DocumentTemplateNotFound, de.DocumentFieldsMissing,
                 de.DocumentFieldsUnknown, de.DocumentAlreadyIssued, de.DocumentNotIssuable,
                 de.DocumentNumberRangeInvalid, de.DocumentNotFound),
             summary="制作执法文书（校验法定必备内容、编号、固化并记入全过程记录）")
async def issue_document(ctx: ActorCtx, body: schemas.DocumentIssue, case: CaseForAction,
                         response: Response) -> schemas.DocumentRead:
    doc = await svc.issue(ctx, case, body)
    response.headers["Location"] = f"/api/v1/cases/cases/{case.id}/documents/{doc.id}"
    set_etag(response, case.version)
    return schemas.DocumentRead.model_validate(doc)


@router.get("/cases/{case_id}/documents", response_model=list[schemas.DocumentRead],
            responses=errors.responses(*AUTH, ce.CaseNotFound), summary="本案执法文书")
async def list_documents(case: CaseById, ctx: ReaderCtx) -> list[schemas.DocumentRead]:
    return [schemas.DocumentRead.model_validate(d)
            for d in await svc.documents_of(ctx.session, case.id)]


@router.get("/cases/{case_id}/documents/{document_id}", response_model=schemas.DocumentRead,
            responses=errors.responses(*AUTH, ce.CaseNotFound, de.DocumentNotFound),
            summary="文书详情")
async def get_document(doc: DocumentById) -> schemas.DocumentRead:
    return schemas.DocumentRead.model_validate(doc)


@router.get("/cases/{case_id}/documents/{document_id}/context", response_model=dict[str, Any],
            responses=errors.responses(*AUTH, ce.CaseNotFound, de.DocumentNotFound),
            summary="文书的固化数据（JSON，其 SHA-256 记入全过程记录）")
async def get_document_context(doc: DocumentById, ctx: ReaderCtx) -> dict[str, Any]:
    return json.loads(await delivery.stored(ctx.settings, doc.context_key))


@router.get("/cases/{case_id}/documents/{document_id}/docx", response_class=Response,
            responses={200: {"content": {DOCX: {}}},
                       **errors.responses(*AUTH, ce.CaseNotFound, de.DocumentNotFound)},
            summary="下载文书（.docx，固化版本）")
async def download_document_docx(doc: DocumentById, ctx: ReaderCtx) -> Response:
    data = await delivery.docx_of(ctx.settings, doc)
    return _file(data, DOCX, f"{doc.name}.docx")


@router.get("/cases/{case_id}/documents/{document_id}/pdf", response_class=Response,
            dependencies=[WRITES_ON_READ],  # the PDF is converted once and kept
            responses={200: {"content": {"application/pdf": {}}},
                       **errors.responses(*AUTH, ce.CaseNotFound, de.DocumentNotFound,
                                          de.PdfUnavailable)},
            summary="下载文书（PDF，LibreOffice 转换）")
async def download_document_pdf(doc: DocumentById, ctx: ReaderCtx,
                                worker: Worker) -> Response:
    data = await delivery.pdf_of(ctx.settings, doc, worker)
    return _file(data, "application/pdf", f"{doc.name}.pdf")


@router.post("/cases/{case_id}/documents/{document_id}/services",
             response_model=schemas.ServiceRead, status_code=201,
             responses=errors.responses(*ACT, de.DocumentNotFound, de.DocumentServiceInvalid,
                                        de.DocumentFieldsMissing, de.DocumentAlreadyIssued,
                                        ce.ActionNotAllowed),
             summary="登记送达并制作送达回证")
async def serve_document(ctx: ActorCtx, document_id: uuid.UUID, body: schemas.ServiceCreate,
                         case: CaseForAction, response: Response) -> schemas.ServiceRead:
    doc = await document_or_404(ctx.session, case.id, document_id)
    row = await delivery.record_service(ctx, case, doc, body)
    set_etag(response, case.version)
    return schemas.ServiceRead(
        id=row.id, document_id=row.document_id, method=row.method,
        method_name=delivery.exe.SERVE_NAMES[row.method], delivered_on=row.delivered_on,
        served_on=row.served_on, recipient=row.recipient, relation=row.relation,
        place=row.place, details=row.details, server_ids=row.server_ids,
        receipt_document_id=row.receipt_document_id, case_served_on=case.served_on)


@router.get("/cases/{case_id}/dossier.zip", response_class=Response,
            responses={200: {"content": {"application/zip": {}}},
                       **errors.responses(*AUTH, ce.CaseNotFound)},
            summary="案卷（封面、卷内目录、按法定顺序排列的文书、备考表）")
async def download_dossier(ctx: ReaderCtx, case: CaseById) -> Response:
    data = await delivery.dossier_zip(ctx, case)
    return _file(data, "application/zip", f"{case.number or case.id}_案卷.zip")


@router.get("/cases/{case_id}/dossier.pdf", response_class=Response,
            dependencies=[WRITES_ON_READ],  # the PDF is converted once and kept
            responses={200: {"content": {"application/pdf": {}}},
                       **errors.responses(*AUTH, ce.CaseNotFound, de.PdfUnavailable)},
            summary="案卷 PDF（封面、带页号的卷内目录、按法定顺序排列的文书、备考表，每页编页号）")
async def download_dossier_pdf(ctx: ReaderCtx, case: CaseById, worker: Worker) -> Response:
    data = await dossier.dossier_pdf(ctx, case, worker)
    return _file(data, "application/pdf", f"{case.number or case.id}_案卷.pdf")
