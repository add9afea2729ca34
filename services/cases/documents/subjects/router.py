"""执法文书 routes of inspections and licence applications, the same surface as a case's:
`POST {subject}/documents` issues (numbered, frozen, chained in the subject's record), the list,
the frozen context, the .docx and the PDF, and `POST .../documents/{document_id}/services`
(送达 with the 送达回证). Built once per subject by `_mount`. No `from __future__ import
annotations` here: the endpoints are closures whose annotations FastAPI must resolve."""

import json
import uuid
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Response

from kit import errors
from kit.db import WRITES_ON_READ, CommittingRoute
from kit.schemas import set_etag
from services.cases.dependencies import ActorCtx, ReaderCtx
from services.cases.documents import delivery, schemas
from services.cases.documents import errors as de
from services.cases.documents import service as svc
from services.cases.documents.dependencies import Worker
from services.cases.documents.subjects import service as subjects
from services.cases.inspections import errors as ie
from services.cases.inspections.dependencies import InspectionById, InspectionForAction
from services.cases.licensing import errors as le
from services.cases.licensing.dependencies import ApplicationById, ApplicationForAction

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ISSUE = (de.DocumentTemplateNotFound, de.DocumentFieldsMissing, de.DocumentFieldsUnknown,
         de.DocumentAlreadyIssued, de.DocumentNotIssuable, de.DocumentNumberRangeInvalid,
         de.DocumentNotFound, errors.PreconditionFailed)


def _file(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


async def _doc(session: Any, owner: Any, owner_col: str, document_id: uuid.UUID) -> Any:
    return await svc.document_of(session, owner.id, document_id, owner_col)


def _mount(base: str, noun: str, owner_col: str, by_id: Any, for_action: Any,
           missing: type[errors.Problem], label: str) -> None:
    docs = f"{base}/documents"
    one = f"{docs}/{{document_id}}"
    read = errors.responses(*AUTH, missing, de.DocumentNotFound)

    async def issue(ctx: ActorCtx, body: schemas.DocumentIssue, owner: for_action,
                    response: Response) -> schemas.DocumentRead:
        doc = await svc.issue(ctx, owner, body)
        response.headers["Location"] = f"/api/v1/cases{docs.split('{')[0]}{owner.id}" \
                                       f"/documents/{doc.id}"
        set_etag(response, owner.version)
        return schemas.DocumentRead.model_validate(doc)

    async def listing(owner: by_id, ctx: ReaderCtx) -> list[schemas.DocumentRead]:
        return [schemas.DocumentRead.model_validate(d) for d in
                await svc.documents_of(ctx.session, owner.id, owner_col)]

    async def context(document_id: uuid.UUID, owner: by_id,
                      ctx: ReaderCtx) -> dict[str, Any]:
        doc = await _doc(ctx.session, owner, owner_col, document_id)
        return json.loads(await delivery.stored(ctx.settings, doc.context_key))

    async def docx(document_id: uuid.UUID, owner: by_id, ctx: ReaderCtx) -> Response:
        doc = await _doc(ctx.session, owner, owner_col, document_id)
        return _file(await delivery.docx_of(ctx.settings, doc), DOCX, f"{doc.name}.docx")

    async def pdf(document_id: uuid.UUID, owner: by_id, ctx: ReaderCtx,
                  worker: Worker) -> Response:
        doc = await _doc(ctx.session, owner, owner_col, document_id)
        data = await delivery.pdf_of(ctx.settings, doc, worker)
        return _file(data, "application/pdf", f"{doc.name}.pdf")

    async def serve(ctx: ActorCtx, document_id: uuid.UUID, body: schemas.ServiceCreate,
                    owner: for_action, response: Response) -> schemas.ServiceRead:
        doc = await _doc(ctx.session, owner, owner_col, document_id)
        row = await subjects.record_service(ctx, owner, doc, body)
        set_etag(response, owner.version)
        return schemas.ServiceRead(
            id=row.id, document_id=row.document_id, method=row.method,
            method_name=delivery.exe.SERVE_NAMES[row.method], delivered_on=row.delivered_on,
            served_on=row.served_on, recipient=row.recipient, relation=row.relation,
            place=row.place, details=row.details, server_ids=row.server_ids,
            receipt_document_id=row.receipt_document_id, case_served_on=None)

    add = router.add_api_route
    add(docs, issue, methods=["POST"], name=f"issue_{noun}_document", status_code=201,
        response_model=schemas.DocumentRead, responses=errors.responses(*AUTH, missing, *ISSUE),
        summary=f"制作{label}文书（校验法定必备内容、编号、固化并记入全过程记录）")
    add(docs, listing, methods=["GET"], name=f"list_{noun}_documents",
        response_model=list[schemas.DocumentRead], responses=errors.responses(*AUTH, missing),
        summary=f"本{label}的执法文书")
    add(f"{one}/context", context, methods=["GET"], name=f"get_{noun}_document_context",
        response_model=dict[str, Any], responses=read,
        summary="文书的固化数据（JSON，其 SHA-256 记入全过程记录）")
    add(f"{one}/docx", docx, methods=["GET"], name=f"download_{noun}_document_docx",
        response_class=Response, responses={200: {"content": {DOCX: {}}}, **read},
        summary="下载文书（.docx，固化版本）")
    add(f"{one}/pdf", pdf, methods=["GET"], name=f"download_{noun}_document_pdf",
        response_class=Response, summary="下载文书（PDF，LibreOffice 转换）",
        dependencies=[WRITES_ON_READ],  # the PDF is converted once and kept
        responses={200: {"content": {"application/pdf": {}}},
                   **errors.responses(*AUTH, missing, de.DocumentNotFound, de.PdfUnavailable)})
    add(f"{one}/services", serve, methods=["POST"], name=f"serve_{noun}_document",
        status_code=201, response_model=schemas.ServiceRead, summary="登记送达并制作送达回证",
        responses=errors.responses(*AUTH, missing, de.DocumentNotFound,
                                   de.DocumentServiceInvalid, de.DocumentFieldsMissing,
                                   de.DocumentAlreadyIssued, errors.PreconditionFailed))


_mount("/inspections/{inspection_id}", "inspection", "inspection_id", InspectionById,
       InspectionForAction, ie.InspectionNotFound, "行政检查")
_mount("/licence-applications/{application_id}", "licence_application", "application_id",
       ApplicationById, ApplicationForAction, le.LicenceApplicationNotFound, "许可申请")
