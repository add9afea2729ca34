"""The split-mode upstream hop (gateway.upstream, pooled aiohttp) against a real uvicorn server
on loopback: the same guarantees as the in-process hop in test_proxy.py."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from fastapi import Response

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.gateway.test_proxy import _stub

BIG = 300 * 1024  # above the gateway's one-write buffer limit: streamed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def gateway() -> AsyncIterator[httpx.AsyncClient]:
    upstream = _stub()

    @upstream.get("/api/v1/cases/big")
    async def big() -> Response:
        resp = Response(b"b" * BIG, media_type="application/octet-stream")
        resp.set_cookie("a", "1")
        resp.set_cookie("b", "2")
        return resp

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            upstream, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn exposes a flag, not an event)
        await asyncio.sleep(0.01)
    url = f"http://127.0.0.1:{port}"
    settings = GatewaySettings(
        upstream_cases=url,
        upstream_review="http://127.0.0.1:9",
        upstream_personnel=url,
        upstream_publicity=url,
        timeout_seconds=0.5,
        max_body_bytes=1000,
        rate_limit_per_minute=6000,
        rate_limit_burst=100,
    )
    app = create_app(settings)
    try:
        async with app.router.lifespan_context(app):
            assert set(app.state.http_upstreams) == {"cases", "review", "personnel", "publicity"}
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
                yield client
    finally:
        upstream.state.release.set()  # the slow call still held by the server ends
        server.should_exit = True
        await task


async def test_raw_path_query_and_headers_are_forwarded(gateway):
    resp = await gateway.get(
        "/api/v1/cases/echo?a=1&b=%E4%B8%AD",
        headers={"Authorization": "Bearer t", "X-Request-ID": "h-1"},
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["path"] == "/api/v1/cases/echo" and body["query"] == "a=1&b=%E4%B8%AD"
    assert body["auth"] == "Bearer t" and body["request_id"] == "h-1"
    assert resp.headers["x-upstream"] == "cases"
    assert resp.headers.get_list("x-request-id") == ["h-1"]
    # the upstream server's own date/server headers are not passed on (the edge writes its own)
    assert "server" not in resp.headers and "date" not in resp.headers


async def test_client_forwarded_for_is_overwritten_not_appended(gateway):
    resp = await gateway.get(
        "/api/v1/cases/echo",
        headers={"X-Forwarded-For": "6.6.6.6", "Forwarded": "for=6.6.6.6", "X-Real-IP": "6.6.6.6"},
    )
    assert resp.json()["forwarded_for"] == ["127.0.0.1"]


async def test_chunked_and_large_responses_arrive_whole_with_repeated_headers(gateway):
    chunked = await gateway.get("/api/v1/cases/stream", headers={"X-Request-ID": "s-1"})
    assert chunked.text == "".join(f"{i}," for i in range(100))
    assert chunked.headers.get_list("x-request-id") == ["s-1"]
    big = await gateway.get("/api/v1/cases/big")
    assert big.status_code == 200 and big.content == b"b" * BIG
    assert len(big.headers.get_list("set-cookie")) == 2


async def test_bodies_over_the_limit_are_413_declared_or_streamed(gateway):
    declared = await gateway.post("/api/v1/cases/echo", content=b"x" * 2000)
    assert declared.status_code == 413
    assert declared.json()["type"].endswith("/payload-too-large")

    async def body() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b"y" * 100

    streamed = await gateway.post("/api/v1/cases/echo", content=body())
    assert streamed.status_code == 413
    assert streamed.json()["type"].endswith("/payload-too-large")
    under = await gateway.post("/api/v1/cases/echo", content=b"z" * 900)
    assert under.json()["size"] == 900


async def test_timeout_is_504_and_down_upstream_is_503(gateway):
    slow = await gateway.get("/api/v1/cases/slow")
    assert slow.status_code == 504 and slow.json()["type"].endswith("/gateway-timeout")
    down = await gateway.get("/api/v1/review/anything")
    assert down.status_code == 503 and down.json()["type"].endswith("/service-unavailable")
