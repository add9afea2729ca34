"""HTTP surface of 行政许可: licence matters (public list), applications and one POST per
action. Actions take `If-Match`, answer the application with its new `ETag`, and refuse with
409 problem+json naming the article when the state machine does not allow them."""


import uuid
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile

from common.calendar import today_legal
from kit import errors
from kit.auth import current_principal
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page, set_etag
from services.cases.dependencies import ActorCtx, OptionalCtx, PublicCtx, ReaderCtx
from services.cases.licensing import decisions, materials, matters, reads, schemas, service
from services.cases.licensing import errors as le
from services.cases.licensing.dependencies import ApplicationById, ApplicationForAction
from services.cases.licensing.licences.router import router as licences_router

router = APIRouter(tags=["cases: licensing"], route_class=CommittingRoute)
router.include_router(licences_router)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACTION = (*AUTH, le.LicenceApplicationNotFound, le.ApplicationActionNotAllowed,
          errors.PreconditionFailed, errors.UnprocessableEntity)
APP = "/licence-applications/{application_id}"


async def read_app(ctx: service.Ctx, app: Any,
                   response: Response | None = None) -> schemas.ApplicationRead:
    if response is not None:
        set_etag(response, app.version)
    matter = await service.matter_of(ctx.session, app)
    mats = await materials.materials_of(ctx.session, app)
    return reads.application_read(app, matter, mats, ctx.calendar, today_legal())


@router.post("/licence-matters", response_model=schemas.LicenceMatterRead, status_code=201,
             responses=errors.responses(*AUTH, le.LicenceMatterInvalid,
                                        errors.ServiceUnavailable),
             summary="登记许可事项（新版本；publish=true 同时公示）")
