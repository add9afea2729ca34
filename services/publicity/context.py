"""What the publicity services need besides a session: settings, the working calendar and the
outbox (set up in the lifespan; built per request by `dependencies.get_context` and per event by
`app._handlers`)."""

from __future__ import annotations

from dataclasses import dataclass

from common.calendar import WorkingCalendar
from kit.events import Outbox
from services.publicity.config import PublicitySettings


@dataclass
class Context:
    settings: PublicitySettings
    calendar: WorkingCalendar
    outbox: Outbox
