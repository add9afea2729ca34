from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.personnel import errors
from services.personnel.dependencies import ReaderCtx, StaffAdminCtx
from services.personnel.training import service
from services.personnel.training.schemas import TrainingCompliance, TrainingCreate, TrainingRead

router = APIRouter(prefix="/api/v1/personnel", tags=["training"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
Year = Annotated[int | None, Query(ge=1990, le=2100)]


@router.post("/officers/{officer_id}/trainings", response_model=TrainingRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.OfficerNotFound,
                                            errors.AgencyNotManaged, kit_errors.ValidationFailed),
             summary="登记培训记录（学时）")
async def create_training(officer_id: uuid.UUID, body: TrainingCreate,
                          ctx: StaffAdminCtx) -> TrainingRead:
    return service.training_view(await service.add_training(ctx, officer_id, body))


@router.get("/officers/{officer_id}/trainings", response_model=list[TrainingRead],
            responses=kit_errors.responses(*AUTH, errors.OfficerNotFound),
            summary="人员某年度的培训记录（缺省本年度）")
async def list_trainings(officer_id: uuid.UUID, ctx: ReaderCtx,
                         year: Year = None) -> list[TrainingRead]:
    rows = await service.list_trainings(ctx, officer_id, year or today_legal().year)
    return [service.training_view(t) for t in rows]


@router.get("/training-compliance", response_model=TrainingCompliance,
            responses=kit_errors.responses(*AUTH, errors.AgencyNotFound,
                                           errors.AgencyScopeRequired),
            summary="年度培训达标情况：学时、法律知识更新培训、覆盖率、考试通过率")
async def get_training_compliance(ctx: ReaderCtx, year: Year = None,
                                  agency_id: uuid.UUID | None = None) -> TrainingCompliance:
    return await service.training_compliance(ctx, year or today_legal().year, agency_id)
