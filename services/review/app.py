from typing import Any

from fastapi import FastAPI

from common.app import ServiceSpec, build_app
from kit.http import AsgiApps
from services.review.complaints.events import handlers as complaint_handlers
from services.review.config import ReviewSettings
from services.review.examples import EXAMPLES
from services.review.legal.events import handlers as legal_handlers
from services.review.models import platform
from services.review.router import router


def create_app(settings: ReviewSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    # the handlers need the app (calendar, settings), so the mapping is filled after building
    event_handlers: dict[str, Any] = {}
    spec = ServiceSpec(name="review", router=router, platform=platform,
                       event_handlers=event_handlers, title="zhifa 审核监督服务 (review)",
                       examples=EXAMPLES)
    app = build_app(spec, settings or ReviewSettings(), asgi_apps)
    event_handlers.update(legal_handlers(app))
    event_handlers.update(complaint_handlers(app))
    return app
