from typing import Annotated

from fastapi import Depends

from kit.auth import Principal, require_roles

UserAdmin = Annotated[Principal, Depends(require_roles("sysadmin", "agency_admin"))]
