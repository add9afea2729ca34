from fastapi import FastAPI

from kit.app import ServiceSpec, build_app
from kit.http import AsgiApps
from services.personnel.config import PersonnelSettings
from services.personnel.models import platform
from services.personnel.router import router


def create_app(settings: PersonnelSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    spec = ServiceSpec(name="personnel", router=router, platform=platform,
                       title="zhifa 人员服务 (personnel)")
    return build_app(spec, settings or PersonnelSettings(), asgi_apps)
