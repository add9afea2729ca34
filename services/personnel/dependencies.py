"""Role guards and the caller's data scope (region prefix tree, see docs/contracts.md)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import false

from common.context import ctx_dependency, upstream_of
from common.principal import CurrentPrincipal, Principal
from common.scope import ALL_SEEING, parse_uuid, scope_clause
from kit.auth import require_roles
from services.personnel.context import Ctx
from services.personnel.identifiers import PiiVault

UserAdmin = Annotated[Principal, Depends(require_roles("sysadmin", "agency_admin"))]
StaffAdmin = UserAdmin
# 处分: agency admins and sysadmin, and the review service recording the sanction of a
# 责任追究 record (it checks the supervisor's region against the officer's agency first)
SanctionRecorder = Annotated[Principal, Depends(require_roles("sysadmin", "agency_admin",
                                                              "service"))]
Reader = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin", "service"))]
Sysadmin = Annotated[Principal, Depends(require_roles("sysadmin"))]
# another service calling with its own service token (e.g. reading the session changes)
ServiceCaller = Annotated[Principal, Depends(require_roles("service"))]


@dataclass(frozen=True)
class Scope:
    """What a principal may read, as the platform's one scope rule (common.scope): everything
    (sysadmin, service, or no principal for internal reads), a region subtree, or one agency."""

    everything: bool = False
    principal: Principal | None = None

    @classmethod
    def of(cls, principal: Principal | None) -> Scope:
        if principal is None or principal.has(*ALL_SEEING):
            return cls(everything=True)
        return cls(principal=principal)

    @property
    def agency_id(self) -> uuid.UUID | None:
        if self.everything or self.principal is None or self.principal.has("supervisor"):
            return None
        return parse_uuid(self.principal.agency_id)

    def clause(self, agency_col: Any, region_col: Any) -> Any:
        """A WHERE clause limiting rows to this scope."""
        if self.everything:
            return agency_col.is_not(None)
        if self.principal is None:
            return false()
        return scope_clause(self.principal, agency_col, region_col)


def can_manage(principal: Principal | None, agency_id: uuid.UUID) -> bool:
    """sysadmin anywhere (and the local CLI); agency_admin only for its own agency."""
    if principal is None or principal.has("sysadmin"):
        return True
    return principal.has("agency_admin") and principal.agency_id == str(agency_id)


def get_vault(request: Request) -> PiiVault:
    return request.app.state.pii_vault


VaultDep = Annotated[PiiVault, Depends(get_vault)]


def _ctx(principal_alias: Any) -> Any:
    return ctx_dependency(principal_alias, upstream_of, Ctx)


# the `Ctx` a route hands its service, with the role check of the alias of the same name
UserAdminCtx = Annotated[Ctx, Depends(_ctx(UserAdmin))]
StaffAdminCtx = UserAdminCtx
SanctionRecorderCtx = Annotated[Ctx, Depends(_ctx(SanctionRecorder))]
ReaderCtx = Annotated[Ctx, Depends(_ctx(Reader))]
SysadminCtx = Annotated[Ctx, Depends(_ctx(Sysadmin))]
ServiceCallerCtx = Annotated[Ctx, Depends(_ctx(ServiceCaller))]
# any valid token (`common.principal.CurrentPrincipal`, no role check)
CurrentCtx = Annotated[Ctx, Depends(_ctx(CurrentPrincipal))]
# a public route (no token): `ctx.principal` is None
PublicCtx = Annotated[Ctx, Depends(_ctx(None))]
