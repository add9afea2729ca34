"""The proxied request path as one pure ASGI layer, ahead of FastAPI's routing.

Every request under a known service prefix (`/api/v1/<service>/…`, `/api/v1/auth/…`,
`/.well-known/…`) is answered here: rate limit, path check, header rewrite, then the upstream.
FastAPI's router, its dependency solving and its `Request`/`Response` objects cost more per
request than the whole in-process hop (profile in `bench/gateway_overhead.py`'s docstring), and a
catch-all route needs none of them. The gateway's own routes (`/healthz`, `/readyz`, `/metrics`,
`/openapi.json`, `/docs`, `/problems`) and an unknown prefix (404) still go through FastAPI.

In one process the service app is called in the same task with the client's `receive` and `send`
(`AsgiUpstream.pass_through`); an `http://` upstream goes through `proxy.forward`."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.inprocess import AsgiUpstream
from gateway.proxy import (
    NO_BODY,
    client_key,
    forward,
    forwarded_headers,
    raw_target,
    upstream_for,
)
from kit import errors, limits

# the metrics and the access log name the route; proxied requests keep the catch-all's template
PROXY_ROUTE = SimpleNamespace(path="/{path:path}")


class ProxyFastPath:
    def __init__(self, app: ASGIApp, settings: Any) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        service = upstream_for(scope["path"])
        if service is None or service not in state.upstreams:
            await self.app(scope, receive, send)  # the gateway's own routes, or a 404
            return
        scope["route"] = PROXY_ROUTE
        request = Request(scope, receive)
        try:
            response = await self._proxy(request, service, state, send)
        except errors.Problem as exc:
            response = errors.problem_response(exc, scope["path"])
        if response is not None:
            await response(scope, receive, send)

    async def _proxy(self, request: Request, service: str, state: Any, send: Send) -> Any:
        settings = self.settings
        address = limits.client_address(request, settings.trusted_proxies)
        decision = await state.limits.take(
            "gw:" + client_key(request, address, state.verify_token),
            settings.rate_limit_per_minute / 60.0, settings.rate_limit_burst)
        if not decision.allowed:
            raise errors.TooManyRequests(retry_after=max(1, int(decision.wait + 0.999)))
        upstream = state.http_upstreams.get(service)
        if isinstance(upstream, AsgiUpstream):
            method = request.method
            has_body = method not in NO_BODY
            headers = forwarded_headers(request, address, settings.max_body_bytes, has_body)
            await upstream.pass_through(method, raw_target(request), headers, request.receive,
                                        send, has_body=has_body,
                                        max_body=settings.max_body_bytes,
                                        limit_seconds=settings.timeout_seconds, service=service)
            return None
        return await forward(request, service, state.upstreams[service],
                             settings.max_body_bytes, settings.timeout_seconds,
                             forwarded_for=address, upstream=upstream)
