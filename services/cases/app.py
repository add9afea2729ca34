from fastapi import FastAPI

from kit.app import ServiceSpec, build_app
from kit.http import AsgiApps
from services.cases.config import CasesSettings
from services.cases.events import HANDLERS
from services.cases.examples import EXAMPLES
from services.cases.models import platform
from services.cases.router import router


def create_app(settings: CasesSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    spec = ServiceSpec(name="cases", router=router, platform=platform, event_handlers=HANDLERS,
                       title="zhifa 案件服务 (cases)",
                       examples=EXAMPLES)
    return build_app(spec, settings or CasesSettings(), asgi_apps)
