"""The context every publicity service function gets: the platform's one shape
(`common.context.ServiceCtx`) with publicity's settings and the platform `Upstream`. Built at the
HTTP edge by the `…Ctx` dependencies of `services.publicity.dependencies` and per event by
`app._handlers` (no principal); it never holds the request."""

from __future__ import annotations

from common.context import ServiceCtx, Upstream
from services.publicity.config import PublicitySettings


class Ctx(ServiceCtx[PublicitySettings, Upstream]):
    """What every publicity action needs (see module)."""

