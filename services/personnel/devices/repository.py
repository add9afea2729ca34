from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.pagination import keyset_page
from services.personnel.dependencies import Scope
from services.personnel.devices.models import Device


class DeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, device_id: uuid.UUID, scope: Scope) -> Device | None:
        return await self.session.scalar(select(Device).where(
            Device.id == device_id, scope.clause(Device.agency_id, Device.region_code)))

    async def by_serial(self, serial: str) -> Device | None:
        return await self.session.scalar(select(Device).where(Device.serial == serial))

    async def list(self, scope: Scope, agency_id: uuid.UUID | None, officer_id: uuid.UUID | None,
                   cursor: str | None, limit: int) -> tuple[list[Device], str | None]:
        stmt = select(Device).where(scope.clause(Device.agency_id, Device.region_code))
        if agency_id is not None:
            stmt = stmt.where(Device.agency_id == agency_id)
        if officer_id is not None:
            stmt = stmt.where(Device.officer_id == officer_id)
        return await keyset_page(self.session, stmt, cursor, limit, (Device.id,))

    async def add(self, device: Device) -> Device:
        self.session.add(device)
        await self.session.flush()
        return device
