"""Operational endpoints and logs (issue 10, point 17): `/metrics` protected (token; on by
default outside dev), access logs carry route templates, never raw paths or queries."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from harness import Platform, platform

from gateway.config import GatewaySettings
from kit.observability import metrics_authorized
from kit.settings import ServiceSettings


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
    assert len(lines) >= 3  # review twice, gateway once
    assert any("/api/v1/review/complaints/{tracking_code}/status" in line for line in lines)
    assert not [line for line in lines if "K7Q2M9X4P1ZA" in line or "张三" in line
                or "13800138000" in line]
