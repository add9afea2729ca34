"""Penalty-case routes: register, read, list, dossier, and one POST per lifecycle action.
Every action takes `If-Match` (412 when stale), answers the case with its new `ETag`, and
refuses with a 409 naming the rule when the state machine does not allow it."""

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from common.calendar import today_legal
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import Page, set_etag
from services.cases import errors as ce
from services.cases.dependencies import (
    ActorCtx,
    CaseById,
    CaseForAction,
    ReaderCtx,
    RegistrarCtx,
)
from services.cases.filetypes import check_upload, safe_filename
from services.cases.licensing.errors import LinkInvalid
from services.cases.lifecycle import clock, reads, schemas
from services.cases.lifecycle import conclusion as concl
from services.cases.lifecycle import decision as dec
from services.cases.lifecycle import execution as exe
from services.cases.lifecycle import service as svc
from services.cases.storage import LocalStorage, TooLarge
from services.cases.timeline import service as timeline

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACTION = (*AUTH, ce.CaseNotFound, ce.ActionNotAllowed, ce.CaseArchived,
          errors.PreconditionFailed)


def _read(ctx: svc.Ctx, case: object, response: Response) -> reads.CaseRead:
    set_etag(response, case.version)  # type: ignore[attr-defined]
    return reads.full(case, ctx.calendar, today_legal(),  # type: ignore[arg-type]
                      ctx.settings.lead_check_working_days)


@router.post("/cases", response_model=reads.CaseRead, status_code=201,
             responses=errors.responses(*AUTH, ce.MatterNotFound, ce.MatterNotHeld,
                                        LinkInvalid),
             summary="登记案件线索（可关联所涉许可证件 licence_id）")
