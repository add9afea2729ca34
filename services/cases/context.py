"""The context every case action gets: the session, the principal, the app's outbox, calendar
and settings, and the upstream clients with the caller's forwarded headers. Built by
`services.cases.dependencies.case_ctx` at the HTTP edge; it never holds the request."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar
from kit.auth import Principal
from kit.events import Outbox
from services.cases.clients import Upstream
from services.cases.config import CasesSettings


@dataclass(frozen=True)
class Ctx:
    """What every case action needs (see module)."""

    session: AsyncSession
    principal: Principal
    outbox: Outbox
    calendar: WorkingCalendar
    settings: CasesSettings
    up: Upstream

    def actor(self) -> str:
        return self.principal.officer_id or self.principal.subject
