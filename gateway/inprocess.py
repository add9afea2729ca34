"""The one-process upstream hop: the service's ASGI app called directly, without an HTTP client.

httpx's in-process `ASGITransport` builds and parses a full client request and response per
hop, and buffers the whole response body; the gateway forwards only raw parts it already has
(the checked path and query, the header list), so here the service app gets an ASGI scope made
from them and its messages come back through a small queue. Bodies are streamed both ways: a
small response (a `content-length` within the buffer limit) is returned in one piece, a large one
streamed as the service sends it (the bounded queue holds the service back while the client
reads). Outcomes match the httpx hop: an app that fails before answering is a 500, a timeout
before the answer a 504, a request body past the limit a 413."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.upstream import DROPPED_RESPONSE
from kit import errors

Message = dict[str, Any]


class AsgiUpstream:
    """The hop to one in-process service app (`asgi://<name>`), same `send` as `HttpUpstream`."""

    def __init__(self, app: Any, name: str) -> None:
        self.app, self.name = app, name

    async def aclose(self) -> None:
        """Nothing to close (the app's lifespan is the host's)."""

    def _scope(self, method: str, target: bytes, headers: list[tuple[str, str]]) -> Message:
        raw_path, _, query = target.partition(b"?")
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": method, "scheme": "http",
                "path": unquote_to_bytes(raw_path).decode("utf-8"), "raw_path": raw_path,
                "query_string": query, "root_path": "", "server": (self.name, None),
                "client": ("127.0.0.1", 123),
                "headers": [(k.lower().encode("latin-1"), v.encode("latin-1"))
                            for k, v in headers]}

    async def send(self, method: str, target: bytes, headers: list[tuple[str, str]],
                   body: Any, limit_seconds: float, service: str, too_large: errors.Problem,
                   buffer_limit: int) -> Response:
        """`body`: the gateway's size-limited request stream (`proxy._LimitedBody`) or None."""
        chunks = body.__aiter__() if body is not None else None
        complete, done = False, asyncio.Event()
        queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=8)

        async def receive() -> Message:
            nonlocal complete
            if complete:
                await done.wait()  # the answer was read: only now is the "client" gone
                return {"type": "http.disconnect"}
            try:
                if chunks is None:
                    raise StopAsyncIteration
                return {"type": "http.request", "body": await chunks.__anext__(),
                        "more_body": True}
            except StopAsyncIteration:
                complete = True
                return {"type": "http.request", "body": b"", "more_body": False}

        async def app_send(message: Message) -> None:
            await queue.put(message)

        async def run() -> None:
            try:
                await self.app(self._scope(method, target, headers), receive, app_send)
            except Exception:  # like httpx's raise_app_exceptions=False
                if body is not None and body.exceeded:
                    return
                await queue.put({"type": "failed"})

        task = asyncio.create_task(run())

        async def next_message() -> Message:
            getter = asyncio.ensure_future(queue.get())
            await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await getter
                if queue.empty():  # the app returned without answering
                    return {"type": "failed"}
                return queue.get_nowait()
            return getter.result()

        async def stop() -> None:
            done.set()
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        try:
            async with asyncio.timeout(limit_seconds):
                start = await next_message()
                if body is not None and body.exceeded:
                    raise too_large
                if start["type"] != "http.response.start":
                    await stop()
                    return Response(status_code=500)
                raw = [(k, v) for k, v in start.get("headers", [])
                       if k.lower() not in DROPPED_RESPONSE]
                size = dict(raw).get(b"content-length", b"")
                if size.isdigit() and int(size) <= buffer_limit:
                    parts = []
                    while True:
                        message = await next_message()
                        if message["type"] != "http.response.body":
                            break
                        parts.append(message.get("body", b""))
                        if not message.get("more_body", False):
                            break
                    await stop()
                    out = Response(status_code=start["status"])
                    out.body = b"" if method == "HEAD" else b"".join(parts)
                    out.raw_headers = raw
                    return out
        except TimeoutError as exc:
            await stop()
            raise errors.GatewayTimeout(f"{service} 服务响应超时", upstream=service) from exc
        except BaseException:
            await stop()
            raise

        async def stream() -> AsyncIterator[bytes]:
            try:
                while True:
                    message = await next_message()
                    if message["type"] != "http.response.body":
                        return
                    if data := message.get("body", b""):
                        yield data
                    if not message.get("more_body", False):
                        return
            finally:  # also when the client went away mid-stream
                done.set()
                task.cancel()

        streamed = StreamingResponse(stream(), status_code=start["status"],
                                     background=BackgroundTask(stop))
        streamed.raw_headers = raw
        return streamed
