from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute, SessionDep
from kit.schemas import InvalidCursor, Page
from services.personnel import errors
from services.personnel.agencies import service
from services.personnel.agencies.schemas import AgencyCreate, AgencyRead, AgencyUpdate
from services.personnel.dependencies import Reader, Sysadmin

router = APIRouter(prefix="/api/v1/personnel", tags=["agencies"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


@router.post("/agencies", response_model=AgencyRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.UsccTaken, errors.ParentAgencyUnknown,
                                            kit_errors.ValidationFailed),
             summary="登记执法主体（系统管理员）")
async def create_agency(body: AgencyCreate, _: Sysadmin, session: SessionDep) -> AgencyRead:
    return AgencyRead.model_validate(await service.create_agency(session, body))


@router.get("/agencies", response_model=Page[AgencyRead],
            responses=kit_errors.responses(*AUTH, InvalidCursor),
            summary="执法主体列表（监督人员看到本辖区及下级区划）")
async def list_agencies(principal: Reader, session: SessionDep,
                        region_code: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                        cursor: str | None = None,
                        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[AgencyRead]:
    rows, next_cursor = await service.list_agencies(session, principal, region_code, cursor,
                                                    limit)
    return Page[AgencyRead](items=[AgencyRead.model_validate(r) for r in rows],
                            next_cursor=next_cursor, limit=limit)


@router.get("/agencies/{agency_id}", response_model=AgencyRead,
            responses=kit_errors.responses(*AUTH, errors.AgencyNotFound),
            summary="执法主体详情")
async def get_agency(agency_id: uuid.UUID, principal: Reader, session: SessionDep) -> AgencyRead:
    return AgencyRead.model_validate(await service.get_agency(session, principal, agency_id))


@router.patch("/agencies/{agency_id}", response_model=AgencyRead,
              responses=kit_errors.responses(*AUTH, errors.AgencyNotFound,
                                             kit_errors.ValidationFailed),
              summary="修改执法主体名称或执法领域（系统管理员）")
async def update_agency(agency_id: uuid.UUID, body: AgencyUpdate, principal: Sysadmin,
                        session: SessionDep) -> AgencyRead:
    return AgencyRead.model_validate(
        await service.update_agency(session, principal, agency_id, body))
