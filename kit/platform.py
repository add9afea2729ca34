"""What every service has besides its domain: outbox/inbox/webhook/idempotency tables declared
on the service's own Base, and the routes for status, event delivery and webhook subscriptions."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy import select

from kit import auth, errors, idempotency
from kit.db import CommittingRoute, SessionDep
from kit.events import InboxMixin, OutboxMixin, WebhookMixin, accept_event
from kit.http import forward_headers


def platform_models(base: type) -> SimpleNamespace:
    """The outbox, inbox, webhook and idempotency tables, declared on a service's own Base."""
    return SimpleNamespace(
        Outbox=type("OutboxEvent", (OutboxMixin, base), {}),
        Inbox=type("InboxEvent", (InboxMixin, base), {}),
        Webhook=type("WebhookSubscription", (WebhookMixin, base), {}),
        Idempotency=type("IdempotencyRecord", (idempotency.IdempotencyMixin, base), {}),
    )


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
    warnings: list[str] = Field(default_factory=list,
                                description="运维提示，如缺少下一年度节假日数据（自11月1日起）")


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


def calendar_warnings(app: Any) -> list[str]:
    """Operator warnings about the calendar on the legal date `app.state.legal_today()` (the
    injectable clock, `kit.calendar.today_legal` by default)."""
    warning = app.state.calendar.missing_year_warning(app.state.legal_today())
    return [warning] if warning else []


def platform_router(spec: Any) -> APIRouter:
    """Routes every service has: status, the event inbox endpoint, webhook subscriptions."""
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
                          roles=sorted(principal.roles), upstreams=upstreams,
                          warnings=calendar_warnings(request.app))

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


