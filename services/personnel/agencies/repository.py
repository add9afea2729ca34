from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import region_prefix as scope_region
from kit.pagination import keyset_page
from services.personnel.agencies.models import Agency
from services.personnel.dependencies import Scope


class AgencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, agency_id: uuid.UUID, scope: Scope | None = None) -> Agency | None:
        stmt = select(Agency).where(Agency.id == agency_id)
        if scope is not None:
            stmt = stmt.where(scope.clause(Agency.id, Agency.region_code))
        return await self.session.scalar(stmt)

    async def by_uscc(self, uscc: str) -> Agency | None:
        return await self.session.scalar(select(Agency).where(Agency.uscc == uscc))

    async def list(self, scope: Scope, region_prefix: str | None, cursor: str | None,
                   limit: int) -> tuple[list[Agency], str | None]:
        stmt = select(Agency).where(scope.clause(Agency.id, Agency.region_code))
        if region_prefix:
            stmt = stmt.where(scope_region(Agency.region_code, region_prefix))
        return await keyset_page(self.session, stmt, cursor, limit, (Agency.region_code, Agency.id))

    async def all_lookup(self) -> Sequence[Agency]:
        """Every agency (a district has tens); the import resolves units against them."""
        return (await self.session.scalars(select(Agency))).all()

    async def add(self, agency: Agency) -> Agency:
        self.session.add(agency)
        await self.session.flush()
        return agency
