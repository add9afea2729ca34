"""Operational endpoints and logs (issue 10, point 17): `/metrics` protected (token; on by
default outside dev), access logs carry route templates, never raw paths or queries."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from harness import Platform, platform

from common.settings import ServiceSettings
from gateway.config import GatewaySettings
from kit.observability import metrics_authorized


def test_metrics_protection_rule() -> None:
    dev = ServiceSettings(service_name="x")
    prod = GatewaySettings(ZHIFA_ENV="production")
    prod_token = GatewaySettings(ZHIFA_ENV="production", ZHIFA_METRICS_TOKEN="s3cret")
    assert metrics_authorized(dev, None)
    assert not metrics_authorized(prod, None) and not metrics_authorized(prod, "Bearer ")
    assert not metrics_authorized(prod_token, None)
    assert not metrics_authorized(prod_token, "Bearer wrong")
    assert metrics_authorized(prod_token, "Bearer s3cret")
    assert metrics_authorized(GatewaySettings(ZHIFA_ENV="production",
                                              ZHIFA_METRICS_PROTECTED=False), None)
    assert not metrics_authorized(ServiceSettings(service_name="x", ZHIFA_METRICS_TOKEN="t"),
                                  None)  # a token protects in dev too


@pytest.fixture
async def zhifa(databases, tmp_path, keys_dir) -> AsyncIterator[Platform]:
    async with platform(databases, tmp_path, keys_dir,
                        {"review": {"metrics_token": "ops-token"}}) as p:
        yield p


async def test_metrics_need_the_token_and_logs_carry_templates(zhifa: Platform,
                                                               caplog) -> None:
    async with zhifa.service("review") as review:
        refused = await review.get("/metrics")
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
        with caplog.at_level(logging.INFO, logger="zhifa.access"):
            await review.get("/api/v1/review/complaints/K7Q2M9X4P1ZA/status",
                             params={"party": "张三", "q": "13800138000"})
            await zhifa.client.get("/api/v1/review/complaints/K7Q2M9X4P1ZA/status",
                                   params={"party": "张三"})
        ok = await review.get("/metrics", headers={"Authorization": "Bearer ops-token"})
        assert ok.status_code == 200 and "http_requests_total" in ok.text
    lines = [str(getattr(r, "fields", "")) + r.getMessage() for r in caplog.records
             if r.name == "zhifa.access"]
    assert len(lines) == 3, lines  # review twice, gateway once
    assert any("/api/v1/review/complaints/{tracking_code}/status" in line for line in lines)
    assert not [line for line in lines if "K7Q2M9X4P1ZA" in line or "张三" in line
                or "13800138000" in line]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_metrics_on_a_separate_bind_address() -> None:
    """`ZHIFA_METRICS_BIND` (issue 10, point 17): the metrics listener answers `/metrics` (no
    token needed there unless one is set) and nothing else; the public listener answers 404."""
    import asyncio

    import httpx

    from gateway.app import create_app
    from kit import metrics_listener

    with pytest.raises(ValueError):
        metrics_listener.parse_bind("9464")
    assert metrics_listener.parse_bind("[::1]:9464") == ("::1", 9464)
    main_port, side_port = _free_port(), _free_port()
    nowhere = {f"upstream_{n}": "http://127.0.0.1:9" for n in
               ("personnel", "cases", "review", "publicity")}  # the gateway alone suffices
    app = create_app(GatewaySettings(ZHIFA_ENV="production",
                                     ZHIFA_METRICS_BIND=f"127.0.0.1:{side_port}", **nowhere))
    stop = asyncio.Event()
    task = asyncio.create_task(metrics_listener.serve_async(
        app, "127.0.0.1", main_port, ("127.0.0.1", side_port), stop))
    main, side = f"http://127.0.0.1:{main_port}", f"http://127.0.0.1:{side_port}"
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            for _ in range(200):
                try:
                    await http.get(main + "/healthz")
                    await http.get(side + "/metrics")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            public = await http.get(main + "/metrics")
            assert public.status_code == 404
            assert public.headers["content-type"].startswith("application/problem+json")
            assert (await http.get(main + "/healthz")).status_code == 200
            private = await http.get(side + "/metrics")
            assert private.status_code == 200 and "http_requests_total" in private.text
            assert (await http.get(side + "/healthz")).status_code == 404
            assert (await http.get(side + "/api/v1/auth/me")).status_code == 404
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
