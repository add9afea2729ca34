"""扫码入企: `GET /inspections/by-code/{code}` (public, no token). The code is the
inspection's unguessable `public_code` (QR payload); the answer carries names, certificate
numbers, agency, items and whether approval is present, nothing personal. The enterprise may
leave an evaluation or complaint there; `GET /inspection-evaluations` shows agency roles the
aggregate only and supervisors every item."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from kit import errors
from kit.db import CommittingRoute
from kit.limits import client_address
from services.cases.dependencies import PublicCtx, ReaderCtx
from services.cases.inspections import errors as ie
from services.cases.inspections.public import schemas, service

router = APIRouter(route_class=CommittingRoute)


@router.get("/inspections/by-code/{code}", response_model=schemas.PublicInspection,
            responses=errors.responses(ie.InspectionNotFound),
            summary="扫码入企：企业查看检查人员、事项与审批情况（公开，无需令牌）")
async def get_inspection_by_code(code: str, ctx: PublicCtx) -> schemas.PublicInspection:
    i = await service.by_code(ctx.session, code)
    return schemas.PublicInspection(
        agency_id=i.agency_id, type=i.type, method=i.method, status=i.status,
        planned_on=i.planned_on,
        items=[schemas.PublicItem(code=x["code"], name=x["name"], legal_basis=x["legal_basis"])
               for x in i.items],
        officers=[schemas.PublicOfficer(name=o.get("name", ""),
                                        certificate_numbers=o.get("certificate_numbers", []))
                  for o in i.officers if o["officer_id"] in i.officer_ids],
        assistants=i.assistants, approval_present=i.approval is not None,
        emergency=i.emergency, notice_served=i.notice is not None)


async def evaluation_rate_limit(request: Request) -> None:
    """Per-address token bucket (`kit.limits`, shared on Redis when configured)."""
    state = request.app.state
    s = state.settings
    decision = await state.limits.take(
        "inspection-evaluation:" + client_address(request, s.trusted_proxies),
        s.inspection_evaluation_rate_per_minute / 60.0, s.inspection_evaluation_rate_burst)
    if not decision.allowed:
        raise ie.EvaluationRateLimited("同一地址提交评价过于频繁，请稍后再试",
                                       retry_after=max(1, round(decision.wait)))


@router.post("/inspections/by-code/{code}/evaluations",
             response_model=schemas.EvaluationReceived, status_code=201,
             responses=errors.responses(ie.InspectionNotFound, ie.EvaluationRateLimited),
             dependencies=[Depends(evaluation_rate_limit)],
             summary="扫码入企：企业评价或投诉（公开；被检查机关仅见汇总）")
async def create_inspection_evaluation(code: str, body: schemas.EvaluationCreate,
                                       ctx: PublicCtx) -> schemas.EvaluationReceived:
    await service.evaluate(ctx.session, code, body)
    return schemas.EvaluationReceived(received=True)


@router.get("/inspection-evaluations", response_model=schemas.EvaluationSummary,
            responses=errors.responses(errors.Unauthorized, errors.Forbidden),
            summary="企业评价汇总（机关仅见汇总；监督机关可见明细）")
async def list_inspection_evaluations(ctx: ReaderCtx,
                                      year: Annotated[int, Query(ge=2000, le=2100)],
                                      agency_id: uuid.UUID | None = None
                                      ) -> schemas.EvaluationSummary:
    return await service.summary(ctx, year, agency_id)
