"""Equipment ledger (执法记录仪台账): register, assign to an officer, return, record a loss."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from services.personnel import errors
from services.personnel.agencies.repository import AgencyRepository
from services.personnel.context import Ctx
from services.personnel.dependencies import Scope, can_manage
from services.personnel.devices.models import Device
from services.personnel.devices.repository import DeviceRepository
from services.personnel.devices.schemas import DeviceCreate
from services.personnel.staff.repository import OfficerRepository


async def register_device(ctx: Ctx, data: DeviceCreate) -> Device:
    session, principal = ctx.session, ctx.principal
    agency = await AgencyRepository(session).get(data.agency_id, Scope.of(principal))
    if agency is None:
        raise errors.AgencyNotFound()
    if not can_manage(principal, agency.id):
        raise errors.AgencyNotManaged()
    devices = DeviceRepository(session)
    if await devices.by_serial(data.serial) is not None:
        raise errors.DeviceSerialTaken()
    return await devices.add(Device(serial=data.serial, kind=data.kind, model=data.model,
                                    agency_id=agency.id, region_code=agency.region_code))


async def _managed(session: AsyncSession, principal: Principal, device_id: uuid.UUID) -> Device:
    device = await DeviceRepository(session).get(device_id, Scope.of(principal))
    if device is None:
        raise errors.DeviceNotFound()
    if not can_manage(principal, device.agency_id):
        raise errors.AgencyNotManaged()
    return device


async def assign_device(ctx: Ctx, device_id: uuid.UUID, officer_id: uuid.UUID) -> Device:
    session = ctx.session
    device = await _managed(session, ctx.principal, device_id)
    if device.status != "in_stock":
        raise errors.DeviceStateConflict("设备不在库，不能配发")
    officer = await OfficerRepository(session).get(officer_id)
    if officer is None or officer.agency_id != device.agency_id or officer.status != "active":
        raise errors.DeviceOfficerMismatch()
    device.status, device.officer_id = "assigned", officer.id
    await session.flush()
    return device


async def return_device(ctx: Ctx, device_id: uuid.UUID) -> Device:
    device = await _managed(ctx.session, ctx.principal, device_id)
    if device.status != "assigned":
        raise errors.DeviceStateConflict("设备未配发，不能归还")
    device.status, device.officer_id = "in_stock", None
    await ctx.session.flush()
    return device


async def report_loss(ctx: Ctx, device_id: uuid.UUID, note: str) -> Device:
    device = await _managed(ctx.session, ctx.principal, device_id)
    if device.status == "lost":
        raise errors.DeviceStateConflict("设备已登记遗失")
    device.status, device.note = "lost", note
    await ctx.session.flush()
    return device


async def list_devices(ctx: Ctx, agency_id: uuid.UUID | None, officer_id: uuid.UUID | None,
                       cursor: str | None, limit: int) -> tuple[Sequence[Device], str | None]:
    return await DeviceRepository(ctx.session).list(Scope.of(ctx.principal), agency_id,
                                                    officer_id, cursor, limit)
