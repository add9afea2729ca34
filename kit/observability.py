"""Request ids, JSON access logs and Prometheus metrics, as one pure ASGI middleware.

Access logs carry the route template (`/api/v1/review/complaints/status/{code}`), never the raw
path or query (tracking codes, search terms). `/metrics` is protected by `metrics_authorized`:
with `ZHIFA_METRICS_TOKEN` set it needs `Authorization: Bearer <token>`; protection is on by
default outside `ZHIFA_ENV=dev` (no token configured → always refused) and can be set
explicitly with `ZHIFA_METRICS_PROTECTED=true|false`. With `ZHIFA_METRICS_BIND` the metrics move
to their own listener (kit.metrics_listener) and the public one answers 404."""

from __future__ import annotations

import hmac
import json
import logging
import sys
import time
import uuid
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("zhifa.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z",
            "level": record.levelname.lower(), "logger": record.name, "msg": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def metrics_hidden(settings: Any, scope: Scope) -> bool:
    """With a separate metrics bind address, `/metrics` exists only on that listener."""
    from kit.metrics_listener import via_listener

    return bool(getattr(settings, "metrics_bind", None)) and not via_listener(scope)


def metrics_authorized(settings: Any, authorization: str | None,
                       scope: Scope | None = None) -> bool:
    """Whether a `/metrics` request with this Authorization header may read the metrics. On the
    separate metrics listener the bind address is the protection (a token only if one is set)."""
    from kit.metrics_listener import via_listener

    token = getattr(settings, "metrics_token", None)
    protected = getattr(settings, "metrics_protected", None)
    if protected is None:
        private = scope is not None and via_listener(scope)
        protected = bool(token) or (not private
                                    and getattr(settings, "environment", "dev") != "dev")
    if not protected:
        return True
    scheme, _, given = (authorization or "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), str(token).encode())


class Metrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("http_requests_total", "HTTP requests",
                                ["service", "method", "route", "status"], registry=self.registry)
        self.latency = Histogram("http_request_duration_seconds", "HTTP request latency",
                                 ["service", "method", "route"], registry=self.registry,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
        self.service = service

    def render(self) -> bytes:
        return generate_latest(self.registry)


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        rid = headers.get(b"x-request-id", b"").decode("latin-1")[:100] or uuid.uuid4().hex
        scope["headers"] = [(k, v) for k, v in scope.get("headers", [])
                            if k != b"x-request-id"] + [(b"x-request-id", rid.encode())]
        start, status = time.perf_counter(), 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-request-id"]
                message["headers"] = [*headers, (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            m = self.metrics
            m.requests.labels(m.service, scope["method"], route, str(status)).inc()
            m.latency.labels(m.service, scope["method"], route).observe(elapsed)
            principal = (scope.get("state") or {}).get("principal")
            access_log.info("request", extra={"fields": {
                "service": m.service, "request_id": rid, "method": scope["method"],
                "route": route, "status": status,
                "duration_ms": round(elapsed * 1000, 2),
                "user": getattr(principal, "subject", None)}})
