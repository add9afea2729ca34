"""The one-process upstream hop: the service's ASGI app called directly, without an HTTP client.

httpx's in-process `ASGITransport` builds and parses a full client request and response per
hop, and buffers the whole response body; here the service app gets an ASGI scope made from the
raw parts the gateway already has (the checked path and query, the header list) and is called in
the gateway's own task with the client's `receive` and `send`, wrapped: bodies stream both ways
with the server's own back-pressure and nothing is copied or queued. Outcomes match the httpx
hop: an app that fails before answering is a 500, no answer within the time limit a 504, a
request body past the limit a 413 (whatever the app said meanwhile is dropped)."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import Message, Receive, Send

from gateway.proxy import BodyTooLarge
from gateway.upstream import DROPPED_RESPONSE
from kit import errors


class AsgiUpstream:
    """The hop to one in-process service app (`asgi://<name>`)."""

    def __init__(self, app: Any, name: str) -> None:
        self.app, self.name = app, name

    async def aclose(self) -> None:
        """Nothing to close (the app's lifespan is the host's)."""

    def _scope(self, method: str, target: bytes, headers: list[tuple[bytes, bytes]]) -> Message:
        raw_path, _, query = target.partition(b"?")
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": method, "scheme": "http",
                "path": unquote_to_bytes(raw_path).decode("utf-8"), "raw_path": raw_path,
                "query_string": query, "root_path": "", "server": (self.name, None),
                "client": ("127.0.0.1", 123), "headers": headers}

    async def pass_through(self, method: str, target: bytes, headers: list[tuple[bytes, bytes]],
                           receive: Receive, send: Send, *, has_body: bool, max_body: int,
                           limit_seconds: float, service: str) -> None:
        """Run the service app for one request. Raises a `Problem` only before anything was sent
        to the client (the caller answers it); afterwards the service's answer stands."""
        seen, exceeded, started, body_done = 0, False, False, not has_body
        given_empty = False
        deadline: asyncio.Timeout | None = None

        async def app_receive() -> Message:
            nonlocal seen, exceeded, body_done, given_empty
            if body_done:
                if not has_body and not given_empty:
                    given_empty = True
                    return {"type": "http.request", "body": b"", "more_body": False}
                return await receive()  # after the body: waits for the client to go away
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    exceeded = True
                    raise BodyTooLarge()
                body_done = not message.get("more_body", False)
            return message

        async def app_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the gateway answers 413 instead
            if message["type"] == "http.response.start":
                started = True
                if deadline is not None:
                    deadline.reschedule(None)  # the limit is for the answer to begin
                message = {**message, "headers": [
                    (k, v) for k, v in message.get("headers", []) if k not in DROPPED_RESPONSE]}
            elif method == "HEAD" and message.get("body"):
                message = {**message, "body": b""}
            await send(message)

        too_large = errors.PayloadTooLarge(f"请求体超过上限 {max_body} 字节")
        try:
            async with asyncio.timeout(limit_seconds) as deadline:
                await self.app(self._scope(method, target, headers), app_receive, app_send)
        except TimeoutError as exc:
            if exceeded:
                raise too_large from exc
            if not started:
                raise errors.GatewayTimeout(f"{service} 服务响应超时", upstream=service) from exc
            return
        except Exception as exc:  # like httpx's raise_app_exceptions=False
            if exceeded:
                raise too_large from exc
            if not started:
                raise errors.InternalError(f"{service} 服务发生错误", upstream=service) from exc
            return  # the service already answered (its own 500) and logged it
        if exceeded:
            raise too_large
        if not started:
            raise errors.InternalError(f"{service} 服务未作应答", upstream=service)
