from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.personnel import errors
from services.personnel.agencies import service
from services.personnel.agencies.schemas import AgencyCreate, AgencyRead, AgencyUpdate
from services.personnel.dependencies import ReaderCtx, SysadminCtx

router = APIRouter(prefix="/api/v1/personnel", tags=["agencies"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


@router.post("/agencies", response_model=AgencyRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.UsccTaken, errors.ParentAgencyUnknown,
                                            kit_errors.ValidationFailed),
             summary="登记执法主体（系统管理员）")
async def create_agency(body: AgencyCreate, ctx: SysadminCtx) -> AgencyRead:
    return AgencyRead.model_validate(await service.create_agency(ctx.session, body))


@router.get("/agencies", response_model=Page[AgencyRead],
            responses=kit_errors.responses(*AUTH, InvalidCursor),
            summary="执法主体列表（监督人员看到本辖区及下级区划）")
async def list_agencies(ctx: ReaderCtx,
                        region_code: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                        cursor: str | None = None,
                        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[AgencyRead]:
    rows, next_cursor = await service.list_agencies(ctx, region_code, cursor, limit)
    return Page[AgencyRead](items=[AgencyRead.model_validate(r) for r in rows],
                            next_cursor=next_cursor, limit=limit)


@router.get("/agencies/{agency_id}", response_model=AgencyRead,
            responses=kit_errors.responses(*AUTH, errors.AgencyNotFound),
            summary="执法主体详情")
async def get_agency(agency_id: uuid.UUID, ctx: ReaderCtx) -> AgencyRead:
    return AgencyRead.model_validate(await service.get_agency(ctx, agency_id))


@router.patch("/agencies/{agency_id}", response_model=AgencyRead,
              responses=kit_errors.responses(*AUTH, errors.AgencyNotFound,
                                             kit_errors.ValidationFailed),
              summary="修改执法主体名称或执法领域（系统管理员）")
async def update_agency(agency_id: uuid.UUID, body: AgencyUpdate,
                        ctx: SysadminCtx) -> AgencyRead:
    return AgencyRead.model_validate(await service.update_agency(ctx, agency_id, body))
