"""create_app(settings, asgi_apps): the gateway in front of the four services."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from common.process import freeze_startup_heap, install_solver, native_telemetry
from gateway import problems
from gateway.config import SERVICES, GatewaySettings, gateway_spec
from gateway.fastpath import ProxyFastPath
from gateway.inprocess import AsgiUpstream
from gateway.proxy import token_verifier
from gateway.upstream import HttpUpstream
from kit import docs, errors, limits
from kit.http import AsgiApps, make_client
from kit.observability import (
    Metrics,
    ObservabilityMiddleware,
    metrics_authorized,
    metrics_hidden,
)

Lifespan = Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]


def create_app(settings: GatewaySettings | None = None, asgi_apps: AsgiApps | None = None,
               inner: Lifespan | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if inner is not None:
                await stack.enter_async_context(inner(app))
            app.state.upstreams = {
                name: make_client(url, asgi_apps, settings.timeout_seconds)
                for name, url in settings.upstreams().items()}
            for client in app.state.upstreams.values():
                stack.push_async_callback(client.aclose)
            # split mode: the proxied hop goes over pooled aiohttp (gateway.upstream)
            app.state.http_upstreams = {
                name: HttpUpstream(url) for name, url in settings.upstreams().items()
                if url.startswith(("http://", "https://")) and settings.aiohttp_upstreams}
            if settings.direct_asgi_upstreams:  # one process: the service app called directly
                for name, url in settings.upstreams().items():
                    target = url.removeprefix("asgi://").strip("/")
                    if url.startswith("asgi://") and asgi_apps and target in asgi_apps:
                        app.state.http_upstreams[name] = AsgiUpstream(asgi_apps[target], target)
            for upstream in app.state.http_upstreams.values():
                stack.push_async_callback(upstream.aclose)
            app.state.limits = limits.make_limits(settings.redis_url, settings.redis_prefix)
            stack.push_async_callback(app.state.limits.aclose)
            app.state.verify_token = token_verifier(asgi_apps)
            freeze_startup_heap()
            yield

    app = FastAPI(title="zhifa gateway", version="0.1.0", lifespan=lifespan,
                  openapi_url=None, docs_url=None, redoc_url=None, telemetry=native_telemetry())
    metrics = Metrics("gateway")
    errors.install_handlers(app)
    app.add_middleware(ProxyFastPath, settings=settings)
    app.add_middleware(ObservabilityMiddleware, metrics=metrics)  # outermost: sees both
    docs.install_docs(app, "/openapi.json", "zhifa")
    app.include_router(problems.router)
    install_solver()  # dependency facts computed once per dependant (kit.solver)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> Response:
        async def probe(client: httpx.AsyncClient) -> str:
            try:
                resp = await client.get("/readyz", timeout=5)
                return "ok" if resp.status_code == 200 else f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                return type(exc).__name__
        names = list(request.app.state.upstreams)
        results = await asyncio.gather(*(probe(request.app.state.upstreams[n]) for n in names))
        checks = dict(zip(names, results, strict=True))
        ok = all(v == "ok" for v in checks.values())
        return JSONResponse({"status": "ready" if ok else "degraded", "upstreams": checks},
                            status_code=200 if ok else 503)

    @app.get("/metrics", include_in_schema=False)
    async def read_metrics(request: Request) -> Response:
        if metrics_hidden(settings, request.scope):
            return errors.problem_response(errors.NotFound("监控指标不在此地址提供"))
        if not metrics_authorized(settings, request.headers.get("authorization"),
                                  request.scope):
            return errors.problem_response(errors.Unauthorized("读取监控指标须提供指标令牌"))
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")

    @app.get("/openapi.json", include_in_schema=False)
    async def merged_openapi(request: Request) -> JSONResponse:
        specs: dict[str, Any] = {}
        for name in SERVICES:
            resp = await request.app.state.upstreams[name].get(f"/api/v1/{name}/openapi.json")
            if resp.status_code != 200:
                raise errors.ServiceUnavailable(f"{name} 服务的接口文档不可用")
            specs[name] = resp.json()
        return JSONResponse(gateway_spec(specs))

    # a known service prefix is proxied by `ProxyFastPath` before this router; what reaches
    # this catch-all names no service
    @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                                            "OPTIONS", "TRACE"], include_in_schema=False)
    async def proxy(path: str) -> Response:
        raise errors.NotFound("没有与该路径对应的服务")

    return app
