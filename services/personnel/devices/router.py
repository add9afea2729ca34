from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.personnel import errors
from services.personnel.dependencies import ReaderCtx, StaffAdminCtx
from services.personnel.devices import service
from services.personnel.devices.schemas import DeviceAssign, DeviceCreate, DeviceLoss, DeviceRead

router = APIRouter(prefix="/api/v1/personnel", tags=["devices"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
CHANGE = (*AUTH, errors.DeviceNotFound, errors.AgencyNotManaged, errors.DeviceStateConflict)


@router.post("/devices", response_model=DeviceRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.AgencyNotFound, errors.AgencyNotManaged,
                                            errors.DeviceSerialTaken,
                                            kit_errors.ValidationFailed),
             summary="登记执法记录仪等设备")
async def register_device(body: DeviceCreate, ctx: StaffAdminCtx) -> DeviceRead:
    return DeviceRead.model_validate(await service.register_device(ctx, body))


@router.get("/devices", response_model=Page[DeviceRead],
            responses=kit_errors.responses(*AUTH, InvalidCursor), summary="设备台账")
async def list_devices(ctx: ReaderCtx, agency_id: uuid.UUID | None = None,
                       officer_id: uuid.UUID | None = None, cursor: str | None = None,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[DeviceRead]:
    rows, next_cursor = await service.list_devices(ctx, agency_id, officer_id, cursor, limit)
    return Page[DeviceRead](items=[DeviceRead.model_validate(d) for d in rows],
                            next_cursor=next_cursor, limit=limit)


@router.post("/devices/{device_id}/assign", response_model=DeviceRead,
             responses=kit_errors.responses(*CHANGE, errors.DeviceOfficerMismatch),
             summary="配发给本单位在岗人员")
async def assign_device(device_id: uuid.UUID, body: DeviceAssign,
                        ctx: StaffAdminCtx) -> DeviceRead:
    return DeviceRead.model_validate(
        await service.assign_device(ctx, device_id, body.officer_id))


@router.post("/devices/{device_id}/return", response_model=DeviceRead,
             responses=kit_errors.responses(*CHANGE), summary="归还入库")
async def return_device(device_id: uuid.UUID, ctx: StaffAdminCtx) -> DeviceRead:
    return DeviceRead.model_validate(await service.return_device(ctx, device_id))


@router.post("/devices/{device_id}/loss", response_model=DeviceRead,
             responses=kit_errors.responses(*CHANGE), summary="登记遗失")
async def report_device_loss(device_id: uuid.UUID, body: DeviceLoss,
                             ctx: StaffAdminCtx) -> DeviceRead:
    return DeviceRead.model_validate(await service.report_loss(ctx, device_id, body.note))
