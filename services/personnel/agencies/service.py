"""执法主体: registration and scoped reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.personnel import errors
from services.personnel.agencies.models import Agency
from services.personnel.agencies.repository import AgencyRepository
from services.personnel.agencies.schemas import AgencyCreate, AgencyUpdate
from services.personnel.context import Ctx
from services.personnel.dependencies import Scope


async def create_agency(session: AsyncSession, data: AgencyCreate) -> Agency:
    """A child agency's region lies inside its parent's (district → town prefix tree)."""
    agencies = AgencyRepository(session)
    if data.parent_id is not None:
        parent = await agencies.get(data.parent_id)
        if parent is None or not data.region_code.startswith(parent.region_code):
            raise errors.ParentAgencyUnknown()
    if await agencies.by_uscc(data.uscc) is not None:
        raise errors.UsccTaken()
    return await agencies.add(Agency(**data.model_dump()))


async def get_agency(ctx: Ctx, agency_id: uuid.UUID) -> Agency:
    agency = await AgencyRepository(ctx.session).get(agency_id, Scope.of(ctx.principal))
    if agency is None:
        raise errors.AgencyNotFound()
    return agency


async def update_agency(ctx: Ctx, agency_id: uuid.UUID, data: AgencyUpdate) -> Agency:
    agency = await get_agency(ctx, agency_id)
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(agency, key, value)
    await ctx.session.flush()
    return agency


async def list_agencies(ctx: Ctx, region_code: str | None, cursor: str | None,
                        limit: int) -> tuple[Sequence[Agency], str | None]:
    return await AgencyRepository(ctx.session).list(Scope.of(ctx.principal), region_code, cursor,
                                                    limit)
