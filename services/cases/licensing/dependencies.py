"""Load-or-404 and act-on dependencies of licensing: scope by common.scope; actions only by the
officers and admins of the agency that handles the application, row-locked, with `If-Match`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from common.principal import Principal
from common.scope import may_act_for
from kit.db import SessionDep
from kit.schemas import check_if_match
from services.cases.dependencies import Actor, Reader
from services.cases.licensing.errors import LicenceApplicationNotFound
from services.cases.licensing.models import LicenceApplication
from services.cases.licensing.repository import ApplicationRepository

ACT_ROLES = ("officer", "agency_admin")


async def _load(session: SessionDep, principal: Principal, application_id: uuid.UUID,
                for_update: bool = False) -> LicenceApplication:
    app = await ApplicationRepository(session).get(application_id, principal, for_update)
    if app is None:
        raise LicenceApplicationNotFound(f"许可申请 {application_id} 不存在或不在您的管辖范围内",
                                         application_id=str(application_id))
    return app


async def _by_id(application_id: uuid.UUID, session: SessionDep,
                 principal: Reader) -> LicenceApplication:
    return await _load(session, principal, application_id)


async def _for_action(application_id: uuid.UUID, request: Request, session: SessionDep,
                      principal: Actor) -> LicenceApplication:
    app = await _load(session, principal, application_id, for_update=True)
    if not may_act_for(principal, app.agency_id, app.region_code, ACT_ROLES):
        raise LicenceApplicationNotFound(f"许可申请 {application_id} 不存在或不在您的管辖范围内",
                                         application_id=str(application_id))
    check_if_match(request, app.version)
    return app


ApplicationById = Annotated[LicenceApplication, Depends(_by_id)]
ApplicationForAction = Annotated[LicenceApplication, Depends(_for_action)]
