"""扫码入企: `GET /inspections/by-code/{code}` (public, no token). The code is the
inspection's unguessable `public_code` (QR payload); the answer carries names, certificate
numbers, agency, items and whether approval is present, nothing personal. The enterprise may
leave an evaluation or complaint there; `GET /inspection-evaluations` shows agency roles the
aggregate only and supervisors every item."""

import uuid
from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from kit import errors
from kit.db import CommittingRoute, SessionDep
from kit.limits import client_address
from services.cases.dependencies import Reader
from services.cases.inspections import errors as ie
from services.cases.inspections.models import Inspection
from services.cases.inspections.public import schemas
from services.cases.inspections.public.models import InspectionEvaluation
from services.cases.inspections.public.repository import EvaluationRepository
from services.cases.inspections.repository import InspectionRepository

router = APIRouter(route_class=CommittingRoute)


async def _by_code(session: SessionDep, code: str) -> Inspection:
    i = await InspectionRepository(session).by_code(code) if 16 <= len(code) <= 40 else None
    if i is None:
        raise ie.InspectionNotFound("检查码无效")
    return i


@router.get("/inspections/by-code/{code}", response_model=schemas.PublicInspection,
            responses=errors.responses(ie.InspectionNotFound),
            summary="扫码入企：企业查看检查人员、事项与审批情况（公开，无需令牌）")
async def get_inspection_by_code(code: str, session: SessionDep) -> schemas.PublicInspection:
    i = await _by_code(session, code)
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
                                       session: SessionDep) -> schemas.EvaluationReceived:
    i = await _by_code(session, code)
    session.add(InspectionEvaluation(
        inspection_id=i.id, agency_id=i.agency_id, region_code=i.region_code, year=i.year,
        rating=body.rating, is_complaint=body.is_complaint,
        breaches=sorted({b for b in body.breaches if 0 <= b < 13}), comment=body.comment))
    return schemas.EvaluationReceived(received=True)


@router.get("/inspection-evaluations", response_model=schemas.EvaluationSummary,
            responses=errors.responses(errors.Unauthorized, errors.Forbidden),
            summary="企业评价汇总（机关仅见汇总；监督机关可见明细）")
async def list_inspection_evaluations(principal: Reader, session: SessionDep,
                                      year: Annotated[int, Query(ge=2000, le=2100)],
                                      agency_id: uuid.UUID | None = None
                                      ) -> schemas.EvaluationSummary:
    repo = EvaluationRepository(session)
    count, avg, complaints = await repo.aggregate(principal, year, agency_id)
    tally = Counter(str(b) for row in await repo.breaches(principal, year, agency_id)
                    for b in row)
    whole = principal.has("supervisor", "sysadmin")
    items = ([schemas.EvaluationItem.model_validate(e)
              for e in await repo.items(principal, year, agency_id)] if whole else None)
    return schemas.EvaluationSummary(agency_id=agency_id, year=year, count=count,
                                     average_rating=avg, complaints=complaints,
                                     by_breach=dict(tally), items=items)
