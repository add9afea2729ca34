"""Prefix → upstream forwarding with streamed bodies, request ids, limits and error mapping."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Callable
from urllib.parse import quote, unquote_to_bytes

import httpx
from fastapi import Request
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.upstream import HttpUpstream
from kit import errors
from kit.auth import KeyRing
from kit.http import AsgiApps
from kit.settings import JwtSettings

BUFFER_LIMIT = 256 * 1024
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailers", "transfer-encoding", "upgrade", "host"}
# set by the gateway itself: whatever a client sends under these names is dropped
CLIENT_FORWARDING = {"x-forwarded-for", "forwarded", "x-real-ip"}
# methods whose request carries no body upstream
NO_BODY = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})
DROPPED_REQUEST = frozenset(name.encode() for name in
                            (*HOP_BY_HOP, *CLIENT_FORWARDING, "x-request-id"))


def upstream_for(path: str) -> str | None:
    if path.startswith("/api/v1/auth/") or path.startswith("/.well-known/"):
        return "personnel"
    parts = path.split("/")
    if len(parts) > 3 and parts[1] == "api" and parts[2] == "v1":
        return parts[3]
    return None


# RFC 3986 path characters: unreserved, sub-delims, ":", "@", "/" and %XX escapes
_PATH_CHARS = re.compile(rb"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")
_QUERY_CHARS = re.compile(rb"[\x21-\x7e]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidPath(errors.BadRequest):
    """A request path no route can have: characters outside RFC 3986, escapes that do not
    decode to UTF-8, or control characters once decoded."""

    title = "请求路径无效"


def raw_target(request: Request) -> bytes:
    """The path (and query) exactly as the client sent it, checked, for the upstream: httpx
    gets bytes, never a decoded path it would have to re-encode (and may refuse)."""
    raw = request.scope.get("raw_path") or quote(request.scope["path"]).encode()
    if not _PATH_CHARS.fullmatch(raw):
        raise InvalidPath("路径含有不允许的字符")
    try:
        decoded = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidPath("路径的百分号编码不是有效的 UTF-8") from exc
    if _CONTROL.search(decoded):
        raise InvalidPath("路径含有控制字符")
    query = request.scope.get("query_string") or b""
    if not _QUERY_CHARS.fullmatch(query):
        raise InvalidPath("查询字符串含有不允许的字符")
    return raw + (b"?" + query if query else b"")


class BodyTooLarge(Exception):
    pass


class _LimitedBody:
    """Streams the request body upstream and stops once it passes the limit; `exceeded` tells
    afterwards, whichever way the transport surfaced the abort."""

    def __init__(self, request: Request, limit: int) -> None:
        self.request, self.limit, self.exceeded = request, limit, False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self.request.stream():
            seen += len(chunk)
            if seen > self.limit:
                self.exceeded = True
                raise BodyTooLarge()
            yield chunk


def token_verifier(asgi_apps: AsgiApps | None) -> Callable[[str], str | None]:
    """`token -> subject` (None when the token does not verify). The one-process gateway uses
    the personnel app's key ring; a separate gateway loads the public keys from `JWT_*` (no keys
    configured: every request is keyed by its address)."""
    personnel = (asgi_apps or {}).get("personnel")
    if personnel is not None and hasattr(personnel.state, "keyring"):
        ring, jwt = personnel.state.keyring, personnel.state.settings.jwt
    else:
        jwt = JwtSettings()
        try:
            ring = (KeyRing.from_settings(jwt.model_copy(update={"generate_keys": False}))
                    if jwt.keys_dir or jwt.signing_key_pem else None)
        except (OSError, ValueError):
            ring = None
    if ring is not None and not ring.jwks()["keys"]:
        ring = None

    def verify(token: str) -> str | None:
        if ring is None:
            return None
        try:
            return str(ring.verify(token, jwt)["sub"])
        except errors.Problem:
            return None

    return verify


def client_key(request: Request, address: str, verify: Callable[[str], str | None]) -> str:
    """Rate-limit bucket: the subject of a token that verifies, else the client's address (a
    made-up `Authorization` header is no new bucket)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        subject = verify(token.strip())
        if subject is not None:
            return "sub:" + subject
    return "ip:" + address


def forwarded_headers(request: Request, address: str | None, max_body: int,
                      body: bool) -> list[tuple[bytes, bytes]]:
    """The client's raw header list for the upstream: hop-by-hop and client forwarding headers
    dropped, the request id and `X-Forwarded-For` set by the gateway (overwritten, never
    appended); `Content-Length` only with a body. A declared body past the limit is a 413."""
    raw = request.scope["headers"]
    for key, value in raw:
        if key == b"content-length" and value.isdigit() and int(value) > max_body:
            raise errors.PayloadTooLarge(f"请求体超过上限 {max_body} 字节")
    out = [(k, v) for k, v in raw
           if k not in DROPPED_REQUEST and (body or k != b"content-length")]
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex
    out.append((b"x-request-id", rid.encode("latin-1")))
    if address:
        out.append((b"x-forwarded-for", address.encode("latin-1")))
    return out


async def forward(request: Request, service: str, client: httpx.AsyncClient,
                  max_body: int, limit_seconds: float, forwarded_for: str | None = None,
                  upstream: HttpUpstream | None = None) -> Response:
    """`upstream`: the pooled aiohttp hop for an `http://` upstream (split mode); without it
    the request goes through `client` (httpx)."""
    target = raw_target(request)
    has_body = request.method not in NO_BODY
    address = forwarded_for or (request.client.host if request.client else None)
    headers = [(k.decode("latin-1"), v.decode("latin-1"))
               for k, v in forwarded_headers(request, address, max_body, has_body)]
    body = _LimitedBody(request, max_body)
    too_large = errors.PayloadTooLarge(f"请求体超过上限 {max_body} 字节")
    if upstream is not None:
        return await upstream.send(request.method, target, headers,
                                   body if has_body else None, limit_seconds, service,
                                   too_large, BUFFER_LIMIT)
    url = client.base_url.copy_with(raw_path=client.base_url.raw_path.rstrip(b"/") + target)
    upstream_request = client.build_request(request.method, url, headers=headers,
                                            content=body.__aiter__() if has_body else None)
    try:
        # wait_for: the in-process ASGI transport does not enforce httpx timeouts
        resp = await asyncio.wait_for(client.send(upstream_request, stream=True), limit_seconds)
    except BodyTooLarge as exc:
        raise too_large from exc
    except (httpx.TimeoutException, TimeoutError) as exc:
        raise errors.GatewayTimeout(f"{service} 服务响应超时", upstream=service) from exc
    except httpx.TransportError as exc:
        if body.exceeded:
            raise too_large from exc
        raise errors.ServiceUnavailable(f"{service} 服务不可用", upstream=service) from exc
    if body.exceeded:
        await resp.aclose()
        raise too_large
    out_headers = {k: v for k, v in resp.headers.multi_items() if k.lower() not in HOP_BY_HOP}
    size = resp.headers.get("content-length", "")
    if size.isdigit() and int(size) <= BUFFER_LIMIT:
        # small bodies go back in one write: cheaper than chunked streaming
        try:
            content = await resp.aread()
        finally:
            await resp.aclose()
        return Response(content, status_code=resp.status_code, headers=out_headers)
    return StreamingResponse(resp.aiter_raw(), status_code=resp.status_code,
                             headers=out_headers, background=BackgroundTask(resp.aclose))
