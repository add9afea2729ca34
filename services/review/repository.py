"""Query pieces shared by the review sub-packages: the scope model of docs/contracts.md."""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, false, true

from kit.auth import Principal


def as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def region_prefix(column: Any, region_code: str) -> ColumnElement[bool]:
    """`column` starts with `region_code` (codes are digits, so no LIKE escaping is needed)."""
    return column.like(f"{region_code}%") if region_code.isdigit() else false()


def scope_clause(principal: Principal, agency_col: Any, region_col: Any) -> ColumnElement[bool]:
    """sysadmin/service: all; supervisors: their region prefix; agency roles: their agency;
    a principal with only a region (e.g. a district-level reviewer): that region prefix."""
    if principal.has("sysadmin", "service"):
        return true()
    if principal.has("supervisor") or not principal.agency_id:
        return region_prefix(region_col, principal.region_code or "")
    agency = as_uuid(principal.agency_id)
    return agency_col == agency if agency is not None else false()
