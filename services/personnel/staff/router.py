from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.personnel import errors
from services.personnel.dependencies import (
    ReaderCtx,
    SanctionRecorderCtx,
    StaffAdminCtx,
    VaultDep,
)
from services.personnel.staff import service
from services.personnel.staff.schemas import (
    AppraisalCreate,
    AppraisalRead,
    ExamCreate,
    ExamRead,
    OfficerCreate,
    OfficerRead,
    OfficerUpdate,
    SanctionCreate,
    SanctionRead,
    StatusChangeCreate,
    StatusChangeRead,
)

router = APIRouter(prefix="/api/v1/personnel", tags=["officers"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
WRITE = (*AUTH, errors.OfficerNotFound, errors.AgencyNotManaged, kit_errors.ValidationFailed)


def _exam(exam: object) -> ExamRead:
    return ExamRead.model_validate({**vars(exam), "passed_on": exam.taken_on})  # type: ignore


@router.post("/officers", response_model=OfficerRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.AgencyNotFound, errors.AgencyNotManaged,
                                            errors.IdNumberTaken, kit_errors.ValidationFailed),
             summary="登记人员（单位管理员限本单位）")
async def create_officer(body: OfficerCreate, ctx: StaffAdminCtx,
                         vault: VaultDep) -> OfficerRead:
    officer = await service.create_officer(ctx, vault, body)
    return service.officer_view(officer, ctx.principal, vault)


@router.get("/officers", response_model=Page[OfficerRead],
            responses=kit_errors.responses(*AUTH, InvalidCursor),
            summary="人员列表（按调用者范围；身份证号按角色脱敏）")
async def list_officers(ctx: ReaderCtx, vault: VaultDep,
                        agency_id: uuid.UUID | None = None, status: str | None = None,
                        cursor: str | None = None,
                        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[OfficerRead]:
    rows, next_cursor = await service.list_officers(ctx, agency_id, status, cursor, limit)
    return Page[OfficerRead](items=[service.officer_view(o, ctx.principal, vault) for o in rows],
                             next_cursor=next_cursor, limit=limit)


@router.get("/officers/{officer_id}", response_model=OfficerRead,
            responses=kit_errors.responses(*AUTH, errors.OfficerNotFound), summary="人员详情")
async def get_officer(officer_id: uuid.UUID, ctx: ReaderCtx, vault: VaultDep) -> OfficerRead:
    officer = await service.get_officer(ctx, officer_id)
    return service.officer_view(officer, ctx.principal, vault)


@router.patch("/officers/{officer_id}", response_model=OfficerRead,
              responses=kit_errors.responses(*WRITE), summary="修改人员信息")
async def update_officer(officer_id: uuid.UUID, body: OfficerUpdate, ctx: StaffAdminCtx,
                         vault: VaultDep) -> OfficerRead:
    officer = await service.update_officer(ctx, officer_id, body, today_legal())
    return service.officer_view(officer, ctx.principal, vault)


@router.post("/officers/{officer_id}/exams", response_model=ExamRead, status_code=201,
             responses=kit_errors.responses(*WRITE), summary="登记执法资格考试成绩")
async def create_exam(officer_id: uuid.UUID, body: ExamCreate, ctx: StaffAdminCtx) -> ExamRead:
    return _exam(await service.add_exam(ctx, officer_id, body))


@router.get("/officers/{officer_id}/exams", response_model=list[ExamRead],
            responses=kit_errors.responses(*AUTH, errors.OfficerNotFound), summary="考试记录")
async def list_exams(officer_id: uuid.UUID, ctx: ReaderCtx) -> list[ExamRead]:
    return [_exam(e) for e in await service.list_exams(ctx, officer_id)]


@router.post("/officers/{officer_id}/appraisals", response_model=AppraisalRead, status_code=201,
             responses=kit_errors.responses(*WRITE), summary="登记年度考核结果")
async def create_appraisal(officer_id: uuid.UUID, body: AppraisalCreate,
                           ctx: StaffAdminCtx) -> AppraisalRead:
    return AppraisalRead.model_validate(await service.add_appraisal(ctx, officer_id, body))


@router.post("/officers/{officer_id}/sanctions", response_model=SanctionRead, status_code=201,
             responses=kit_errors.responses(*WRITE), summary="登记处分及处分期")
async def create_sanction(officer_id: uuid.UUID, body: SanctionCreate,
                          ctx: SanctionRecorderCtx) -> SanctionRead:
    return SanctionRead.model_validate(await service.add_sanction(ctx, officer_id, body))


@router.post("/officers/{officer_id}/status-changes", response_model=StatusChangeRead,
             status_code=201, responses=kit_errors.responses(*WRITE, errors.OfficerInactive),
             summary="登记调动、退休、辞职或开除（生效日起自动注销执法证）")
async def create_status_change(officer_id: uuid.UUID, body: StatusChangeCreate,
                               ctx: StaffAdminCtx) -> StatusChangeRead:
    return await service.record_status_change(ctx, officer_id, body, today_legal())
