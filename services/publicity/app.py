from fastapi import FastAPI

from kit.app import ServiceSpec, build_app
from kit.http import AsgiApps
from services.publicity.config import PublicitySettings
from services.publicity.models import platform
from services.publicity.router import router


def create_app(settings: PublicitySettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    spec = ServiceSpec(name="publicity", router=router, platform=platform, event_handlers={},
                       title="zhifa 公示服务 (publicity)")
    return build_app(spec, settings or PublicitySettings(), asgi_apps)
