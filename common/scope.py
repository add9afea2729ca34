"""The one scope rule: which rows a principal may see (docs/contracts.md, "Scope model").

- `sysadmin` and `service` principals see every row;
- a supervisor sees the rows whose region code starts with the supervisor's region code (the
  region subtree); the supervisor rule wins over the agency rule;
- agency roles see the rows of their own agency; an unparsable agency id sees nothing;
- anyone else sees nothing.

Every list, every by-id load and every write that names an agency goes through `scope_clause`
(rows) or `may_act_for` (a target agency with its *real* region, looked up by the caller)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, false, true

from common.principal import Principal
from kit import errors
from kit.auth import service_token

ALL_SEEING = ("sysadmin", "service")
DEFAULT_AGENCY_ROLES = ("officer", "agency_admin", "legal_reviewer")


def parse_uuid(value: Any) -> uuid.UUID | None:
    """The UUID in `value`, or None for empty or unparsable values (never raises)."""
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def region_prefix(col: Any, code: str) -> ColumnElement[bool]:
    """`col` starts with `code`, as a half-open range both dialects answer from an index:
    region codes are digits and ':' sorts right after '9', so [code, code + ':') is exactly the
    prefix. A code that is not all digits matches nothing."""
    if not code or not code.isdigit():
        return false()
    return and_(col >= code, col < code + ":")


def in_region(region_code: str | None, code: str | None) -> bool:
    """The Python twin of `region_prefix` for a single value already loaded."""
    return bool(code) and str(code).isdigit() and str(region_code or "").startswith(str(code))


def scope_clause(principal: Principal, agency_col: Any, region_col: Any,
                 agency_roles: tuple[str, ...] = DEFAULT_AGENCY_ROLES) -> ColumnElement[bool]:
    """The WHERE clause limiting a table with agency and region columns to what `principal`
    may see. Always a clause (``true()`` for the all-seeing), never None."""
    if principal.has(*ALL_SEEING):
        return true()
    if principal.has("supervisor"):
        return region_prefix(region_col, principal.region_code or "")
    if principal.has(*agency_roles):
        agency = parse_uuid(principal.agency_id)
        return agency_col == agency if agency is not None else false()
    return false()


def sees_row(principal: Principal, agency_id: Any, region_code: str | None,
             agency_roles: tuple[str, ...] = DEFAULT_AGENCY_ROLES) -> bool:
    """`scope_clause` evaluated for one row already in memory (the same rule)."""
    if principal.has(*ALL_SEEING):
        return True
    if principal.has("supervisor"):
        return in_region(region_code, principal.region_code)
    if principal.has(*agency_roles):
        agency = parse_uuid(principal.agency_id)
        return agency is not None and agency == parse_uuid(agency_id)
    return False


def may_act_for(principal: Principal, agency_id: Any, agency_region_code: str | None,
                agency_roles: tuple[str, ...] = DEFAULT_AGENCY_ROLES) -> bool:
    """Whether `principal` may write for the agency `agency_id`, whose region code the caller
    looked up from the agency itself (never taken from the request body)."""
    return sees_row(principal, agency_id, agency_region_code, agency_roles)


AgencyRegionLookup = Callable[[Any], Awaitable[str | None]]


class AgencyOutOfScope(errors.Problem):
    """A write names an agency whose real region lies outside the caller's scope."""

    status, title = 403, "目标执法机关不在本人管辖范围内"


def acts_by_region(principal: Principal) -> bool:
    """Whether `may_act_for` decides by the target agency's region for this principal."""
    return principal.has("supervisor") and not principal.has(*ALL_SEEING)


async def check_agency_region(principal: Principal, agency_id: Any,
                              lookup: AgencyRegionLookup) -> str | None:
    """For a principal who acts by region (a supervisor): `may_act_for` with the agency's REAL
    region fetched by `lookup` (personnel's `GET /agencies/{id}` with a service token, or a
    row the caller owns) — raises `AgencyOutOfScope`, returns the real region. For everyone
    else None: the agency rule (own agency) or the all-seeing rule needs no region."""
    if not acts_by_region(principal):
        return None
    region = await lookup(agency_id)
    if not may_act_for(principal, agency_id, region):
        raise AgencyOutOfScope(f"执法机关 {agency_id} 不在本人管辖范围内",
                               agency_id=str(agency_id))
    return region


def personnel_agency_regions(request: Any, caller: str) -> AgencyRegionLookup:
    """The real region of an agency as personnel (who owns agencies) states it, asked with the
    calling service's own token (the caller may not see the agency); None for an unknown agency.
    One lookup for every service that checks a write naming an agency (`check_agency_region`)."""
    state = request.app.state
    return personnel_region_lookup(state.clients["personnel"], {
        "Authorization": "Bearer " + service_token(state.keyring, state.settings.jwt, caller)})


def personnel_region_lookup(client: Any, headers: dict[str, str]) -> AgencyRegionLookup:
    """`personnel_agency_regions` from a personnel client and the service-token headers."""
    from kit.http import UpstreamProblem  # kit.http imports kit.errors only; keep it lazy

    async def lookup(agency_id: Any) -> str | None:
        try:
            resp = await client.call("GET", f"/api/v1/personnel/agencies/{agency_id}",
                                     headers=headers)
        except UpstreamProblem as exc:
            if exc.status in (404, 422):
                return None
            raise
        return str(resp.json().get("region_code") or "") or None
    return lookup
