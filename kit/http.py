"""Service clients: base URL `http://...` or in-process `asgi://<service>`, explicit timeouts,
header forwarding and upstream error mapping."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import Request

from kit import errors

AsgiApps = dict[str, Any]


def make_client(base_url: str, asgi_apps: AsgiApps | None, timeout: float) -> httpx.AsyncClient:
    """One pooled client per upstream; `asgi://name` resolves to an in-process app."""
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
    if base_url.startswith("asgi://"):
        name = base_url.removeprefix("asgi://").strip("/")
        if asgi_apps is None or name not in asgi_apps:
            raise RuntimeError(f"in-process app {name!r} is not registered")
        transport = httpx.ASGITransport(app=asgi_apps[name], raise_app_exceptions=False)
        return httpx.AsyncClient(transport=transport, base_url=f"http://{name}",
                                 timeout=timeout, limits=limits)
    return httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout, limits=limits)


def forward_headers(request: Request) -> dict[str, str]:
    """The caller's Authorization and request id, to pass on explicitly."""
    out = {"X-Request-ID": request.headers.get("x-request-id") or uuid.uuid4().hex}
    if auth := request.headers.get("authorization"):
        out["Authorization"] = auth
    return out


class UpstreamProblem(errors.Problem):
    """A 4xx answered by another service, passed on with its status and text."""

    status, title = 422, "下游服务拒绝了请求"

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body.get("detail") or body.get("title") or self.title),
                         upstream_type=body.get("type"),
                         **{k: v for k, v in body.items() if k in ("errors", "reasons")})
        self.status = status  # type: ignore[misc]


class ServiceClient:
    """Typed clients in `clients.py` wrap this; it owns no domain knowledge."""

    def __init__(self, name: str, client: httpx.AsyncClient, timeout: float = 10.0) -> None:
        self.name, self.http, self.timeout = name, client, timeout

    async def call(self, method: str, path: str, *, headers: dict[str, str],
                   unknown: str | None = None, **kwargs: Any) -> httpx.Response:
        """Send; map timeouts/5xx to 503, a 404 to 422 "references unknown <unknown>" when
        `unknown` is given, and other 4xx to the same status with the callee's detail."""
        try:
            # wait_for: the in-process ASGI transport does not enforce httpx timeouts
            resp = await asyncio.wait_for(
                self.http.request(method, path, headers=headers, **kwargs), self.timeout)
        except (httpx.TimeoutException, TimeoutError) as exc:
            raise errors.ServiceUnavailable(f"{self.name} 服务响应超时",
                                            upstream=self.name) from exc
        except httpx.TransportError as exc:
            raise errors.ServiceUnavailable(f"{self.name} 服务不可用",
                                            upstream=self.name) from exc
        if resp.status_code >= 500:
            raise errors.ServiceUnavailable(f"{self.name} 服务暂时不可用", upstream=self.name)
        if resp.status_code == 404 and unknown:
            raise errors.UnprocessableEntity(f"引用了不存在的{unknown}", upstream=self.name)
        if resp.status_code >= 400:
            try:
                body = resp.json()
            except ValueError:
                body = {"detail": resp.text[:200]}
            raise UpstreamProblem(resp.status_code, body if isinstance(body, dict) else {})
        return resp


class TtlCache:
    """Upstream answers kept for a while: `get` says whether the copy is still fresh and returns
    it either way (a stale copy can stand in while the upstream is down). Bounded: past
    `size` entries it starts over."""

    def __init__(self, size: int = 1000, clock: Callable[[], float] = time.monotonic) -> None:
        self.entries: dict[str, tuple[float, Any]] = {}
        self.size, self.clock = size, clock

    def get(self, key: str, ttl: float) -> tuple[bool, Any]:
        hit = self.entries.get(key)
        if hit is None:
            return False, None
        return self.clock() - hit[0] < ttl, hit[1]

    def put(self, key: str, value: Any) -> None:
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[key] = (self.clock(), value)
