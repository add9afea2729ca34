"""Tokens and principals. python-jose (cryptography backend) is used only in this package: RS256
with `kid`, algorithms pinned, issuer/audience/expiry checked (the keys: `kit.auth.keys`)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPBearer, OAuth2PasswordBearer

from kit import errors
from kit.auth import keys
from kit.auth.keys import ALGORITHM, KeyRing
from kit.settings import JwtSettings

__all__ = ["ALGORITHM", "KeyRing", "Principal", "current_principal", "issue_access_token",
           "require_roles", "service_token"]



@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's subject and roles; every other claim is in `claims`. An
    application that reads more claims as fields subclasses this and sets its
    `from_claims` on `app.state.principal_from_claims`."""

    subject: str
    roles: frozenset[str]
    username: str | None = None
    claims: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_service(self) -> bool:
        return "service" in self.roles

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def issue_access_token(ring: KeyRing, settings: JwtSettings, *, subject: str,
                       roles: list[str], username: str | None = None, ttl: int | None = None,
                       session_version: int | None = None, session_id: str | None = None,
                       **extra: Any) -> str:
    """`sv`: the user's session version (common.sessions); raising it cuts this token. `sid`: the
    login session (the refresh-token family); logging that one session out cuts this token.
    `extra`: the application's own claims, signed as given."""
    now = int(time.time())
    claims = {
        "iss": settings.issuer, "aud": settings.audience, "sub": subject,
        "iat": now, "nbf": now, "exp": now + (ttl or settings.access_ttl_seconds),
        "jti": uuid.uuid4().hex, "typ": "access", "roles": sorted(set(roles)),
        "username": username, **extra,
    }
    if session_version is not None:
        claims["sv"] = session_version
    if session_id is not None:
        claims["sid"] = session_id
    return ring.sign(claims)


_SERVICE_TOKENS: dict[tuple[Any, ...], tuple[str, float]] = {}


def service_token(ring: KeyRing, settings: JwtSettings, service: str) -> str:
    """Short-lived token a service uses for background calls (`sub=service:<name>`). Signed
    once and reused for the first half of its lifetime (an RS256 signature costs ~1 ms of CPU,
    and every outbox delivery and service call asks for one)."""
    key = (id(ring), ring.active_kid, settings.issuer, settings.audience, service,
           settings.service_ttl_seconds)
    now = keys.clock()
    kept = _SERVICE_TOKENS.get(key)
    if kept is not None and now < kept[1]:
        return kept[0]
    token = issue_access_token(ring, settings, subject=f"service:{service}", roles=["service"],
                               ttl=settings.service_ttl_seconds)
    if len(_SERVICE_TOKENS) >= 1_000:  # rings of apps built and dropped (tests)
        _SERVICE_TOKENS.clear()
    _SERVICE_TOKENS[key] = (token, now + settings.service_ttl_seconds / 2)
    return token


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = claims.get("roles") or []
    if not isinstance(roles, list):
        raise errors.Unauthorized("令牌角色声明无效")
    return Principal(subject=str(claims["sub"]), roles=frozenset(map(str, roles)),
                     username=claims.get("username"), claims=claims)


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.Unauthorized("缺少 Bearer 令牌")
    return token.strip()


# Declared only so OpenAPI names the two ways to send the token (Swagger's "Authorize": log in with
# a password, or paste a JWT); bearer_token() below does the actual reading and refusing.
_PASSWORD_SCHEME = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", scheme_name="OAuth2Password", auto_error=False,
    description="用账号密码换取访问令牌")
_BEARER_SCHEME = HTTPBearer(scheme_name="BearerJWT", bearerFormat="JWT", auto_error=False,
                            description="直接粘贴 /api/v1/auth/token 返回的 access_token")


async def current_principal(
        request: Request, _password: Annotated[str | None, Depends(_PASSWORD_SCHEME)] = None,
        _bearer: Annotated[Any, Depends(_BEARER_SCHEME)] = None) -> Principal:
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    claims = request.app.state.keyring.verify(bearer_token(request),
                                              request.app.state.settings.jwt)
    gate = getattr(request.app.state, "session_gate", None)
    if gate is not None:
        await gate.check(claims)  # logged out everywhere, password changed or disabled
    build = getattr(request.app.state, "principal_from_claims", principal_from_claims)
    principal = build(claims)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency admitting principals holding at least one of `roles` (403 otherwise; 404
    for a principal whose roles all lie in the app's `state.not_found_roles`, so a route it may
    not use does not even show that it exists)."""

    async def guard(request: Request, principal: CurrentPrincipal) -> Principal:
        if not principal.has(*roles):
            hidden = getattr(request.app.state, "not_found_roles", frozenset())
            if principal.roles and principal.roles <= hidden:
                raise errors.NotFound("资源不存在")
            raise errors.Forbidden("当前角色无权执行此操作", required_roles=list(roles))
        return principal

    return guard
