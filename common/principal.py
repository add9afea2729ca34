"""The platform's principal: kit's token subject and roles plus zhifa's own claims — the agency
(执法机关) the caller acts for, its region (行政区划代码) and the officer record (执法人员)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from kit import auth


@dataclass(frozen=True)
class Principal(auth.Principal):
    agency_id: str | None = None
    region_code: str | None = None
    officer_id: str | None = None


def from_claims(claims: dict[str, Any]) -> Principal:
    """kit's checks of a verified token's claims, then zhifa's fields (`common.app` sets this
    as every app's `state.principal_from_claims`)."""
    base = auth.principal_from_claims(claims)
    return Principal(subject=base.subject, roles=base.roles, username=base.username,
                     claims=claims, agency_id=claims.get("agency_id"),
                     region_code=claims.get("region_code"), officer_id=claims.get("officer_id"))


CurrentPrincipal = Annotated[Principal, Depends(auth.current_principal)]


async def optional_principal(request: Request) -> Principal | None:
    """The verified principal of a request that may come without a token: None without an
    `Authorization` header; a token that is sent must verify (401 otherwise)."""
    if not request.headers.get("authorization"):
        return None
    return await auth.current_principal(request)  # type: ignore[return-value]
