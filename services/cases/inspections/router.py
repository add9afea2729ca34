"""Inspection routes: register, read, list, and one POST per action (`/approve`, `/notify`,
`/start`, `/finish`, `/feedback`; fieldwork adds `/records`, `/evidence`, `/lead`). Actions
take `If-Match` and answer the inspection with its new `ETag`. Sub-routers (catalogue, draws,
fieldwork, public) are included here; fixed paths come before `/inspections/{inspection_id}`."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import Page, set_etag
from services.cases.context import Ctx
from services.cases.dependencies import ActorCtx, ReaderCtx
from services.cases.errors import ApproverNotHead, OfficersNotQualified
from services.cases.inspections import errors as ie
from services.cases.inspections import joint, schemas
from services.cases.inspections import service as svc
from services.cases.inspections.caps.router import router as caps_router
from services.cases.inspections.catalogue.router import router as catalogue_router
from services.cases.inspections.dependencies import InspectionById, InspectionForAction
from services.cases.inspections.draws.router import router as draws_router
from services.cases.inspections.fieldwork.router import router as fieldwork_router
from services.cases.inspections.merges.router import router as merges_router
from services.cases.inspections.public.router import router as public_router
from services.cases.inspections.reports.router import router as reports_router
from services.cases.inspections.sync.router import router as sync_router

router = APIRouter(route_class=CommittingRoute)
router.include_router(catalogue_router)
router.include_router(caps_router)
router.include_router(merges_router)  # before draws: fixed paths under /spot-check-plans
router.include_router(draws_router)
router.include_router(public_router)
router.include_router(sync_router)
router.include_router(reports_router)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACTION = (*AUTH, ie.InspectionNotFound, ie.InspectionActionNotAllowed, errors.PreconditionFailed)


async def answer(ctx: Ctx, i: Any, response: Response) -> schemas.InspectionRead:
    set_etag(response, i.version)
    return await svc.read(ctx, i)


@router.post("/inspections", response_model=schemas.InspectionRead, status_code=201,
             responses=errors.responses(*AUTH, ie.InspectionItemNotPublished,
                                        ie.InspectionItemMismatch, ie.InspectionTargetNotFound,
                                        OfficersNotQualified),
             summary="登记行政检查（日常/个案/专项）")
async def create_inspection(ctx: ActorCtx, body: schemas.InspectionCreate, response: Response
                            ) -> schemas.InspectionRead:
    i = await svc.create_inspection(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/inspections/{i.id}"
    return await answer(ctx, i, response)


@router.get("/inspections", response_model=Page[schemas.InspectionRead],
            responses=errors.responses(*AUTH),
            summary="行政检查列表（按管辖范围，游标分页；含 cap 频次）")
async def list_inspections(ctx: ReaderCtx, status: str | None = None,
                           target_id: uuid.UUID | None = None, cursor: str | None = None,
                           limit: Annotated[int, Query(ge=1, le=200)] = 50
                           ) -> Page[schemas.InspectionRead]:
    rows, nxt = await svc.list_inspections(ctx, status, target_id, cursor, limit)
    return Page(items=await svc.read_page(ctx, rows), next_cursor=nxt, limit=limit)


@router.get("/inspections/{inspection_id}", response_model=schemas.InspectionRead,
            responses=errors.responses(*AUTH, ie.InspectionNotFound),
            summary="行政检查详情（含可执行操作、期限、频次）")
async def get_inspection(ctx: ReaderCtx, i: InspectionById, response: Response
                         ) -> schemas.InspectionRead:
    return await answer(ctx, i, response)


@router.post("/inspections/{inspection_id}/approve", response_model=schemas.InspectionRead,
             responses=errors.responses(*ACTION, ie.InspectionCapExceeded, ApproverNotHead),
             summary="审批（approver_id 须为行政执法主体负责人）")
async def approve_inspection(ctx: ActorCtx, body: schemas.Approve, i: InspectionForAction,
                             response: Response) -> schemas.InspectionRead:
    """The 行政执法主体负责人 named by `approver_id` approves (司法部问题解答); an officer or the
    agency admin records it."""
    await svc.approve(ctx, i, body)
    return await answer(ctx, i, response)


def _action(path: str, name: str, body_model: Any, fn: Any, summary: str,
            *problems: type[errors.Problem]) -> None:
    async def endpoint(ctx: ActorCtx, body: body_model,  # type: ignore[valid-type]
                       i: InspectionForAction, response: Response) -> schemas.InspectionRead:
        await fn(ctx, i, body)
        return await answer(ctx, i, response)

    router.add_api_route(f"/inspections/{{inspection_id}}/{path}", endpoint, methods=["POST"],
                         name=name, response_model=schemas.InspectionRead, summary=summary,
                         responses=errors.responses(*ACTION, *problems))


_action("notify", "notify_inspection", schemas.Notify, svc.notify,
        "送达行政检查通知书（检查频次、纪律要求、回避权利）")
_action("start", "start_inspection", schemas.Start, svc.start, "开始实施检查（须已批准或紧急）",
        ie.InspectionNotApproved, ie.InspectionCapExceeded, OfficersNotQualified)
_action("finish", "finish_inspection", schemas.Finish, svc.finish,
        "检查结束（无问题/责令改正/立案/移送）")
_action("feedback", "give_inspection_feedback", schemas.Feedback, svc.feedback,
        "结果告知（事后告知被检查人）")
_action("join", "join_joint_inspection", schemas.JoinBody, joint.join,
        "并入联合检查（综合查一次：同一企业、多个机关一次检查）", joint.JointTaskInvalid)
router.include_router(fieldwork_router)
