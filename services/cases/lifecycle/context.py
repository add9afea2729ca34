"""The context every case action gets from its route: the request (forwarded headers, app
state: outbox, calendar, settings, upstream clients), the session and the principal. Built at
the HTTP edge (the routers); the services only read from it."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar
from kit.auth import Principal
from kit.events import Outbox
from services.cases.config import CasesSettings


@dataclass
class Ctx:
    """What every case action needs: the request (for forwarded headers and app state)."""

    request: Request
    session: AsyncSession
    principal: Principal

    @property
    def outbox(self) -> Outbox:
        return self.request.app.state.outbox

    @property
    def calendar(self) -> WorkingCalendar:
        return self.request.app.state.calendar

    @property
    def settings(self) -> CasesSettings:
        return self.request.app.state.settings
