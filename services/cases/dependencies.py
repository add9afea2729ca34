"""Role aliases, scope and load-or-404 dependencies for cases.

Scope (docs/contracts.md): `sysadmin` and `service` principals see every case; agency roles
(officer, agency_admin, legal_reviewer) see their own `agency_id`; a `supervisor` sees cases
whose `region_code` starts with theirs; anyone else sees nothing. Out of scope → 404.

- `CaseById`: a case the caller may read (GET routes).
- `CaseForAction`: a case the caller may act on — officer/agency_admin of the owning agency —
  locked `FOR UPDATE` on PostgreSQL, refused with `CaseArchived` (409) once archived, and checked
  against `If-Match` (412 when stale). Sub-packages use it for their POST routes on a case.
- `ActorCtx`, `ReaderCtx`, `RegistrarCtx`, `AgencyAdminCtx`, `CatalogueAdminCtx`,
  `SupervisorCtx`, `OperatorCtx`: the `Ctx` a route hands its service, as a dependency with
  that role check (built by `case_ctx`, which the demo-year loader also calls); `OptionalCtx`
  (token optional) and `PublicCtx` (no token).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from common.context import ctx_dependency, ctx_from_state
from common.principal import Principal, optional_principal
from common.scope import ALL_SEEING, AgencyRegionLookup, region_prefix, scope_clause  # noqa: F401
from kit.auth import require_roles
from kit.db import SessionDep
from kit.http import forward_headers
from kit.schemas import check_if_match
from services.cases.clients import Upstream, agency_regions
from services.cases.context import Ctx
from services.cases.errors import CaseArchived, CaseNotFound
from services.cases.models import Case
from services.cases.repository import CaseRepository

AGENCY_ROLES = ("officer", "agency_admin", "legal_reviewer")
READ_ROLES = (*AGENCY_ROLES, "supervisor", "sysadmin", "service")
ACT_ROLES = ("officer", "agency_admin")

Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
Actor = Annotated[Principal, Depends(require_roles(*ACT_ROLES))]
# who may register a lead: agency staff, and review's complaint handling with a service token
Registrar = Annotated[Principal, Depends(require_roles(*ACT_ROLES, "service", "sysadmin"))]
AgencyAdmin = Annotated[Principal, Depends(require_roles("agency_admin", "sysadmin"))]
CatalogueAdmin = Annotated[Principal, Depends(require_roles("agency_admin", "sysadmin",
                                                            "supervisor"))]
# 执法监督 decisions across agencies (e.g. merging inspection plans, 综合查一次)
Supervisor = Annotated[Principal, Depends(require_roles("supervisor", "sysadmin"))]
# batch runs (the settlement of lapsing licences): sysadmin, or a scheduler's service token
Operator = Annotated[Principal, Depends(require_roles("sysadmin", "service"))]


def sees_all(principal: Principal) -> bool:
    return principal.has(*ALL_SEEING)


def case_scope(principal: Principal) -> Any:
    return scope_clause(principal, Case.agency_id, Case.region_code)


def in_agency(principal: Principal, agency_id: uuid.UUID) -> bool:
    return principal.has(*ACT_ROLES) and str(principal.agency_id or "") == str(agency_id)


async def _load_case(session: Any, principal: Principal, case_id: uuid.UUID,
                    for_update: bool = False) -> Case:
    case = await CaseRepository(session).get_scoped(case_id, case_scope(principal), for_update)
    if case is None:
        raise CaseNotFound(f"案件 {case_id} 不存在或不在您的管辖范围内")
    return case


async def _case_by_id(case_id: uuid.UUID, session: SessionDep, principal: Reader) -> Case:
    return await _load_case(session, principal, case_id)


async def _case_for_action(case_id: uuid.UUID, request: Request, session: SessionDep,
                           principal: Actor) -> Case:
    case = await _load_case(session, principal, case_id, for_update=True)
    if not in_agency(principal, case.agency_id):
        raise CaseNotFound(f"案件 {case_id} 不存在或不在您的管辖范围内")
    if case.status == "archived":
        raise CaseArchived("案卷已归档，不得再作任何变更", rule="案卷归档后只读",
                           case_status=case.status)
    check_if_match(request, case.version)
    return case


def upstream(request: Request) -> Upstream:
    """Dependency: the `Upstream` of this request."""
    state = request.app.state
    return Upstream(state.clients, forward_headers(request), state.keyring, state.settings.jwt,
                    getattr(state, "agency_cache", None), state.settings.agency_cache_seconds)


def case_ctx(request: Request, session: AsyncSession, principal: Principal) -> Ctx:
    """The `Ctx` of a route, from its session and its (role-checked) principal."""
    return ctx_from_state(request.app.state, session, principal, upstream(request), Ctx)


def _ctx_of(principal_alias: Any) -> Any:
    return ctx_dependency(principal_alias, upstream, Ctx)


async def _optional_ctx(request: Request, session: SessionDep) -> Ctx:
    return case_ctx(request, session, await optional_principal(request))  # type: ignore[arg-type]


ActorCtx = Annotated[Ctx, Depends(_ctx_of(Actor))]
ReaderCtx = Annotated[Ctx, Depends(_ctx_of(Reader))]
RegistrarCtx = Annotated[Ctx, Depends(_ctx_of(Registrar))]
AgencyAdminCtx = Annotated[Ctx, Depends(_ctx_of(AgencyAdmin))]
CatalogueAdminCtx = Annotated[Ctx, Depends(_ctx_of(CatalogueAdmin))]
SupervisorCtx = Annotated[Ctx, Depends(_ctx_of(Supervisor))]
OperatorCtx = Annotated[Ctx, Depends(_ctx_of(Operator))]
# a route that answers published entries without a token, the rest in the caller's scope
OptionalCtx = Annotated[Ctx, Depends(_optional_ctx)]
# a public route (no token; `ctx.principal` is None)
PublicCtx = Annotated[Ctx, Depends(ctx_dependency(None, upstream, Ctx))]


def _agency_regions(request: Request) -> AgencyRegionLookup:
    return agency_regions(upstream(request))


# the real region of a named agency (personnel, service token) for writes across regions
AgencyRegions = Annotated[AgencyRegionLookup, Depends(_agency_regions)]
CaseById = Annotated[Case, Depends(_case_by_id)]
CaseForAction = Annotated[Case, Depends(_case_for_action)]
