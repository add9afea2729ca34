"""`/metrics` on its own bind address (`ZHIFA_METRICS_BIND=127.0.0.1:9464`, issue 10 point 17).

With the setting, `zhifa serve` (and `python -m services.<name>`) opens a second listener on that
address which answers `/metrics` and nothing else, and the public listener answers `/metrics`
with 404: a scraper on the private network reaches the metrics, the internet does not. On the
metrics listener no token is needed unless `ZHIFA_METRICS_TOKEN` is set (then it is required
there too) or `ZHIFA_METRICS_PROTECTED=true`. Both listeners run in one event loop and share the
app, so the metrics are the ones the app counts; the app's lifespan runs once (main listener)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

# set in the ASGI scope's extensions by the metrics listener
LISTENER = "zhifa.metrics_listener"


def parse_bind(value: str | None) -> tuple[str, int] | None:
    """`host:port` or `[v6]:port`; empty or unset: no separate listener."""
    if not value or not value.strip():
        return None
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536 or not host:
        raise ValueError(f"ZHIFA_METRICS_BIND 应为 host:port，收到 {value!r}")
    return host.strip("[]"), int(port)


def via_listener(scope: Scope) -> bool:
    return LISTENER in (scope.get("extensions") or {})


class MetricsListener:
    """The ASGI app of the metrics listener: `/metrics` of `app`, 404 for anything else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") == "/metrics":
            extensions = {**(scope.get("extensions") or {}), LISTENER: {}}
            await self.app({**scope, "extensions": extensions}, receive, send)
            return
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": b"not found"})


class _QuietServer:
    """A uvicorn server that leaves signal handling to the main one."""

    @staticmethod
    def make(config: Any) -> Any:
        import uvicorn

        class Server(uvicorn.Server):
            @contextlib.contextmanager
            def capture_signals(self) -> Iterator[None]:
                yield

        return Server(config)


async def serve_async(app: ASGIApp, host: str, port: int, metrics_bind: tuple[str, int] | None,
                      stop: asyncio.Event | None = None) -> None:
    """Serve until a signal (or `stop`, for tests) ends the main listener; the metrics listener
    ends with it."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False)
    main = uvicorn.Server(config) if stop is None else _QuietServer.make(config)
    if stop is not None:
        async def watch() -> None:
            await stop.wait()
            main.should_exit = True

        watcher = asyncio.create_task(watch())  # noqa: F841  (kept referenced until the end)
    if metrics_bind is None:
        await main.serve()
        return
    side = _QuietServer.make(uvicorn.Config(
        MetricsListener(app), host=metrics_bind[0], port=metrics_bind[1], lifespan="off",
        log_config=None, access_log=False))
    side_task = asyncio.create_task(side.serve())
    try:
        await main.serve()
    finally:
        side.should_exit = True
        await side_task


def serve(app: ASGIApp, host: str, port: int, metrics_bind: str | None) -> None:
    """Run `app` on host:port and, with `metrics_bind`, the metrics listener beside it."""
    asyncio.run(serve_async(app, host, port, parse_bind(metrics_bind)))
