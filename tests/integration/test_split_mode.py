"""Split mode end to end: four services and the gateway as separate uvicorn processes on
loopback ports, each on its own database (PostgreSQL in the PostgreSQL lane), talking HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from harness import PG_URL
from split import SERVICES, SplitDeployment, new_id
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


@pytest.fixture
async def database_urls(tmp_path: Path) -> AsyncIterator[dict[str, str]]:
    if not PG_URL:
        yield {s: f"sqlite+aiosqlite:///{tmp_path}/{s}.db" for s in SERVICES}
        return
    names = {s: f"zt_split_{new_id()}_{s}" for s in SERVICES}
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'CREATE DATABASE "{n}"'))
    base = PG_URL.rsplit("/", 1)[0]
    yield {s: f"{base}/{n}" for s, n in names.items()}
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture
def split(tmp_path: Path, database_urls: dict[str, str]) -> Iterator[SplitDeployment]:
    deployment = SplitDeployment(tmp_path, database_urls)
    deployment.prepare()
    deployment.zhifa("users", "create", "--username", "admin", "--password", "admin-pass-1",
                     "--role", "sysadmin", "--region-code", "500112")
    deployment.start()
    try:
        yield deployment
    finally:
        deployment.stop()


async def test_split_deployment_serves_every_service_over_http(split: SplitDeployment) -> None:
    async with httpx.AsyncClient(base_url=split.url("gateway"), timeout=30) as gw:
        login = await gw.post("/api/v1/auth/token",
                              data={"username": "admin", "password": "admin-pass-1"})
        assert login.status_code == 200, split.logs()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        for name in SERVICES:
            resp = await gw.get(f"/api/v1/{name}/status", headers=headers)
            assert resp.status_code == 200, (name, resp.text)
            assert resp.json()["service"] == name
        # one hop service-to-service: cases calls the other three with the caller's token
        deep = await gw.get("/api/v1/cases/status?deep=true", headers=headers)
        assert deep.status_code == 200, split.logs()
        assert deep.json()["upstreams"] == {"personnel": "personnel", "review": "review",
                                            "publicity": "publicity"}
        # every service verifies tokens itself, also when called directly
        for name in SERVICES:
            direct = await gw.get(split.url(name) + f"/api/v1/{name}/status")
            assert direct.status_code == 401
        ready = await gw.get("/readyz")
        assert ready.status_code == 200, ready.text
        metrics = split.url("cases") + "/metrics"
        assert (await gw.get(metrics)).status_code == 401  # protected outside dev
        assert "http_requests_total" in (await gw.get(metrics, headers={
            "Authorization": "Bearer split-metrics-token"})).text


async def test_split_decision_flows_from_cases_to_the_public_feed(split: SplitDeployment) -> None:
    """Demo data through the gateway; an on-the-spot decision in cases checks the officers with
    personnel over HTTP, and the outbox worker of the cases process delivers `case.decided` to the
    publicity process, which publishes it in the public feed."""
    import asyncio
    from datetime import UTC, datetime

    from gateway.demo import PASSWORD, Demo

    split.zhifa("users", "create", "--username", "admin2", "--password", PASSWORD,
                "--role", "sysadmin", "--region-code", "500112")
    async with httpx.AsyncClient(base_url=split.url("gateway"), timeout=30) as gw:
        demo = Demo(gw)
        await demo.login("admin2")
        await demo.load_agencies()
        await demo.load_officers()
        await demo.load_users()
        await demo.load_matters()
        await demo.login("muer-officer")
        matters = (await demo.call("GET", "/api/v1/cases/matters",
                                   params={"agency_id": demo.agencies["muer_team"]["id"]})).json()
        matter = next(m for m in matters["items"] if m["code"] == "UM-0101")
        officers = [demo.officers["王建国"]["id"], demo.officers["李晓梅"]["id"]]
        decision = await demo.call("POST", "/api/v1/cases/summary-decisions", json={
            "matter_id": matter["id"], "officer_ids": officers, "place": "木耳镇金鞍路",
            "party": {"kind": "organization", "name": "重庆某某商贸有限公司",
                      "uscc": "91350100M000100Y43", "address": "木耳镇金鞍路1号"},
            "penalty": {"kind": "fine", "amount": "500.00"},
            "facts": "当事人在金鞍路擅自占用城市道路堆放货物", "decided_at":
                datetime.now(UTC).isoformat()})
        number = decision.json()["document_number"]
        for _ in range(60):
            feed = (await gw.get("/api/v1/publicity/decisions")).json()["items"]
            if any(d["document_number"] == number for d in feed):
                break
            await asyncio.sleep(0.5)
        else:
            raise AssertionError("decision never reached the public feed\n" + split.logs())
