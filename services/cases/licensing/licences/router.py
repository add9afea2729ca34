"""HTTP surface of licences: read, change, renewal (and its decision), withdraw, revoke,
cancel, the settlement of lapsing licences, and the 统计年报 statistics."""

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from common.calendar import today_legal
from common.scope import may_act_for
from common.statistics import Period
from common.statistics_routes import add_statistics_routes
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page, check_if_match, set_etag
from services.cases.dependencies import ActorCtx, OperatorCtx, ReaderCtx
from services.cases.identifiers import mask_id_number
from services.cases.licensing import errors as le
from services.cases.licensing import schemas as ls
from services.cases.licensing.licences import schemas, service
from services.cases.licensing.models import Licence
from services.cases.licensing.service import matter_summary

router = APIRouter(tags=["cases: licensing"], route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)
ACTION = (*AUTH, le.LicenceNotFound, le.LicenceActionNotAllowed, errors.PreconditionFailed)
LIC = "/licences/{licence_id}"
LicenceStatus = Literal["active", "changed", "renewal_pending", "withdrawn", "revoked",
                        "cancelled", "expired"]


async def _by_id(licence_id: uuid.UUID, ctx: ReaderCtx) -> Licence:
    return await service.get(ctx, licence_id)


async def _for_action(licence_id: uuid.UUID, request: Request, ctx: ActorCtx) -> Licence:
    lic = await service.get(ctx, licence_id, for_update=True)
    if not may_act_for(ctx.principal, lic.agency_id, lic.region_code, ("officer", "agency_admin")):
        raise le.LicenceNotFound(f"许可证件 {licence_id} 不存在或不在您的管辖范围内")
    check_if_match(request, lic.version)
    return lic


LicenceById = Annotated[Licence, Depends(_by_id)]
LicenceForAction = Annotated[Licence, Depends(_for_action)]


async def read(session: Any, lic: Licence, response: Response) -> schemas.LicenceRead:
    await session.flush()
    set_etag(response, lic.version)
    matter, events = await service.history(session, lic)
    return schemas.LicenceRead(
        id=lic.id, number=lic.number, version=lic.version, status=lic.status,
        matter=matter_summary(matter), application_id=lic.application_id,
        agency_id=lic.agency_id, region_code=lic.region_code,
        holder=_holder(lic),
        content=lic.content, conditions=lic.conditions, issued_on=lic.issued_on,
        valid_from=lic.valid_from, valid_to=lic.valid_to, renewal=lic.renewal,
        ended_on=lic.ended_on, end_detail=lic.end_detail,
        events=[schemas.LicenceEventRead.model_validate(e, from_attributes=True)
                for e in events],
        allowed_actions=service.allowed_actions(lic))


@router.get("/licences", response_model=Page[schemas.LicenceListItem],
            responses=errors.responses(*AUTH, InvalidCursor),
            summary="许可证件列表（管辖范围内，游标分页；按状态、事项、持证人、有效期筛选）")
async def list_licences(
        ctx: ReaderCtx, status: LicenceStatus | None = None,
        matter_id: uuid.UUID | None = None, agency_id: uuid.UUID | None = None,
        holder: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
        valid_to_before: date | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[schemas.LicenceListItem]:
    rows, nxt = await service.page(
        ctx, status=status, matter_id=matter_id, agency_id=agency_id, holder=holder,
        valid_to_before=valid_to_before, cursor=cursor, limit=limit)
    return Page(items=[schemas.LicenceListItem(
        id=x.id, number=x.number, version=x.version, status=x.status, matter_id=x.matter_id,
        matter_series_id=x.matter_series_id, application_id=x.application_id,
        agency_id=x.agency_id, region_code=x.region_code, holder=_holder(x), content=x.content,
        issued_on=x.issued_on, valid_from=x.valid_from, valid_to=x.valid_to,
        ended_on=x.ended_on) for x in rows], next_cursor=nxt, limit=limit)


def _holder(lic: Licence) -> schemas.HolderRead:
    return schemas.HolderRead(kind=lic.holder_kind, name=lic.holder_name,
                              id_number=mask_id_number(lic.holder_id_number),
                              uscc=lic.holder_uscc)


@router.get(LIC, response_model=schemas.LicenceRead,
            responses=errors.responses(*AUTH, le.LicenceNotFound), summary="许可证件详情")
async def get_licence(lic: LicenceById, ctx: ReaderCtx,
                      response: Response) -> schemas.LicenceRead:
    return await read(ctx.session, lic, response)


def _action(path: str, name: str, body_model: Any, fn: Any, summary: str,
            *problems: type[errors.Problem]) -> None:
    async def endpoint(ctx: ActorCtx, body: body_model,  # type: ignore[valid-type]
                       lic: LicenceForAction,
                       response: Response) -> schemas.LicenceRead:
        await fn(ctx, lic, body)
        return await read(ctx.session, lic, response)

    router.add_api_route(f"{LIC}/{path}", endpoint, methods=["POST"], name=name,
                         response_model=schemas.LicenceRead, summary=summary,
                         responses=errors.responses(*ACTION, *problems))


_action("change", "change_licence", schemas.ChangeBody, service.change,
        "变更许可（被许可人申请，第四十九条）")
_action("renewal", "apply_licence_renewal", schemas.RenewalBody, service.apply_renewal,
        "申请延续（有效期届满三十日前，第五十条）", le.RenewalTooLate)
_action("renewal-decision", "decide_licence_renewal", schemas.RenewalDecisionBody,
        service.decide_renewal, "准予或不予延续（届满前未决定视为准予，第五十条第二款）")
_action("withdraw", "withdraw_licence", schemas.WithdrawBody, service.withdraw,
        "撤回或变更许可（依据变化，依法补偿，第八条）")
_action("revoke", "revoke_licence", schemas.RevokeBody, service.revoke,
        "撤销许可（第六十九条）")
_action("cancel", "cancel_licence", schemas.CancelBody, service.cancel,
        "注销许可（第七十条）")


@router.post("/licensing/settlements", response_model=schemas.SettleResult,
             responses=errors.responses(*AUTH, errors.UnprocessableEntity),
             summary="结算：逾期未告知补正的视为受理（第三十二条），延续待决的视为准予延续（第五十条），"
                     "其余到期许可标为期满")
async def settle_licences(body: schemas.SettleBody, ctx: OperatorCtx) -> schemas.SettleResult:
    on = body.on or today_legal()
    if on > today_legal():
        raise errors.UnprocessableEntity("结算日期不得晚于今日")
    accepted = await service.settle_acceptances(ctx.session, ctx.calendar, on)
    renewed, expired = await service.settle_all(ctx.session, on)
    return schemas.SettleResult(deemed_accepted=accepted, deemed_renewed=renewed,
                                expired=expired)


async def _legacy(ctx: Any, period: Period) -> dict[str, Any]:
    """The fields of before the figures: per matter and the total (whole year, `agency_id`)."""
    rows, total = await service.legacy_figures(ctx, period.year, period.agency_id)
    return {"agency_id": period.agency_id, "by_matter": rows, "total": total}


add_statistics_routes(router, path="/licensing/statistics", name="licensing_statistics",
                      summary="行政许可统计年报（申请、受理、许可、不予许可、撤销）",
                      records_summary="行政许可统计指标所计记录（数据溯源）",
                      registry=service.REGISTRY, response_model=ls.StatisticsRead, extra=_legacy)