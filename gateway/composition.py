"""The composition root: build the four service apps and the gateway, wire them in-process or
over HTTP, migrate, and enter every service lifespan inside the gateway's own."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from common.settings import ServiceSettings
from gateway import app as gateway_app
from gateway.config import SERVICES, GatewaySettings
from kit import migrate
from services.cases.app import create_app as create_cases
from services.cases.config import CasesSettings
from services.personnel.app import create_app as create_personnel
from services.personnel.config import PersonnelSettings
from services.publicity.app import create_app as create_publicity
from services.publicity.config import PublicitySettings
from services.review.app import create_app as create_review
from services.review.config import ReviewSettings

FACTORIES: dict[str, tuple[Any, type[ServiceSettings]]] = {
    "personnel": (create_personnel, PersonnelSettings),
    "cases": (create_cases, CasesSettings),
    "review": (create_review, ReviewSettings),
    "publicity": (create_publicity, PublicitySettings),
}


def service_settings(name: str, data_dir: str | None = None, **overrides: Any) -> ServiceSettings:
    """Settings from env, with the data dir and overrides applied; upstreams default to
    in-process apps for the services this one calls."""
    cls = FACTORIES[name][1]
    if data_dir is not None:
        overrides.setdefault("data_dir", data_dir)
    settings = cls(**overrides)
    if not settings.upstreams:
        settings.upstreams = {n: f"asgi://{n}" for n in cls.calls}  # type: ignore[attr-defined]
    return settings


def create_service(name: str, settings: ServiceSettings | None = None,
                   asgi_apps: dict[str, Any] | None = None) -> FastAPI:
    factory, _ = FACTORIES[name]
    return factory(settings or service_settings(name), asgi_apps)


def build_all_in_one(data_dir: str = "./var", *, auto_migrate: bool = True,
                     service_overrides: dict[str, dict[str, Any]] | None = None,
                     gateway_settings: GatewaySettings | None = None) -> FastAPI:
    """Gateway + four services in one process, each on its own SQLite file by default."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    asgi_apps: dict[str, Any] = {}
    settings = {n: service_settings(n, data_dir, **(service_overrides or {}).get(n, {}))
                for n in SERVICES}
    for name in SERVICES:
        asgi_apps[name] = create_service(name, settings[name], asgi_apps)

    @contextlib.asynccontextmanager
    async def inner(_: FastAPI) -> AsyncIterator[None]:
        if auto_migrate:
            for name in SERVICES:
                await migrate.upgrade_async(name, settings[name].database_url or "")
        async with contextlib.AsyncExitStack() as stack:
            for name in SERVICES:
                app = asgi_apps[name]
                await stack.enter_async_context(app.router.lifespan_context(app))
            yield

    gw_settings = (gateway_settings or GatewaySettings()).model_copy(
        update={f"upstream_{n}": f"asgi://{n}" for n in SERVICES})
    gw = gateway_app.create_app(gw_settings, asgi_apps, inner)
    gw.state.services = asgi_apps
    return gw
