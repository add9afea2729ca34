"""Fixtures of the review service tests: a direct client, events, reviewers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from harness import Platform

AGENCY = uuid.UUID("11111111-1111-4111-8111-111111111111")
OTHER_AGENCY = uuid.UUID("22222222-2222-4222-8222-222222222222")
REGION = "500112"
OFFICERS = [str(uuid.UUID("aaaaaaaa-0000-4000-8000-000000000001")),
            str(uuid.UUID("aaaaaaaa-0000-4000-8000-000000000002"))]


@pytest.fixture
async def review(zhifa: Platform) -> AsyncIterator[httpx.AsyncClient]:
    async with zhifa.service("review") as client:
        yield client


def review_request(**overrides: Any) -> dict[str, Any]:
    payload = {
        "case_id": str(uuid.uuid4()), "round": 1, "agency_id": str(AGENCY),
        "region_code": "500112100", "case_number": "渝北综执罚〔2026〕1号",
        "matter": {"id": str(uuid.uuid4()), "code": "M001", "name": "占道经营", "domain": "城管"},
        "party": {"kind": "organization", "name": "某某公司"}, "facts": "占道经营",
        "proposed": {"outcome": "penalty", "penalties": [{"kind": "fine",
                                                         "amount_fen": 20_000_000}]},
        "discretion_tier": "较重", "reasons": ["罚款达到目录标准"], "evidence": [],
        "hearing": None, "officer_ids": OFFICERS, "requested_at": "2026-11-02T02:00:00+00:00"}
    payload.update(overrides)
    return payload


@pytest.fixture
def send_event(zhifa: Platform, review: httpx.AsyncClient
               ) -> Callable[..., Awaitable[httpx.Response]]:
    async def send(event_type: str, payload: dict[str, Any],
                   event_id: str | None = None) -> httpx.Response:
        return await review.post("/api/v1/review/events", headers=zhifa.headers("service"),
                                 json={"id": event_id or str(uuid.uuid4()), "type": event_type,
                                       "source": "cases", "payload": payload})
    return send


@pytest.fixture
def make_reviewer(zhifa: Platform, review: httpx.AsyncClient
                  ) -> Callable[..., Awaitable[dict[str, Any]]]:
    async def make(**overrides: Any) -> dict[str, Any]:
        body = {"user_id": f"u-{uuid.uuid4().hex[:8]}", "name": "王审核",
                "agency_id": str(AGENCY), "region_code": REGION,
                "has_legal_qualification": True, "is_external": False, "is_active": True}
        body.update(overrides)
        resp = await review.post("/api/v1/review/reviewers", json=body,
                                 headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 201, resp.text
        return resp.json()
    return make


def agency_headers(zhifa: Platform, *roles: str, agency: uuid.UUID = AGENCY,
                   **kw: Any) -> dict[str, str]:
    return zhifa.headers(*roles, agency_id=agency, region_code=REGION, **kw)


@pytest.fixture
def helpers() -> Any:
    """Plain helpers (importable names are awkward with importlib mode)."""

    class H:
        AGENCY, OTHER_AGENCY, REGION, OFFICERS = AGENCY, OTHER_AGENCY, REGION, OFFICERS
        request = staticmethod(review_request)
        agency_headers = staticmethod(agency_headers)

    return H
