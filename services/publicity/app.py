from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from common.app import ServiceSpec, build_app
from common.context import Upstream
from kit.events import EventHandler
from kit.http import AsgiApps
from services.publicity.annual import service as annual
from services.publicity.config import PublicitySettings
from services.publicity.context import Ctx
from services.publicity.disclosures import service as disclosures
from services.publicity.inspections import service as inspections
from services.publicity.licences import service as licences
from services.publicity.models import platform
from services.publicity.plans import service as plans
from services.publicity.router import router


def _handlers(app: FastAPI) -> dict[str, EventHandler]:
    """Consumers of `case.decided` / `case.decision_revoked`; the context (no principal: an
    event acts for no caller) is read at call time because the calendar and outbox clients are
    set up in the lifespan."""

    def ctx(session: AsyncSession) -> Ctx:
        state = app.state
        return Ctx(session, None, state.outbox, state.calendar, state.settings,
                   Upstream(state.clients))

    def on(fn: Any) -> EventHandler:
        async def handle(session: AsyncSession, event: dict[str, Any]) -> None:
            await fn(ctx(session), event)
        return handle

    return {"case.decided": on(disclosures.consume_decided),
            "case.decision_revoked": on(disclosures.consume_revoked),
            "licence.decided": on(licences.consume_decided),
            "licence.issued": on(licences.consume_issued),
            "licence.revoked": on(licences.consume_revoked),
            "annual_report.finalised": annual.consume_finalised,
            "supervision_plan.published": plans.consume_published,
            "inspection.item_published": on(inspections.consume_item),
            "inspection.task_announced": on(inspections.consume_task),
            "inspection.result_published": on(inspections.consume_result)}


def create_app(settings: PublicitySettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    handlers: dict[str, EventHandler] = {}
    spec = ServiceSpec(name="publicity", router=router, platform=platform,
                       event_handlers=handlers, title="zhifa 公示服务 (publicity)",
                       public_events=("publicity.published", "publicity.withdrawn"))
    app = build_app(spec, settings or PublicitySettings(), asgi_apps)
    handlers.update(_handlers(app))
    return app
