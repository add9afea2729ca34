"""Fixtures of the review service tests: a direct client, events, reviewers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from harness import Platform

from kit.http import ServiceClient

AGENCY = uuid.UUID("11111111-1111-4111-8111-111111111111")
OTHER_AGENCY = uuid.UUID("22222222-2222-4222-8222-222222222222")
REGION = "500112"
OFFICERS = [str(uuid.UUID("aaaaaaaa-0000-4000-8000-000000000001")),
            str(uuid.UUID("aaaaaaaa-0000-4000-8000-000000000002"))]


# agencies the review tests name, registered in personnel with their real regions (writes that
# name an agency check its real region there, issue 10 point 3)
KNOWN_AGENCIES = {AGENCY: "500112100", OTHER_AGENCY: "500112101",
                  uuid.UUID(int=1): "500112100", uuid.UUID(int=2): "500112101"}


@pytest.fixture(autouse=True)
async def known_agencies(zhifa: Platform) -> None:
    from services.personnel.agencies.models import Agency
    async with zhifa.session("personnel") as session:
        for i, (agency_id, region) in enumerate(KNOWN_AGENCIES.items()):
            session.add(Agency(id=agency_id, name=f"测试执法机关{i}", uscc=f"TEST{i:014d}",
                               kind="township_government", region_code=region, domains=[]))
        await session.commit()


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


class StubCases:
    """A stand-in for the cases endpoints review calls (unit tests only; the integration
    tests use the real cases service)."""

    def __init__(self) -> None:
        self.closed: dict[str, list[str]] = {}
        self.created: list[dict[str, Any]] = []
        self.calls: list[str] = []
        app = FastAPI()

        @app.post("/api/v1/cases/cases", status_code=201)
        async def create(request: Request) -> dict[str, Any]:
            body = await request.json()
            self.created.append(body)
            self.calls.append(request.headers.get("authorization", ""))
            return {"id": str(uuid.uuid4()), "status": "lead", "agency_id": body["agency_id"]}

        @app.get("/api/v1/cases/cases")
        async def list_cases(agency_id: str, status: str, limit: int = 50,
                             cursor: str | None = None) -> dict[str, Any]:
            ids = self.closed.get(agency_id, [])
            start = int(cursor or 0)
            page = ids[start:start + limit]
            nxt = str(start + limit) if start + limit < len(ids) else None
            return {"items": [{"id": i, "status": status, "case_number": f"N-{i[:4]}"}
                              for i in page], "next_cursor": nxt, "limit": limit}

        @app.get("/api/v1/cases/cases/{case_id}/dossier")
        async def dossier(case_id: str) -> dict[str, Any]:
            return {"case": {"id": case_id}, "documents": []}

        self.app = app


@pytest.fixture
async def stub_cases(zhifa: Platform) -> AsyncIterator[StubCases]:
    stub = StubCases()
    state = zhifa.apps["review"].state
    original = state.clients["cases"]
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=stub.app),
                             base_url="http://cases")
    state.clients["cases"] = ServiceClient("cases", http)
    try:
        yield stub
    finally:
        state.clients["cases"] = original
        await http.aclose()
