"""Assemble a service app: handlers, health, metrics, operation ids, lifespan wiring, events.

`platform_models` is re-exported here for the services' `models.py`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response, routing
from fastapi.openapi.utils import _get_api_route_for_openapi as _api_route_for_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import text

from common import principal, sessions
from common.calendar import WorkingCalendar, today_legal
from common.platform import calendar_warnings, platform_models, platform_router
from common.process import freeze_startup_heap, install_solver, native_telemetry
from common.roles import NOT_FOUND_ROLES
from common.settings import ServiceSettings
from common.webhooks import in_hook_scope
from kit import auth, dispatch, docs, errors, idempotency, limits, openapi, strict
from kit.egress import EgressPolicy
from kit.engines import create_engine, make_sessionmaker, read_sessionmaker
from kit.events import EventHandler, Outbox
from kit.http import AsgiApps, ServiceClient, make_client
from kit.observability import (
    Metrics,
    ObservabilityMiddleware,
    metrics_authorized,
    metrics_hidden,
)

__all__ = ["ServiceSpec", "build_app", "platform_models", "OutboxDep", "CalendarDep"]

Lifespan = Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]


def unique_id_for(service: str) -> Callable[[APIRoute], str]:
    """Stable, globally unique operation ids: `<service>_<handler_name>`."""
    return lambda route: f"{service}_{route.name}"


@dataclass
class ServiceSpec:
    name: str
    router: APIRouter
    platform: SimpleNamespace
    event_handlers: Mapping[str, EventHandler] | None = None
    lifespan: Lifespan | None = None
    title: str = ""
    # where this service learns revoked session versions (given the app state); default:
    # personnel over HTTP
    session_source: Callable[[Any], sessions.Fetcher] | None = None
    # Chinese request examples by handler name (the service's examples.py), see kit.docs
    examples: docs.Examples | None = None
    # event types that may leave the platform to external webhooks (public, redacted records)
    public_events: tuple[str, ...] = ()


# Swagger's "Authorize" dialog shows this beside the password login
PASSWORD_LOGIN = "用账号密码换取访问令牌（演示账号如 muer-officer / zhifa-demo-2026）"


def _uses(dependant: Any, call: Callable[..., Any]) -> bool:
    return any(d.call is call or _uses(d, call) for d in dependant.dependencies)


def _truthful_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """`app.openapi` that documents, for every route, the problems the kit and the gateway
    can answer (see `kit.openapi.apply_truth`)."""
    plain = app.openapi

    def build() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = plain()
        facts = {}
        for context in routing.iter_route_contexts(app.routes):
            route = _api_route_for_openapi(context)
            if route is None:
                continue
            for method in route.methods:
                facts[(route.path_format, method.lower())] = openapi.RouteFacts(
                    authenticated=_uses(route.dependant, auth.current_principal),
                    has_path_params=bool(route.dependant.path_params),
                    has_body=route.body_field is not None, method=method.lower())
        app.openapi_schema = openapi.apply_truth(spec, facts)
        schemes = app.openapi_schema.get("components", {}).get("securitySchemes", {})
        if "OAuth2Password" in schemes:
            schemes["OAuth2Password"]["description"] = PASSWORD_LOGIN
        return app.openapi_schema

    return build


def _ops_routes(app: FastAPI, metrics: Metrics) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> Response:
        try:
            async with request.app.state.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=3)
        except Exception:
            return errors.problem_response(errors.ServiceUnavailable("数据库不可用"))
        return JSONResponse({"status": "ready", "warnings": calendar_warnings(request.app)})

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(request: Request) -> Response:
        settings = request.app.state.settings
        if metrics_hidden(settings, request.scope):
            return errors.problem_response(errors.NotFound("监控指标不在此地址提供"))
        if not metrics_authorized(settings, request.headers.get("authorization"),
                                  request.scope):
            return errors.problem_response(errors.Unauthorized("读取监控指标须提供指标令牌"))
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")


@contextlib.asynccontextmanager
async def _runtime(app: FastAPI, spec: ServiceSpec, settings: ServiceSettings,
                   asgi_apps: AsgiApps | None) -> AsyncIterator[None]:
    state = app.state
    state.engine = create_engine(settings.database_url or "", settings.database_pool_size,
                                 settings.database_ping_idle_seconds)
    state.sessionmaker = make_sessionmaker(state.engine)
    state.read_sessionmaker = (read_sessionmaker(state.engine)
                               if settings.database_read_autocommit else None)
    state.keyring = auth.KeyRing.from_settings(settings.jwt)
    state.calendar = WorkingCalendar.from_files(settings.calendar_files,
                                                settings.calendar_roll_holidays)
    timeout = settings.http_timeout_seconds
    state.clients = {name: ServiceClient(name, make_client(url, asgi_apps, timeout), timeout)
                     for name, url in settings.upstreams.items()}
    outbox: Outbox = state.outbox
    outbox.clients = {n: c.http for n, c in state.clients.items()}
    outbox.token_factory = lambda: auth.service_token(state.keyring, settings.jwt, spec.name)
    state.limits = limits.make_limits(settings.redis_url, settings.redis_prefix)
    state.session_gate = sessions.gate_for(state, settings, spec.session_source)
    worker, worker_engine = None, None
    if settings.run_outbox_worker:
        maker = state.sessionmaker
        if state.engine.dialect.name == "postgresql":  # its own connections, not the requests'
            worker_engine = create_engine(settings.database_url or "", settings.outbox_pool_size,
                                          settings.database_ping_idle_seconds)
            maker = make_sessionmaker(worker_engine)
        worker = asyncio.create_task(outbox.worker(maker, settings.outbox_poll_seconds))
    try:
        if spec.lifespan is not None:
            async with spec.lifespan(app):
                freeze_startup_heap()
                yield
        else:
            freeze_startup_heap()
            yield
    finally:
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        await outbox.close()
        await state.limits.aclose()
        for client in state.clients.values():
            await client.http.aclose()
        if worker_engine is not None:
            await worker_engine.dispose()
        await state.engine.dispose()


def build_app(spec: ServiceSpec, settings: ServiceSettings,
              asgi_apps: AsgiApps | None = None) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with _runtime(app, spec, settings, asgi_apps):
            yield

    app = FastAPI(title=spec.title or f"zhifa {spec.name}", version="0.1.0",
                  lifespan=lifespan, generate_unique_id_function=unique_id_for(spec.name),
                  openapi_url=f"/api/v1/{spec.name}/openapi.json", docs_url=None,
                  redoc_url=None, telemetry=native_telemetry())
    metrics = Metrics(spec.name)
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.legal_today = today_legal
    app.state.not_found_roles = NOT_FOUND_ROLES  # kit.auth.require_roles answers 404 for them
    app.state.principal_from_claims = principal.from_claims  # zhifa's claims as fields
    app.state.around_request = idempotency.make_hook(spec.platform.Idempotency)
    app.state.outbox = Outbox(service=spec.name, outbox_model=spec.platform.Outbox,
                              webhook_model=spec.platform.Webhook,
                              subscriptions=settings.subscriptions,
                              max_attempts=settings.outbox_max_attempts,
                              max_backoff=settings.outbox_max_backoff_seconds,
                              public_events=spec.public_events,
                              egress=EgressPolicy.from_settings(settings),
                              in_scope=in_hook_scope,
                              concurrency=settings.outbox_concurrency)
    errors.install_handlers(app)
    app.add_middleware(ObservabilityMiddleware, metrics=metrics)
    _ops_routes(app, metrics)
    docs.install_docs(app, f"/api/v1/{spec.name}/openapi.json", app.title)
    docs.with_decorations(app, spec.name, spec.examples)
    app.include_router(spec.router)
    app.include_router(platform_router(spec))
    strict.harden_requests(app)  # no silent coercion of request input (kit.strict)
    app.openapi = _truthful_openapi(app)  # type: ignore[method-assign]
    dispatch.install(app)  # route dispatch by path segments (kit.dispatch)
    install_solver()
    return app


def get_outbox(request: Request) -> Outbox:
    return request.app.state.outbox


def get_calendar(request: Request) -> WorkingCalendar:
    return request.app.state.calendar


OutboxDep = Annotated[Outbox, Depends(get_outbox)]
CalendarDep = Annotated[WorkingCalendar, Depends(get_calendar)]


def workers_from_env(default: int = 1) -> int:
    """`ZHIFA_WORKERS`: uvicorn worker processes per service or gateway in split mode."""
    import os

    value = os.environ.get("ZHIFA_WORKERS", "").strip()
    return max(1, int(value)) if value.isdigit() else default


def run_uvicorn(app: Any, host: str, port: int, workers: int = 1) -> None:
    """uvicorn with the house settings (JSON logs, no uvicorn access log: ours is in the
    middleware). `workers > 1` needs `app` as an import string of a factory
    (`"module:function"`): each worker process builds its own app, engine and pools; limits
    are shared only when `ZHIFA_REDIS_URL` is set."""
    import uvicorn

    from kit import metrics_listener
    from kit.observability import configure_logging

    if workers > 1 and not isinstance(app, str):
        raise ValueError("several workers need the app as an import string of a factory")
    configure_logging()
    import os

    os.environ.setdefault("ZHIFA_GC_FREEZE", "1")  # inherited by worker processes

    metrics_bind = os.environ.get("ZHIFA_METRICS_BIND", "").strip()
    if workers > 1:
        if metrics_bind:  # each worker would count alone, and only one can hold the address
            raise SystemExit("ZHIFA_METRICS_BIND 只能与单个 worker 一起使用（--workers 1）")
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers,
                    log_config=None, access_log=False)
        return
    if isinstance(app, str):
        module, _, name = app.partition(":")
        app = getattr(__import__(module, fromlist=[name]), name)()
    metrics_listener.serve(app, host, port, metrics_bind or None)


def serve_main(factory: Callable[[], FastAPI]) -> None:
    """`python -m services.<name>`: one service under uvicorn, configured from the environment
    (`<SERVICE>_DATABASE_URL`, `<SERVICE>_UPSTREAMS`, `JWT_*`, `HOST`, `PORT`, and
    `ZHIFA_WORKERS` worker processes, default 1)."""
    import os

    run_uvicorn(f"{factory.__module__}:{factory.__qualname__}",
                os.environ.get("HOST", "0.0.0.0"), int(os.environ.get("PORT", "8000")),
                workers_from_env())
