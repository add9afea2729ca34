"""Load-or-404 for inspections: `InspectionById` (read, scoped) and `InspectionForAction`
(an officer/agency_admin of the owning agency, locked FOR UPDATE on PostgreSQL, `If-Match`
checked: 412 when stale)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from common.principal import Principal
from common.scope import parse_uuid
from kit.db import SessionDep
from kit.schemas import check_if_match
from services.cases.context import Ctx
from services.cases.dependencies import Actor, Reader
from services.cases.inspections.errors import InspectionNotFound
from services.cases.inspections.models import Inspection
from services.cases.inspections.repository import InspectionRepository


async def load_inspection(ctx: Ctx, inspection_id: uuid.UUID, for_update: bool = False,
                          acting: bool = False) -> Inspection:
    """An inspection in the caller's scope (`acting`: of the caller's own agency), else
    `InspectionNotFound` (404)."""
    return await _load(ctx.session, ctx.principal, inspection_id, for_update, acting)


async def _load(session: object, principal: Principal, inspection_id: uuid.UUID,
                for_update: bool = False, acting: bool = False) -> Inspection:
    i = await InspectionRepository(session).get(inspection_id, principal,  # type: ignore[arg-type]
                                                for_update=for_update)
    if i is None or (acting and parse_uuid(principal.agency_id) != i.agency_id):
        raise InspectionNotFound(f"行政检查 {inspection_id} 不存在或不在您的管辖范围内")
    return i


async def _by_id(inspection_id: uuid.UUID, session: SessionDep,
                 principal: Reader) -> Inspection:
    return await _load(session, principal, inspection_id)


async def _for_action(inspection_id: uuid.UUID, request: Request, session: SessionDep,
                      principal: Actor) -> Inspection:
    i = await _load(session, principal, inspection_id, for_update=True, acting=True)
    check_if_match(request, i.version)
    return i


InspectionById = Annotated[Inspection, Depends(_by_id)]
InspectionForAction = Annotated[Inspection, Depends(_for_action)]
