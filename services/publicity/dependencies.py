"""Role guards of the scoped (non-public) publicity routes."""

from typing import Annotated

from fastapi import Depends, Request

from kit.auth import Principal, require_roles
from services.publicity.clients import PublicLists, public_lists
from services.publicity.context import Context

# who may read the deadline list: agency staff (own agency), supervisors (region), sysadmin
StatusReader = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin"))]
# who may release a held record
Publisher = Annotated[Principal, Depends(require_roles("agency_admin", "supervisor", "sysadmin"))]
# who may set a region's publicity switches
RegionAdmin = Annotated[Principal, Depends(require_roles("supervisor", "sysadmin"))]


def get_context(request: Request) -> Context:
    state = request.app.state
    return Context(settings=state.settings, calendar=state.calendar, outbox=state.outbox)


ContextDep = Annotated[Context, Depends(get_context)]
# the public lists of personnel and cases (cached, forwarded headers without the token)
PublicListsDep = Annotated[PublicLists, Depends(public_lists)]
