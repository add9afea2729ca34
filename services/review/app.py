from fastapi import FastAPI

from kit.app import ServiceSpec, build_app
from kit.http import AsgiApps
from services.review.config import ReviewSettings
from services.review.models import platform
from services.review.router import router


def create_app(settings: ReviewSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    spec = ServiceSpec(name="review", router=router, platform=platform, event_handlers={},
                       title="zhifa 审核监督服务 (review)")
    return build_app(spec, settings or ReviewSettings(), asgi_apps)
