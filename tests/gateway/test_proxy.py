"""The gateway against tiny stub upstreams: forwarding, limits, error mapping, ops endpoints."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.inprocess import AsgiUpstream


def _stub() -> FastAPI:
    app = FastAPI()

    @app.api_route("/api/v1/cases/echo", methods=["GET", "POST"])
    async def echo(request: Request) -> JSONResponse:
        body = await request.body()
        return JSONResponse({"path": request.url.path, "query": request.url.query,
                             "size": len(body), "request_id": request.headers.get("x-request-id"),
                             "auth": request.headers.get("authorization"),
                             "forwarded_for": request.headers.getlist("x-forwarded-for")},
                            headers={"X-Upstream": "cases"})

    # the slow call answers only once released (a test's teardown), so the gateway's timeout
    # must end it first; a real server can then finish its request and shut down
    app.state.release = asyncio.Event()

    @app.get("/api/v1/cases/slow")
    async def slow(request: Request) -> JSONResponse:
        await request.app.state.release.wait()
        return JSONResponse({})

    @app.get("/api/v1/cases/stream")
    async def stream(request: Request) -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for i in range(100):
                yield f"{i},".encode()
        # like a kit service, the upstream answers with the request id it was given
        return StreamingResponse(chunks(), media_type="text/csv", headers={
            "x-request-id": request.headers.get("x-request-id", "")})

    @app.get("/api/v1/cases/boom")
    async def boom() -> JSONResponse:
        raise RuntimeError("the upstream fails before answering")

    @app.get("/api/v1/cases/bytes")
    async def many_bytes() -> Response:  # past the gateway's buffer limit: streamed back
        return Response(bytes(range(256)) * 2400, media_type="application/octet-stream")

    @app.get("/readyz")
    async def ready() -> JSONResponse:
        return JSONResponse({"status": "ready"})

    return app


# the one-process hop: the service app called directly (gateway.inprocess), and httpx's
# ASGITransport (`GATEWAY_DIRECT_ASGI_UPSTREAMS=false`) — the same outcomes either way
@pytest.fixture(params=[True, False], ids=["direct", "httpx"])
async def gateway(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(upstream_cases="asgi://cases", upstream_review="http://127.0.0.1:9",
                               upstream_personnel="asgi://cases", upstream_publicity="asgi://cases",
                               timeout_seconds=0.3, max_body_bytes=1000,
                               rate_limit_per_minute=60, rate_limit_burst=5,
                               direct_asgi_upstreams=request.param)
    app = create_app(settings, {"cases": _stub()})
    async with app.router.lifespan_context(app):
        hop = app.state.http_upstreams.get("cases")
        assert isinstance(hop, AsgiUpstream) is request.param
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
            yield client


class TestForwarding:
    async def test_path_query_and_auth_are_forwarded_unchanged(self, gateway):
        resp = await gateway.get("/api/v1/cases/echo?a=1&b=%E4%B8%AD",
                                 headers={"Authorization": "Bearer t"})
        assert resp.status_code == 200
        body = resp.json()
        assert body["path"] == "/api/v1/cases/echo" and body["query"] == "a=1&b=%E4%B8%AD"
        assert body["auth"] == "Bearer t" and resp.headers["x-upstream"] == "cases"

    async def test_request_id_is_created_and_propagated(self, gateway):
        resp = await gateway.get("/api/v1/cases/echo")
        rid = resp.headers["x-request-id"]
        assert rid and resp.json()["request_id"] == rid
        given = await gateway.get("/api/v1/cases/echo", headers={"X-Request-ID": "abc-123"})
        assert given.json()["request_id"] == "abc-123"
        assert given.headers.get_list("x-request-id") == ["abc-123"]

    async def test_streamed_response_arrives_whole(self, gateway):
        resp = await gateway.get("/api/v1/cases/stream", headers={"X-Request-ID": "s-1"})
        assert resp.headers.get_list("x-request-id") == ["s-1"]
        assert resp.text == "".join(f"{i}," for i in range(100))

    async def test_a_large_body_streams_back_whole(self, gateway):
        resp = await gateway.get("/api/v1/cases/bytes")
        assert resp.status_code == 200
        assert resp.content == bytes(range(256)) * 2400
        assert resp.headers["content-length"] == str(256 * 2400)

    async def test_head_answers_headers_without_a_body(self, gateway):
        resp = await gateway.head("/api/v1/cases/echo")
        assert resp.status_code in (200, 405) and resp.content == b""

    async def test_unknown_prefix_is_404_problem(self, gateway):
        resp = await gateway.get("/api/v1/nothing/here")
        assert resp.status_code == 404
        assert resp.headers["content-type"].startswith("application/problem+json")


class TestLimits:
    async def test_declared_body_over_limit_is_413(self, gateway):
        resp = await gateway.post("/api/v1/cases/echo", content=b"x" * 2000)
        assert resp.status_code == 413
        assert resp.json()["type"].endswith("/payload-too-large")

    async def test_streamed_body_over_limit_is_413(self, gateway):
        async def body() -> AsyncIterator[bytes]:
            for _ in range(20):
                yield b"y" * 100
        resp = await gateway.post("/api/v1/cases/echo", content=body())
        assert resp.status_code == 413

    async def test_body_under_limit_passes(self, gateway):
        resp = await gateway.post("/api/v1/cases/echo", content=b"z" * 900)
        assert resp.json()["size"] == 900

    async def test_rate_limit_answers_429_with_retry_after(self, gateway):
        codes = [(await gateway.get("/api/v1/cases/echo", headers={"Authorization": "Bearer q"}))
                 for _ in range(7)]
        assert [r.status_code for r in codes[:5]] == [200] * 5
        assert codes[6].status_code == 429 and int(codes[6].headers["retry-after"]) >= 1


    async def test_random_authorization_headers_share_the_address_bucket(self, gateway):
        """Issue 10 point 9: a token that does not verify is no new bucket."""
        codes = [(await gateway.get("/api/v1/cases/echo",
                                    headers={"Authorization": f"Bearer random-{i}"})).status_code
                 for i in range(7)]
        assert codes == [200] * 5 + [429] * 2

    async def test_client_forwarded_for_is_overwritten_not_appended(self, gateway):
        resp = await gateway.get("/api/v1/cases/echo", headers={
            "X-Forwarded-For": "6.6.6.6", "Forwarded": "for=6.6.6.6", "X-Real-IP": "6.6.6.6"})
        assert resp.json()["forwarded_for"] == ["127.0.0.1"]  # the gateway's own peer


class TestClientKey:
    def _request(self, headers: dict[str, str]):
        from starlette.requests import Request

        return Request({"type": "http", "method": "GET", "path": "/", "client": ("1.2.3.4", 1),
                        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]})

    def test_verified_token_keys_by_subject_and_anything_else_by_address(self):
        from gateway.proxy import client_key

        def verify(token: str) -> str | None:
            return "u-1" if token == "good" else None

        assert client_key(self._request({"Authorization": "Bearer good"}), "1.2.3.4",
                          verify) == "sub:u-1"
        assert client_key(self._request({"Authorization": "Bearer forged"}), "1.2.3.4",
                          verify) == "ip:1.2.3.4"
        assert client_key(self._request({}), "1.2.3.4", verify) == "ip:1.2.3.4"


class TestUpstreamFailures:
    async def test_timeout_is_504(self, gateway):
        resp = await gateway.get("/api/v1/cases/slow")
        assert resp.status_code == 504
        assert resp.json()["type"].endswith("/gateway-timeout")

    async def test_an_upstream_that_fails_is_a_500(self, gateway):
        resp = await gateway.get("/api/v1/cases/boom")
        assert resp.status_code == 500

    async def test_upstream_down_is_503(self, gateway):
        resp = await gateway.get("/api/v1/review/anything")
        assert resp.status_code == 503
        assert resp.json()["type"].endswith("/service-unavailable")

    async def test_readyz_reports_the_down_upstream(self, gateway):
        resp = await gateway.get("/readyz")
        assert resp.status_code == 503
        assert resp.json()["upstreams"]["review"] != "ok"
        assert resp.json()["upstreams"]["cases"] == "ok"


class TestOps:
    async def test_healthz(self, gateway):
        assert (await gateway.get("/healthz")).json() == {"status": "ok"}

    async def test_metrics_count_requests(self, gateway):
        await gateway.get("/api/v1/cases/echo")
        text = (await gateway.get("/metrics")).text
        assert 'http_requests_total{method="GET",route="/{path:path}",service="gateway",' \
               'status="200"}' in text
        assert "http_request_duration_seconds_bucket" in text

    async def test_docs_are_served_without_internet(self, gateway):
        page = await gateway.get("/docs")
        assert page.status_code == 200 and "/docs/static/swagger-ui-bundle.js" in page.text
        assert "cdn" not in page.text.lower()
        js = await gateway.get("/docs/static/swagger-ui-bundle.js")
        assert js.status_code == 200 and len(js.content) > 100_000
