"""Fieldwork routes: 笔录, evidence (server-side SHA-256, case evidence storage), the lead to a
case, and the inspection's hash-chained record with its verification."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import set_etag
from services.cases import errors as ce
from services.cases.dependencies import ActorCtx, ReaderCtx
from services.cases.inspections import errors as ie
from services.cases.inspections import schemas
from services.cases.inspections import service as svc
from services.cases.inspections.dependencies import InspectionById, InspectionForAction
from services.cases.inspections.fieldwork import service
from services.cases.lifecycle.schemas import EvidenceKind
from services.cases.storage import LocalStorage, TooLarge
from services.cases.timeline import service as chain

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACTION = (*AUTH, ie.InspectionNotFound, ie.InspectionActionNotAllowed, errors.PreconditionFailed)


@router.post("/inspections/{inspection_id}/records", response_model=schemas.RecordRead,
             status_code=201, responses=errors.responses(*ACTION, ce.OfficersNotQualified),
             summary="制作笔录（现场检查、询问、抽样、勘验）")
async def create_inspection_record(ctx: ActorCtx, body: schemas.RecordCreate,
                                   i: InspectionForAction, response: Response
                                   ) -> schemas.RecordRead:
    rec = await service.add_record(ctx, i, body)
    set_etag(response, i.version)
    return schemas.RecordRead.model_validate(rec)


@router.post("/inspections/{inspection_id}/evidence", response_model=schemas.EvidenceRead,
             status_code=201,
             responses=errors.responses(*ACTION, ce.OfficersNotQualified, ce.EvidenceRejected,
                                        ce.EvidenceTooLarge),
             summary="上传检查证据（服务器计算 SHA-256）")
async def upload_inspection_evidence(ctx: ActorCtx, i: InspectionForAction,
                                     response: Response, file: Annotated[UploadFile, File()],
                                     kind: Annotated[EvidenceKind, Form()],
                                     officer_ids: Annotated[list[str], Form()],
                                     description: Annotated[str, Form(max_length=4000)] = ""
                                     ) -> schemas.EvidenceRead:
    s = ctx.settings
    ctype = (file.content_type or "application/octet-stream").split(";")[0].strip()
    if ctype not in s.evidence_allowed_types:
        raise ce.EvidenceRejected(f"不接受的文件类型 {ctype}",
                                  allowed_types=s.evidence_allowed_types)
    storage = LocalStorage(s.evidence_dir or f"{s.data_dir}/evidence")
    try:
        stored = await run_in_threadpool(storage.put, file.file, s.evidence_max_bytes)
    except TooLarge as exc:
        raise ce.EvidenceTooLarge(f"文件超过 {s.evidence_max_bytes} 字节",
                                  max_bytes=s.evidence_max_bytes) from exc
    if stored.size == 0:
        raise ce.EvidenceRejected("文件为空")
    ev = await service.add_evidence(ctx, i, kind=kind,
                                    description=description, filename=file.filename or "upload",
                                    content_type=ctype, stored=stored, officer_ids=officer_ids)
    set_etag(response, i.version)
    return schemas.EvidenceRead.model_validate(ev)


@router.post("/inspections/{inspection_id}/lead", response_model=schemas.LeadRead,
             status_code=201,
             responses={200: {"model": schemas.LeadRead,
                              "description": "线索此前已生成：返回同一案件，不再新建"},
                        **errors.responses(*ACTION, ce.MatterNotFound, ce.MatterNotHeld)},
             summary="检查发现违法线索：生成案件线索并移交证据（幂等：再次调用返回同一案件）")
async def create_inspection_lead(ctx: ActorCtx, body: schemas.LeadCreate, i: InspectionForAction,
                                 response: Response) -> schemas.LeadRead:
    case, created, carried = await service.create_lead(ctx, i, body)
    if not created:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/cases/cases/{i.case_id}"
    set_etag(response, i.version)
    return schemas.LeadRead(case_id=i.case_id, created=created, evidence_carried=carried,
                            inspection=await svc.read(ctx, i))


@router.post("/inspections/{inspection_id}/scan", response_model=schemas.InspectionRead,
             responses=errors.responses(*ACTION),
             summary="执法人员扫码入企（检查结束后扫码标记为迟扫）")
async def scan_inspection(ctx: ActorCtx, body: schemas.Scan, i: InspectionForAction,
                          response: Response) -> schemas.InspectionRead:
    await service.scan(ctx, i, body)
    set_etag(response, i.version)
    return await svc.read(ctx, i)


@router.get("/inspections/{inspection_id}/records", response_model=list[schemas.RecordRead],
            responses=errors.responses(*AUTH, ie.InspectionNotFound), summary="检查笔录")
async def list_inspection_records(i: InspectionById, ctx: ReaderCtx
                                  ) -> list[schemas.RecordRead]:
    return [schemas.RecordRead.model_validate(r)
            for r in await service.records_of(ctx.session, i)]


@router.get("/inspections/{inspection_id}/evidence", response_model=list[schemas.EvidenceRead],
            responses=errors.responses(*AUTH, ie.InspectionNotFound), summary="检查证据目录")
async def list_inspection_evidence(i: InspectionById, ctx: ReaderCtx
                                   ) -> list[schemas.EvidenceRead]:
    return [schemas.EvidenceRead.model_validate(e)
            for e in await service.evidence_of(ctx.session, i)]


@router.get("/inspections/{inspection_id}/timeline", response_model=list[schemas.ChainEntryRead],
            responses=errors.responses(*AUTH, ie.InspectionNotFound),
            summary="检查全过程记录（哈希链）")
async def get_inspection_timeline(i: InspectionById, ctx: ReaderCtx
                                  ) -> list[schemas.ChainEntryRead]:
    return [schemas.ChainEntryRead.model_validate(e)
            for e in await chain.list_entries(ctx.session, i.id, svc.RECORD_CHAIN)]


@router.get("/inspections/{inspection_id}/timeline/verify",
            response_model=schemas.ChainVerifyRead,
            responses=errors.responses(*AUTH, ie.InspectionNotFound),
            summary="校验检查全过程记录哈希链")
async def verify_inspection_timeline(i: InspectionById, ctx: ReaderCtx
                                     ) -> schemas.ChainVerifyRead:
    return schemas.ChainVerifyRead(**await chain.verify(ctx.session, i,
                                                        chain=svc.RECORD_CHAIN))
