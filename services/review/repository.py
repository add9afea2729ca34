"""Query pieces shared by the review sub-packages: the scope model of docs/contracts.md."""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, false, true

from kit.auth import Principal


def as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def region_prefix(column: Any, region_code: str) -> ColumnElement[bool]:
    """`column` starts with `region_code`, as a range so both dialects use the index: codes
    are digits and ':' sorts right after '9', so [code, code + ':') is exactly the prefix."""
    if not region_code.isdigit():
        return false()
    return and_(column >= region_code, column < region_code + ":")


def scope_clause(principal: Principal, agency_col: Any, region_col: Any) -> ColumnElement[bool]:
    """sysadmin/service: all; supervisors: their region prefix; agency roles: their agency;
    a principal with only a region (e.g. a district-level reviewer): that region prefix."""
    if principal.has("sysadmin", "service"):
        return true()
    if principal.has("supervisor") or not principal.agency_id:
        return region_prefix(region_col, principal.region_code or "")
    agency = as_uuid(principal.agency_id)
    return agency_col == agency if agency is not None else false()
