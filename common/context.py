"""The one shape of a service context: what a route hands its service functions.

Every service (cases, personnel, review, publicity) builds the same `ServiceCtx` — the request's
session, the role-checked principal, the app's outbox, working calendar and settings, and `up`,
the service's upstream clients with the caller's forwarded headers — at the HTTP edge by a
dependency (`ctx_dependency`), and per event by its event handlers. It never holds a
`fastapi.Request`: service functions are called the same way from a route, an event handler, the
demo-year loader or a test."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, get_args

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar
from common.principal import Principal
from kit.auth import KeyRing, service_token
from kit.db import SessionDep
from kit.events import Outbox
from kit.http import ServiceClient, forward_headers
from kit.settings import JwtSettings

SettingsT = TypeVar("SettingsT")
UpT = TypeVar("UpT")


@dataclass(frozen=True)
class ServiceCtx(Generic[SettingsT, UpT]):
    """What every service function needs (see module). `principal` is None only for public
    routes (no token) and event handlers that act for no caller."""

    session: AsyncSession
    principal: Principal | None
    outbox: Outbox
    calendar: WorkingCalendar
    settings: SettingsT
    up: UpT

    def actor(self) -> str:
        """Who acts: the officer id, else the token's subject ("" without a principal)."""
        if self.principal is None:
            return ""
        return self.principal.officer_id or self.principal.subject


@dataclass(frozen=True)
class Upstream:
    """What a service function needs to call another service: the app's clients, the caller's
    forwarded headers (Authorization, X-Request-ID) and what mints a service token — never the
    request itself."""

    clients: Mapping[str, ServiceClient] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    keyring: KeyRing | None = None
    jwt: JwtSettings | None = None

    def service_headers(self, service: str) -> dict[str, str]:
        """Headers for a call made with `service`'s own token (not the caller's)."""
        assert self.keyring is not None and self.jwt is not None, "no keyring in this context"
        return {"Authorization": "Bearer " + service_token(self.keyring, self.jwt, service)}


def upstream_of(request: Request) -> Upstream:
    """The `Upstream` of a request (the app state's clients, keyring and JWT settings)."""
    state = request.app.state
    return Upstream(getattr(state, "clients", {}), forward_headers(request),
                    getattr(state, "keyring", None), state.settings.jwt)


# builds a service's `up` from the request (its clients and the forwarded headers)
UpstreamOf = Callable[[Request], Any]


def ctx_from_state(state: Any, session: AsyncSession, principal: Principal | None,
                   up: Any, ctx_type: type[ServiceCtx[Any, Any]] = ServiceCtx) -> Any:
    """A context from an app's state (the lifespan sets `outbox`, `calendar`, `settings`)."""
    return ctx_type(session, principal, state.outbox, state.calendar, state.settings, up)


def ctx_dependency(principal_alias: Any, upstream: UpstreamOf = upstream_of,
                   ctx_type: type[ServiceCtx[Any, Any]] = ServiceCtx) -> Any:
    """The dependency building a route's context with the principal of the alias's own
    role-check dependency — the same callable, so FastAPI resolves it once per request even
    when a route also names the principal. `principal_alias` None: a public route (the
    principal is None)."""
    if principal_alias is None:
        async def public_ctx(request: Request, session: SessionDep) -> Any:
            return ctx_from_state(request.app.state, session, None, upstream(request),
                                  ctx_type)

        return public_ctx
    role_check = get_args(principal_alias)[1]

    async def route_ctx(request: Request, session: SessionDep,
                        principal: Principal = role_check) -> Any:
        return ctx_from_state(request.app.state, session, principal, upstream(request),
                              ctx_type)

    return route_ctx
