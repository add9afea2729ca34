"""What every service has besides its domain: outbox/inbox/webhook/idempotency tables declared
on the service's own Base, and the routes for status, event delivery and webhook subscriptions."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy import select

from common import scope
from common.context import ServiceCtx, ctx_dependency
from common.principal import CurrentPrincipal, Principal
from common.webhooks import ScopedWebhookMixin
from kit import auth, errors, idempotency
from kit.db import CommittingRoute
from kit.egress import WebhookTargetRefused
from kit.events import InboxMixin, OutboxMixin, accept_event
from kit.http import forward_headers


def platform_models(base: type) -> SimpleNamespace:
    """The outbox, inbox, webhook and idempotency tables, declared on a service's own Base."""
    return SimpleNamespace(
        Outbox=type("OutboxEvent", (OutboxMixin, base), {}),
        Inbox=type("InboxEvent", (InboxMixin, base), {}),
        Webhook=type("WebhookSubscription", (ScopedWebhookMixin, base), {}),
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
    event_types: list[str] = Field(default_factory=list, max_length=20)
    description: str | None = Field(None, max_length=200)
    region_code: str | None = Field(None, pattern=r"^\d{2,12}$",
                                    description="只推送该辖区（前缀）的记录；监督人员默认本人辖区")
    agency_id: uuid.UUID | None = Field(None, description="只推送该执法机关的记录")


class WebhookRead(BaseModel):
    id: str
    url: str
    event_types: list[str]
    description: str | None
    is_active: bool
    region_code: str | None = None
    agency_id: str | None = None


class WebhookEventNotPublic(errors.Problem):
    """External subscribers receive only public (redacted) events."""

    status, title = 422, "外部订阅只能接收公开事件"


class WebhookOutOfRegion(errors.Problem):
    """A supervisor registers subscriptions for their own region only."""

    status, title = 403, "只能订阅本辖区的公开事件"


ServiceCaller = Annotated[Principal, Depends(auth.require_roles("service"))]
EventCtx = Annotated[ServiceCtx[Any, Any], Depends(ctx_dependency(ServiceCaller))]
# external subscriptions are registered by a sysadmin, or a supervisor for their own region
WebhookAdmin = Annotated[Principal, Depends(auth.require_roles("sysadmin", "supervisor"))]
AdminCtx = Annotated[ServiceCtx[Any, Any], Depends(ctx_dependency(WebhookAdmin))]


def _read(h: Any) -> WebhookRead:
    return WebhookRead(id=str(h.id), url=h.url, event_types=h.event_types,
                       description=h.description, is_active=h.is_active,
                       region_code=h.region_code,
                       agency_id=str(h.agency_id) if h.agency_id else None)


def _hook_scope(principal: Principal, body: WebhookCreate) -> str | None:
    """The region the subscription is limited to: a supervisor's own region or inside it."""
    if principal.has("sysadmin"):
        return body.region_code
    own = principal.region_code or ""
    region = body.region_code or own
    if not own or not scope.in_region(region, own):
        raise WebhookOutOfRegion(f"辖区 {region or '（空）'} 不在本人辖区内")
    return region


def calendar_warnings(app: Any) -> list[str]:
    """Operator warnings about the calendar on the legal date `app.state.legal_today()` (the
    injectable clock, `common.calendar.today_legal` by default)."""
    warning = app.state.calendar.missing_year_warning(app.state.legal_today())
    return [warning] if warning else []


def platform_router(spec: Any) -> APIRouter:
    """Routes every service has: status, the event inbox endpoint, webhook subscriptions."""
    router = APIRouter(prefix=f"/api/v1/{spec.name}", tags=[spec.name],
                       route_class=CommittingRoute)
    models = spec.platform

    @router.get("/status", response_model=StatusRead,
                responses=errors.responses(errors.Unauthorized, errors.ServiceUnavailable),
                summary="服务状态；deep=true 时以调用者令牌逐一调用上游服务")
    async def read_status(principal: CurrentPrincipal, request: Request,
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
                     responses=errors.responses(errors.Unauthorized, errors.Forbidden),
                     summary="接收内部事件（服务间调用，幂等）")
        async def receive_event(event: EventEnvelope, ctx: EventCtx) -> EventAck:
            status = await accept_event(ctx.session, models.Inbox, event.model_dump(), handlers)
            return EventAck(status=status)

    if spec.public_events:
        _webhook_routes(router, spec)
    return router


def _webhook_routes(router: APIRouter, spec: Any) -> None:
    """External subscriptions: only for services with public events (`spec.public_events`),
    registered by a sysadmin or by a supervisor for their own region, listed within scope."""
    models, public = spec.platform, tuple(spec.public_events)

    @router.post("/webhooks", response_model=WebhookRead, status_code=201,
                 responses=errors.responses(errors.Unauthorized, errors.Forbidden,
                                            WebhookOutOfRegion, WebhookEventNotPublic,
                                            WebhookTargetRefused),
                 summary="登记外部 Webhook 订阅（仅公开事件，按辖区过滤，HMAC-SHA256 签名推送）")
    async def create_webhook(body: WebhookCreate, ctx: AdminCtx) -> WebhookRead:
        session, principal = ctx.session, ctx.principal
        if not_public := sorted(set(body.event_types) - set(public)):
            raise WebhookEventNotPublic(f"不可订阅的事件：{'、'.join(not_public)}",
                                        public_events=list(public))
        region = _hook_scope(principal, body)
        await ctx.outbox.egress.check(str(body.url))
        hook = models.Webhook(url=str(body.url), secret=body.secret,
                              event_types=body.event_types, description=body.description,
                              region_code=region, agency_id=body.agency_id,
                              created_by=principal.subject)
        session.add(hook)
        await session.flush()
        return _read(hook)

    @router.get("/webhooks", response_model=list[WebhookRead],
                responses=errors.responses(errors.Unauthorized, errors.Forbidden),
                summary="列出本人辖区内的 Webhook 订阅")
    async def list_webhooks(ctx: AdminCtx) -> list[WebhookRead]:
        w = models.Webhook
        rows = (await ctx.session.scalars(select(w).where(
            scope.scope_clause(ctx.principal, w.agency_id, w.region_code, agency_roles=()))
            .order_by(w.created_at).limit(500))).all()
        return [_read(h) for h in rows]


