"""The context every case action gets: the session, the principal, the app's outbox, calendar
and settings, and the upstream clients with the caller's forwarded headers. Built by
`services.cases.dependencies.case_ctx` at the HTTP edge; it never holds the request."""

from __future__ import annotations

from common.context import ServiceCtx
from services.cases.clients import Upstream
from services.cases.config import CasesSettings


class Ctx(ServiceCtx[CasesSettings, Upstream]):
    """What every case action needs: the platform's one context shape (`common.context`) with
    cases' settings and upstream clients; a case action always has a principal."""