async def create_case(ctx: RegistrarCtx, body: schemas.CaseCreate,
                      response: Response) -> reads.CaseRead:
    case = await svc.create_case(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/cases/{case.id}"
    return _read(ctx, case, response)


@router.get("/cases", response_model=Page[reads.CaseSummary],
            responses=errors.responses(*AUTH), summary="案件列表（按管辖范围，游标分页）")
async def list_cases(ctx: ReaderCtx,
                     status: str | None = None, matter_id: uuid.UUID | None = None,
                     officer_id: str | None = None, party: str | None = None,
                     agency_id: uuid.UUID | None = None, filed_from: date | None = None,
                     filed_to: date | None = None, discovered_from: date | None = None,
                     discovered_to: date | None = None, overdue: bool | None = None,
                     cursor: str | None = None,
                     limit: Annotated[int, Query(ge=1, le=200)] = 50,
                     ) -> Response:
    return Response(await reads.list_page(
        ctx, status=status, matter_id=matter_id, officer_id=officer_id,
        party=party, agency_id=agency_id, filed_from=filed_from, filed_to=filed_to,
        discovered_from=discovered_from, discovered_to=discovered_to, overdue=overdue,
        cursor=cursor, limit=limit), media_type="application/json")


@router.get("/cases/{case_id}", response_model=reads.CaseRead,
            responses=errors.responses(*AUTH, ce.CaseNotFound),
            summary="案件详情（含可执行操作与法定期限）")
async def get_case(case: CaseById, ctx: ReaderCtx, response: Response) -> reads.CaseRead:
    return _read(ctx, case, response)


@router.get("/cases/{case_id}/dossier", response_model=reads.Dossier,
            responses=errors.responses(*AUTH, ce.CaseNotFound),
            summary="完整案卷（供案卷评查）")
async def get_dossier(case: CaseById, ctx: ReaderCtx, response: Response) -> reads.Dossier:
    entries = await timeline.list_entries(ctx.session, case.id)
    return reads.Dossier(
        case=_read(ctx, case, response), **await reads.dossier_files(ctx.session, case.id),
        timeline=[reads.TimelineEntryRead.model_validate(e) for e in entries],
        timeline_verification=reads.TimelineVerifyRead(**await timeline.verify(
            ctx.session, case, ctx.settings)))


@router.get("/cases/{case_id}/timeline", response_model=list[reads.TimelineEntryRead],
            responses=errors.responses(*AUTH, ce.CaseNotFound), summary="全过程记录")
async def get_timeline(case: CaseById, ctx: ReaderCtx) -> list[reads.TimelineEntryRead]:
    return [reads.TimelineEntryRead.model_validate(e)
            for e in await timeline.list_entries(ctx.session, case.id)]


@router.get("/cases/{case_id}/timeline/verify", response_model=reads.TimelineVerifyRead,
            responses=errors.responses(*AUTH, ce.CaseNotFound),
            summary="校验全过程记录哈希链")
async def verify_timeline(case: CaseById, ctx: ReaderCtx) -> reads.TimelineVerifyRead:
    return reads.TimelineVerifyRead(**await timeline.verify(ctx.session, case, ctx.settings))


@router.get("/cases/{case_id}/evidence", response_model=list[reads.EvidenceRead],
            responses=errors.responses(*AUTH, ce.CaseNotFound), summary="证据目录")
async def list_evidence(case: CaseById, ctx: ReaderCtx) -> list[reads.EvidenceRead]:
    return await reads.evidence(ctx.session, case.id)


@router.post("/cases/{case_id}/evidence", response_model=reads.EvidenceRead, status_code=201,
             responses=errors.responses(*ACTION, ce.OfficersNotQualified, ce.EvidenceRejected,
                                        ce.EvidenceTooLarge),
             summary="上传证据（服务器计算 SHA-256）")
async def upload_evidence(ctx: ActorCtx, case: CaseForAction,
                          file: Annotated[UploadFile, File()],
                          kind: Annotated[schemas.EvidenceKind, Form()],
                          officer_ids: Annotated[list[str], Form()],
                          description: Annotated[str, Form(max_length=4000)] = ""
                          ) -> reads.EvidenceRead:
    s = ctx.settings
    ctype = (file.content_type or "application/octet-stream").split(";")[0].strip()
    if ctype not in s.evidence_allowed_types:
        raise ce.EvidenceRejected(f"不接受的文件类型 {ctype}",
                                  allowed_types=s.evidence_allowed_types)
    check_upload(file.file, ctype)
    storage = LocalStorage(s.evidence_dir or f"{s.data_dir}/evidence")
    try:
        stored = await run_in_threadpool(storage.put, file.file, s.evidence_max_bytes)
    except TooLarge as exc:
        raise ce.EvidenceTooLarge(f"文件超过 {s.evidence_max_bytes} 字节",
                                  max_bytes=s.evidence_max_bytes) from exc
    if stored.size == 0:
        raise ce.EvidenceRejected("文件为空")
    ev = await svc.add_evidence(ctx, case, kind=kind,
                                description=description, filename=safe_filename(file.filename),
                                content_type=ctype, stored=stored, officer_ids=officer_ids)
    return reads.EvidenceRead.model_validate(ev)


@router.post("/cases/{case_id}/records", response_model=reads.RecordRead, status_code=201,
             responses=errors.responses(*ACTION, ce.OfficersNotQualified),
             summary="制作笔录（现场检查/询问）")
async def create_record(ctx: ActorCtx, body: schemas.RecordCreate, case: CaseForAction
                        ) -> reads.RecordRead:
    rec = await svc.add_record(ctx, case, body)
    return reads.RecordRead.model_validate(rec)


@router.post("/cases/{case_id}/conclude", response_model=schemas.ConcludeResult,
             responses=errors.responses(*ACTION, ce.FineOutsideTier, ce.AgeOrCapacityRule,
                                        ce.SoftEnforcementRule,
                                        ce.ApproverNotHead),
             summary="调查终结（答复是否须法制审核、集体讨论）")
async def conclude_case(ctx: ActorCtx, body: schemas.ConcludeCase, case: CaseForAction,
                        response: Response) -> schemas.ConcludeResult:
    out = await concl.conclude_case(ctx, case, body)
    set_etag(response, case.version)
    return schemas.ConcludeResult(**out)


@router.post("/cases/{case_id}/payments", response_model=reads.PaymentRead, status_code=201,
             responses=errors.responses(*ACTION), summary="登记缴款（计算加处罚款）")
async def create_payment(ctx: ActorCtx, body: schemas.PaymentCreate, case: CaseForAction,
                         response: Response) -> reads.PaymentRead:
    out = await exe.pay(ctx, case, body)
    set_etag(response, case.version)
    return reads.PaymentRead(**out)


def _action(path: str, name: str, body_model: Any, fn: Any, summary: str,
            *problems: type[errors.Problem]) -> None:
    """One POST per case action: `fn(ctx, case, body)`, answering the updated case."""

    async def endpoint(ctx: ActorCtx, body: body_model,  # type: ignore[valid-type]
                       case: CaseForAction,
                       response: Response) -> reads.CaseRead:
        await fn(ctx, case, body)
        return _read(ctx, case, response)

    router.add_api_route(f"/cases/{{case_id}}/{path}", endpoint, methods=["POST"], name=name,
                         response_model=reads.CaseRead, summary=summary,
                         responses=errors.responses(*ACTION, *problems))


_action("file", "file_case", schemas.FileCase, svc.file_case, "立案",
        ce.OfficersNotQualified, ce.LimitationExpired, ce.MatterNotHeld, ce.ApproverNotHead)
_action("decline", "decline_case", schemas.DeclineCase, svc.decline_case, "不予立案",
        ce.ApproverNotHead)
_action("notify", "notify_case", schemas.NotifyCase, dec.notify, "事先告知（行政处罚法第四十四条）")
_action("statements", "add_statement", schemas.StatementCreate, dec.add_statement,
        "陈述申辩及复核，或明确放弃")
_action("hearing-request", "request_hearing", schemas.HearingRequest, dec.request_hearing,
        "当事人申请听证", ce.HearingNotAllowed)
_action("hearing", "hold_hearing", schemas.HearingHeld, dec.hold_hearing, "举行听证",
        ce.HearingNotAllowed)
_action("decide", "decide_case", schemas.DecideCase, dec.decide, "作出处罚决定",
        ce.LegalReviewNotApproved, ce.StatementWindowOpen, ce.PenaltyIncreased,
        ce.CollectiveDiscussionInvalid, ce.ApproverNotHead)
_action("serve", "serve_decision", schemas.ServeCase, exe.serve, "送达决定书",
        ce.ServiceRefused)
_action("payment-arrangement", "arrange_payment", schemas.PaymentArrangement,
        exe.arrange_payment, "暂缓或分期缴纳（行政处罚法第六十六条）", ce.ApproverNotHead)
_action("remedy", "set_remedy", schemas.RemedyFlag, exe.set_remedy,
        "登记复议/诉讼进行中或结束（暂停加处罚款，第七十三条）")
_action("extend-deadline", "extend_deadline", schemas.ExtendDeadline, exe.extend_deadline,
        "延长办案期限（行政处罚法第六十条）", ce.ApproverNotHead)
_action("clock-pause", "pause_decision_clock", clock.ClockPause, clock.pause_clock,
        "办案期限扣除期间的开始或结束（中止、鉴定、公告等，第六十条）")
_action("close", "close_case", schemas.CloseCase, exe.close, "结案", ce.CaseNotClosable)
_action("revoke-decision", "revoke_decision", schemas.RevokeDecision, dec.revoke_decision,
        "变更、撤销或确认违法（公示撤回，第四十八条）")


@router.post("/cases/{case_id}/archive", response_model=reads.CaseRead,
             responses=errors.responses(*ACTION), summary="归档（此后只读）")
async def archive_case(ctx: ActorCtx, case: CaseForAction, response: Response
                       ) -> reads.CaseRead:
    await exe.archive(ctx, case)
    return _read(ctx, case, response)