async def create_licence_matter(ctx: ReaderCtx, body: schemas.LicenceMatterCreate,
                                response: Response) -> schemas.LicenceMatterRead:
    matter = await matters.create_matter(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/licence-matters/{matter.id}"
    return reads.matter_read(matter)


@router.get("/licence-matters", response_model=Page[schemas.LicenceMatterRead],
            responses=errors.responses(*AUTH, InvalidCursor),
            summary="许可事项清单（published=true 为公开目录，含申请材料和示范文本）")
async def list_licence_matters(ctx: PublicCtx, request: Request, published: bool = True,
                               agency_id: uuid.UUID | None = None, cursor: str | None = None,
                               limit: Annotated[int, Query(ge=1, le=200)] = 50,
                               ) -> Page[schemas.LicenceMatterRead]:
    principal = None if published else await current_principal(request)
    rows, nxt = await matters.list_matters(replace(ctx, principal=principal), published,
                                           agency_id, cursor, limit)
    return Page(items=[reads.matter_read(m) for m in rows], next_cursor=nxt, limit=limit)


@router.get("/licence-matters/{matter_id}", response_model=schemas.LicenceMatterRead,
            responses=errors.responses(*AUTH, le.LicenceMatterNotFound),
            summary="许可事项详情（已公示的公开；草稿仅限管辖范围）")
async def get_licence_matter(matter_id: uuid.UUID,
                             ctx: OptionalCtx) -> schemas.LicenceMatterRead:
    return reads.matter_read(await matters.load_matter(ctx, matter_id))


@router.post("/licence-matters/{matter_id}/publish", response_model=schemas.LicenceMatterRead,
             responses=errors.responses(*AUTH, le.LicenceMatterNotFound, errors.Conflict),
             summary="公示许可事项（行政许可法第三十条、第三十三条）")
async def publish_licence_matter(matter_id: uuid.UUID,
                                 ctx: ReaderCtx) -> schemas.LicenceMatterRead:
    matter = await matters.load_matter(ctx, matter_id)
    return reads.matter_read(await matters.publish_matter(ctx, matter))


@router.post("/licence-applications", response_model=schemas.ApplicationRead, status_code=201,
             responses=errors.responses(*AUTH, le.LicenceMatterNotFound,
                                        le.LicenceMatterNotPublished, le.ApplicantInvalid,
                                        le.ApplicantBanned, errors.UnprocessableEntity),
             summary="接收许可申请（申请人身份校验、禁止申请期检查）")
async def create_licence_application(ctx: ReaderCtx, body: schemas.ApplicationCreate,
                                     response: Response) -> schemas.ApplicationRead:
    app = await service.receive(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/licence-applications/{app.id}"
    return await read_app(ctx, app, response)


@router.get("/licence-applications", response_model=Page[schemas.ApplicationRead],
            responses=errors.responses(*AUTH, InvalidCursor),
            summary="许可申请列表（overdue=true：法定期限已过）")
async def list_licence_applications(
        ctx: ReaderCtx, status: str | None = None,
        overdue: bool | None = None, matter_id: uuid.UUID | None = None,
        cursor: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[schemas.ApplicationRead]:
    rows, nxt, by_id, mats = await materials.applications_page(
        ctx, status=status, overdue=overdue, matter_id=matter_id, cursor=cursor, limit=limit)
    cal, today = ctx.calendar, today_legal()
    return Page(items=[reads.application_read(a, by_id[a.matter_id], mats[a.id], cal, today)
                       for a in rows], next_cursor=nxt, limit=limit)


@router.get(APP, response_model=schemas.ApplicationRead,
            responses=errors.responses(*AUTH, le.LicenceApplicationNotFound),
            summary="许可申请详情（状态、可执行操作、法定期限）")
async def get_licence_application(app: ApplicationById, ctx: ReaderCtx,
                                  response: Response) -> schemas.ApplicationRead:
    return await read_app(ctx, app, response)


@router.post(f"{APP}/materials", response_model=schemas.MaterialRead, status_code=201,
             responses=errors.responses(*ACTION, le.MaterialRejected, errors.PayloadTooLarge),
             summary="提交申请材料（服务器计算 SHA-256）")
async def upload_licence_material(app: ApplicationForAction, ctx: ActorCtx,
                                  file: Annotated[UploadFile, File()],
                                  name: Annotated[str, Form(min_length=1, max_length=200)],
                                  ) -> schemas.MaterialRead:
    row = await materials.add_material(ctx, app, name, file.filename, file.content_type,
                                       file.file)
    return schemas.MaterialRead.model_validate(row, from_attributes=True)


def _action(path: str, name: str, body_model: Any, fn: Any, summary: str,
            *problems: type[errors.Problem]) -> None:
    async def endpoint(ctx: ReaderCtx, body: body_model,  # type: ignore[valid-type]
                       app: ApplicationForAction,
                       response: Response) -> schemas.ApplicationRead:
        await fn(ctx, app, body)
        await ctx.session.flush()
        return await read_app(ctx, app, response)

    router.add_api_route(f"{APP}/{path}", endpoint, methods=["POST"], name=name,
                         response_model=schemas.ApplicationRead, summary=summary,
                         responses=errors.responses(*ACTION, *problems))


async def _accept(ctx: service.Ctx, app: Any, body: schemas.AcceptBody) -> None:
    mats = await materials.materials_of(ctx.session, app)
    await service.accept(ctx, app, body, {m.name for m in mats})


_action("correction-notice", "serve_licence_correction_notice", schemas.CorrectionNotice,
        service.serve_correction, "一次告知补正（行政许可法第三十二条第一款第四项）",
        le.CorrectionAlreadyServed, le.ApplicationDeemedAccepted)
_action("accept", "accept_licence_application", schemas.AcceptBody, _accept,
        "受理（出具加盖专用印章、注明日期的凭证）", le.MaterialsIncomplete)
_action("not-accept", "not_accept_licence_application", schemas.NotAcceptBody,
        service.not_accept, "不予受理（告知向有关行政机关申请）", le.ApplicationDeemedAccepted)
_action("review", "review_licence_application", schemas.ReviewBody, decisions.review,
        "审查（实质核查须两名以上工作人员，第三十四条）", le.ReviewersInsufficient,
        le.StaffNotEligible, le.LinkInvalid)
_action("hearing-request", "request_licence_hearing", schemas.HearingRequestBody,
        decisions.request_hearing, "申请听证（第四十七条）", le.HearingNotAllowed)
_action("hearing", "hold_licence_hearing", schemas.HearingBody, decisions.hold_hearing,
        "举行听证（第四十八条）", le.HearingNotAllowed, le.StaffNotEligible)
_action("suspend", "suspend_licence_clock", schemas.SuspendBody, decisions.suspend,
        "不计入期限的期间（第四十五条）", le.SuspensionInvalid)
_action("resume", "resume_licence_clock", schemas.ResumeBody, decisions.resume,
        "扣除期间结束", le.SuspensionInvalid)
_action("extend", "extend_licence_deadline", schemas.ExtendBody, decisions.extend,
        "延长许可决定期限（第四十二条）", le.ExtensionNotAllowed)
_action("decide", "decide_licence_application", schemas.DecideBody, decisions.decide,
        "作出准予或不予行政许可决定（第三十八条）", le.DecisionInvalid)
_action("issue-certificate", "issue_licence_certificate", schemas.IssueCertificateBody,
        decisions.issue_certificate, "颁发、送达许可证件（第四十四条）")
