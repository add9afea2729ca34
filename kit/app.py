"""Assemble a service app: handlers, health, metrics, operation ids, lifespan wiring, events."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy import select, text

from kit import auth, errors, idempotency
from kit.calendar import WorkingCalendar
from kit.db import CommittingRoute, SessionDep, create_engine, make_sessionmaker
from kit.events import EventHandler, InboxMixin, Outbox, OutboxMixin, WebhookMixin, accept_event
from kit.http import AsgiApps, ServiceClient, forward_headers, make_client
from kit.observability import Metrics, ObservabilityMiddleware
from kit.settings import ServiceSettings

Lifespan = Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]


def platform_models(base: type) -> SimpleNamespace:
    """The outbox, inbox, webhook and idempotency tables, declared on a service's own Base."""
    return SimpleNamespace(
        Outbox=type("OutboxEvent", (OutboxMixin, base), {}),
        Inbox=type("InboxEvent", (InboxMixin, base), {}),
        Webhook=type("WebhookSubscription", (WebhookMixin, base), {}),
        Idempotency=type("IdempotencyRecord", (idempotency.IdempotencyMixin, base), {}),
    )


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


class EventEnvelope(BaseModel):
    id: str
    type: str
    source: str = ""
    aggregate_id: str | None = None
    occurred_at: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


class StatusRead(BaseModel):
    service: str
    subject: str
    roles: list[str]
    upstreams: dict[str, str]


class EventAck(BaseModel):
    status: str


class WebhookCreate(BaseModel):
    url: HttpUrl
    secret: str = Field(min_length=16, max_length=128)
    event_types: list[str] = Field(default_factory=list)
    description: str | None = Field(None, max_length=200)


class WebhookRead(BaseModel):
    id: str
    url: str
    event_types: list[str]
    description: str | None
    is_active: bool


def _platform_router(spec: ServiceSpec) -> APIRouter:
    router = APIRouter(prefix=f"/api/v1/{spec.name}", tags=[spec.name],
                       route_class=CommittingRoute)
    models = spec.platform
    admin = Depends(auth.require_roles("sysadmin", "supervisor"))

    @router.get("/status", response_model=StatusRead,
                responses=errors.responses(errors.Unauthorized, errors.ServiceUnavailable),
                summary="服务状态；deep=true 时以调用者令牌逐一调用上游服务")
    async def read_status(principal: auth.CurrentPrincipal, request: Request,
                          deep: bool = False) -> StatusRead:
        upstreams: dict[str, str] = {}
        if deep:
            for name, client in request.app.state.clients.items():
                resp = await client.call("GET", f"/api/v1/{name}/status",
                                         headers=forward_headers(request))
                upstreams[name] = resp.json()["service"]
        return StatusRead(service=spec.name, subject=principal.subject,
                          roles=sorted(principal.roles), upstreams=upstreams)

    if spec.event_handlers is not None:
        handlers = spec.event_handlers

        @router.post("/events", response_model=EventAck, status_code=200,
                     dependencies=[Depends(auth.require_roles("service"))],
                     responses=errors.responses(errors.Unauthorized, errors.Forbidden),
                     summary="接收内部事件（服务间调用，幂等）")
        async def receive_event(event: EventEnvelope, session: SessionDep) -> EventAck:
            status = await accept_event(session, models.Inbox, event.model_dump(), handlers)
            return EventAck(status=status)

    @router.post("/webhooks", response_model=WebhookRead, status_code=201, dependencies=[admin],
                 responses=errors.responses(errors.Unauthorized, errors.Forbidden),
                 summary="登记外部 Webhook 订阅（HMAC-SHA256 签名推送）")
    async def create_webhook(body: WebhookCreate, session: SessionDep) -> WebhookRead:
        hook = models.Webhook(url=str(body.url), secret=body.secret,
                              event_types=body.event_types, description=body.description)
        session.add(hook)
        await session.flush()
        return WebhookRead(id=str(hook.id), url=hook.url, event_types=hook.event_types,
                           description=hook.description, is_active=hook.is_active)

    @router.get("/webhooks", response_model=list[WebhookRead], dependencies=[admin],
                responses=errors.responses(errors.Unauthorized, errors.Forbidden),
                summary="列出 Webhook 订阅")
    async def list_webhooks(session: SessionDep) -> list[WebhookRead]:
        rows = (await session.scalars(select(models.Webhook).order_by(
            models.Webhook.created_at))).all()
        return [WebhookRead(id=str(h.id), url=h.url, event_types=h.event_types,
                            description=h.description, is_active=h.is_active) for h in rows]

    return router


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
        return Response('{"status":"ready"}', media_type="application/json")

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint() -> Response:
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")


@contextlib.asynccontextmanager
async def _runtime(app: FastAPI, spec: ServiceSpec, settings: ServiceSettings,
                   asgi_apps: AsgiApps | None) -> AsyncIterator[None]:
    state = app.state
    state.engine = create_engine(settings.database_url or "", settings.database_pool_size)
    state.sessionmaker = make_sessionmaker(state.engine)
    state.keyring = auth.KeyRing.load(settings.jwt.keys_dir or "", settings.jwt.generate_keys)
    state.calendar = WorkingCalendar.from_files(settings.calendar_files)
    timeout = settings.http_timeout_seconds
    state.clients = {name: ServiceClient(name, make_client(url, asgi_apps, timeout), timeout)
                     for name, url in settings.upstreams.items()}
    outbox: Outbox = state.outbox
    outbox.clients = {n: c.http for n, c in state.clients.items()}
    outbox.token_factory = lambda: auth.service_token(state.keyring, settings.jwt, spec.name)
    worker = None
    if settings.run_outbox_worker:
        worker = asyncio.create_task(outbox.worker(state.sessionmaker,
                                                   settings.outbox_poll_seconds))
    try:
        if spec.lifespan is not None:
            async with spec.lifespan(app):
                yield
        else:
            yield
    finally:
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        await outbox.close()
        for client in state.clients.values():
            await client.http.aclose()
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
                  redoc_url=None)
    metrics = Metrics(spec.name)
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.around_request = idempotency.make_hook(spec.platform.Idempotency)
    app.state.outbox = Outbox(service=spec.name, outbox_model=spec.platform.Outbox,
                              webhook_model=spec.platform.Webhook,
                              subscriptions=settings.subscriptions,
                              max_attempts=settings.outbox_max_attempts)
    errors.install_handlers(app)
    app.add_middleware(ObservabilityMiddleware, metrics=metrics)
    _ops_routes(app, metrics)
    app.include_router(spec.router)
    app.include_router(_platform_router(spec))
    return app


def get_outbox(request: Request) -> Outbox:
    return request.app.state.outbox


def get_calendar(request: Request) -> WorkingCalendar:
    return request.app.state.calendar


OutboxDep = Annotated[Outbox, Depends(get_outbox)]
CalendarDep = Annotated[WorkingCalendar, Depends(get_calendar)]


def serve_main(factory: Callable[[], FastAPI]) -> None:
    """`python -m services.<name>`: one service under uvicorn, configured from the environment
    (`<SERVICE>_DATABASE_URL`, `<SERVICE>_UPSTREAMS`, `JWT_*`, `HOST`, `PORT`)."""
    import os

    import uvicorn

    from kit.observability import configure_logging

    configure_logging()
    uvicorn.run(factory(), host=os.environ.get("HOST", "0.0.0.0"),
                port=int(os.environ.get("PORT", "8000")), log_config=None, access_log=False)
