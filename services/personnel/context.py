"""The context every personnel service function gets: the platform's one shape
(`common.context.ServiceCtx`) with personnel's settings and the platform `Upstream`. Built at the
HTTP edge by the `…Ctx` dependencies of `services.personnel.dependencies`; it never holds the
request."""

from __future__ import annotations

from common.context import ServiceCtx, Upstream
from services.personnel.config import PersonnelSettings


class Ctx(ServiceCtx[PersonnelSettings, Upstream]):
    """What every personnel action needs (see module)."""
