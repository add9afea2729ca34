"""HTTP surface of 回避: declare or apply, the head's decision, the case's list."""

import uuid

from fastapi import APIRouter

from kit import errors
from kit.db import CommittingRoute
from services.cases.dependencies import ActorCtx, CaseById, CaseForAction, ReaderCtx
from services.cases.errors import ApproverNotHead, CaseArchived, CaseNotFound, OfficersNotQualified
from services.cases.recusal import schemas, service
from services.cases.recusal.errors import (
    OfficerAssignmentRefused,
    OfficerRecused,
    RecusalNotAllowed,
    RecusalNotFound,
)

router = APIRouter(tags=["cases: recusal"], route_class=CommittingRoute)
ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, RecusalNotAllowed)


@router.post("/cases/{case_id}/recusals", response_model=schemas.RecusalRead, status_code=201,
             responses=errors.responses(*ACT),
             summary="执法人员自行回避或当事人申请回避（行政处罚法第四十三条）")
async def create_recusal(body: schemas.RecusalCreate, case: CaseForAction,
                         ctx: ActorCtx) -> schemas.RecusalRead:
    row = await service.request_recusal(ctx, case, body)
    return schemas.RecusalRead.model_validate(row)


@router.post("/cases/{case_id}/recusals/{recusal_id}/decide",
             response_model=schemas.RecusalRead,
             responses=errors.responses(*ACT, RecusalNotFound, ApproverNotHead,
                                        errors.ServiceUnavailable),
             summary="行政机关负责人决定是否回避（行政处罚法第四十三条第三款）")
async def decide_recusal(recusal_id: uuid.UUID, body: schemas.RecusalDecide,
                         case: CaseForAction, ctx: ActorCtx) -> schemas.RecusalRead:
    row = await service.decide_recusal(ctx, case, recusal_id, body)
    return schemas.RecusalRead.model_validate(row)


@router.get("/cases/{case_id}/recusals", response_model=list[schemas.RecusalRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, CaseNotFound),
            summary="案件的回避申请及决定")
async def list_recusals(case: CaseById, ctx: ReaderCtx) -> list[schemas.RecusalRead]:
    return [schemas.RecusalRead.model_validate(r)
            for r in await service.for_case(ctx.session, case)]


@router.post("/cases/{case_id}/officers", response_model=schemas.CaseOfficersRead,
             responses=errors.responses(errors.Unauthorized, errors.Forbidden, CaseNotFound,
                                        CaseArchived, errors.PreconditionFailed,
                                        OfficerAssignmentRefused, OfficerRecused,
                                        ApproverNotHead, OfficersNotQualified,
                                        errors.ServiceUnavailable),
             summary="行政机关负责人增派执法人员（回避后替换，行政处罚法第四十二条、第四十三条）")
async def assign_case_officer(body: schemas.OfficerAssign, case: CaseForAction,
                              ctx: ActorCtx) -> schemas.CaseOfficersRead:
    row = await service.assign_officer(ctx, case, body)
    return schemas.CaseOfficersRead(case_id=row.id, officer_ids=[str(o) for o in row.officer_ids])
