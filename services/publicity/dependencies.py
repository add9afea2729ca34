"""Role guards of the scoped (non-public) publicity routes."""

from typing import Annotated, Any

from fastapi import Depends

from common.context import ctx_dependency, upstream_of
from common.principal import Principal
from kit.auth import require_roles
from services.publicity.clients import PublicLists, public_lists
from services.publicity.context import Ctx

# who may read the deadline list: agency staff (own agency), supervisors (region), sysadmin
StatusReader = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin"))]
# who may release a held record
Publisher = Annotated[Principal, Depends(require_roles("agency_admin", "supervisor", "sysadmin"))]
# who may set a region's publicity switches
RegionAdmin = Annotated[Principal, Depends(require_roles("supervisor", "sysadmin"))]

# the public lists of personnel and cases (cached, forwarded headers without the token)
PublicListsDep = Annotated[PublicLists, Depends(public_lists)]


def _ctx(principal_alias: Any) -> Any:
    return ctx_dependency(principal_alias, upstream_of, Ctx)


# the `Ctx` a route hands its service, with the role check of the alias of the same name
StatusReaderCtx = Annotated[Ctx, Depends(_ctx(StatusReader))]
PublisherCtx = Annotated[Ctx, Depends(_ctx(Publisher))]
RegionAdminCtx = Annotated[Ctx, Depends(_ctx(RegionAdmin))]
# a public route (no token): `ctx.principal` is None
PublicCtx = Annotated[Ctx, Depends(_ctx(None))]
