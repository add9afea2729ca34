"""Role guards and the caller's data scope (region prefix tree, see docs/contracts.md)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import false

from kit.auth import Principal, require_roles
from services.personnel.identifiers import PiiVault

UserAdmin = Annotated[Principal, Depends(require_roles("sysadmin", "agency_admin"))]
StaffAdmin = UserAdmin
Reader = Annotated[Principal, Depends(require_roles(
    "officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin", "service"))]
Sysadmin = Annotated[Principal, Depends(require_roles("sysadmin"))]


@dataclass(frozen=True)
class Scope:
    """What a principal may read: everything, a region subtree, or one agency (or nothing)."""

    everything: bool = False
    region_prefix: str | None = None
    agency_id: uuid.UUID | None = None

    @classmethod
    def of(cls, principal: Principal | None) -> Scope:
        if principal is None or principal.has("sysadmin", "service"):
            return cls(everything=True)
        if principal.has("supervisor") and principal.region_code:
            return cls(region_prefix=principal.region_code)
        if principal.agency_id:
            try:
                return cls(agency_id=uuid.UUID(principal.agency_id))
            except ValueError:
                return cls()
        return cls()

    def clause(self, agency_col: Any, region_col: Any) -> Any:
        """A WHERE clause limiting rows to this scope."""
        if self.everything:
            return agency_col.is_not(None)
        if self.region_prefix is not None:
            return region_col.startswith(self.region_prefix, autoescape=True)
        if self.agency_id is not None:
            return agency_col == self.agency_id
        return false()


def can_manage(principal: Principal | None, agency_id: uuid.UUID) -> bool:
    """sysadmin anywhere (and the local CLI); agency_admin only for its own agency."""
    if principal is None or principal.has("sysadmin"):
        return True
    return principal.has("agency_admin") and principal.agency_id == str(agency_id)


def get_vault(request: Request) -> PiiVault:
    return request.app.state.pii_vault


VaultDep = Annotated[PiiVault, Depends(get_vault)]


def get_settings(request: Request) -> Any:
    return request.app.state.settings


SettingsDep = Annotated[Any, Depends(get_settings)]
