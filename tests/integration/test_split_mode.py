"""Split mode end to end: four services and the gateway as separate uvicorn processes on
loopback ports, each on its own database (PostgreSQL in the PostgreSQL lane), talking HTTP."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import redis
from harness import PG_URL
from split import SERVICES, SplitDeployment, new_id
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from common.calendar import today_legal

# .ci/run sets ZHIFA_TEST_REDIS_URL: there the Redis-backed checks must run, never skip
REDIS_REQUIRED = "ZHIFA_TEST_REDIS_URL" in os.environ
REDIS_URL = os.environ.get("ZHIFA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REPLICA_BURST = 6


def _redis() -> redis.Redis | None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        if REDIS_REQUIRED:
            raise
        return None
    return client


@pytest.fixture(scope="module")
async def database_urls(tmp_path_factory: pytest.TempPathFactory
                        ) -> AsyncIterator[dict[str, str]]:
    if not PG_URL:
        tmp_path = tmp_path_factory.mktemp("split-db")
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


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory,
          database_urls: dict[str, str]) -> Iterator[SplitDeployment]:
    """One deployment for the module: four services, the gateway and two more gateway replicas
    with a small limit, all on Redis when it answers (under a prefix unique to this run)."""
    store = _redis()
    deployment = SplitDeployment(
        tmp_path_factory.mktemp("split"), database_urls,
        redis_url=REDIS_URL if store else None, replicas=2,
        replica_env={"GATEWAY_RATE_LIMIT_BURST": str(REPLICA_BURST),
                     "GATEWAY_RATE_LIMIT_PER_MINUTE": "1"})
    deployment.redis = store  # type: ignore[attr-defined]
    deployment.prepare()
    deployment.zhifa("users", "create", "--username", "admin", "--password", "admin-pass-1",
                     "--role", "sysadmin", "--region-code", "500112")
    deployment.start()
    try:
        yield deployment
    finally:
        deployment.stop()
        if store is not None:
            keys = list(store.scan_iter(match=deployment.redis_prefix + "*"))
            if keys:
                store.delete(*keys)
            store.close()


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
        # the annual report: review gathers the four services' statistics over HTTP with its
        # service token (its own too), none skipped; the decision counted once in each
        await demo.login("admin2")
        year = today_legal().year
        made = await demo.call("POST", "/api/v1/review/annual-reports", json={
            "year": year, "kind": "statistical", "region_code": "500112"})
        report = made.json()
        assert made.status_code == 201 and report["skipped_sources"] == [], report
        figures = {f["key"]: f for f in report["figures"]}
        assert figures["penalty.decisions.total"]["value"] == 1
        assert figures["penalty.decisions.total"]["source"]["service"] == "cases"
        assert figures["publicity.decisions_published"]["value"] == 1
        assert {f["source"]["service"] for f in report["figures"]} == set(SERVICES)
        board = (await demo.call("GET", "/api/v1/review/dashboard", params={
            "region_code": "500112", "year": year})).json()
        assert board["calls"] == 6  # one grouped call per source, over HTTP
        muer = next(a for a in board["agencies"]
                    if a["agency_id"] == demo.agencies["muer_team"]["id"])
        assert muer["figures"]["penalty.decisions.total"] == 1


async def test_split_limits_on_redis_and_revoked_sessions(split: SplitDeployment) -> None:
    """Issue 10 points 10 and 11 in split mode: two gateway replicas on Redis allow the limit
    once in total (in memory each would allow it again); the login throttle and the complaint
    limiter keep their buckets on Redis; logout-all cuts an access token on services called
    directly, each verifying it itself, within the session sync interval."""
    store = split.redis  # type: ignore[attr-defined]
    if store is None:
        pytest.skip("no Redis at " + REDIS_URL)
    a, b = (split.url(r) for r in split.replicas)
    async with httpx.AsyncClient(timeout=30) as http:
        codes = [(await http.get((a if i % 2 else b) + "/api/v1/publicity/decisions")).status_code
                 for i in range(3 * REPLICA_BURST)]
        assert sum(c != 429 for c in codes) == REPLICA_BURST, codes
        assert 429 in codes[0::2] and 429 in codes[1::2]  # both replicas refuse

        gw = split.url("gateway")
        admin = await http.post(gw + "/api/v1/auth/token",
                                data={"username": "admin", "password": "admin-pass-1"})
        created = await http.post(gw + "/api/v1/personnel/users", json={
            "username": "sess-user", "password": "sess-pass-1", "roles": ["officer"],
            "region_code": "500112"},
            headers={"Authorization": f"Bearer {admin.json()['access_token']}"})
        assert created.status_code == 201, created.text
        bad = await http.post(gw + "/api/v1/auth/token",
                              data={"username": "sess-user", "password": "wrong-pass"})
        assert bad.status_code == 401
        assert list(store.scan_iter(match=split.redis_prefix + "login:*"))
        status = await http.get(gw + "/api/v1/review/complaints/NOSUCHCODE00/status")
        assert status.status_code == 404
        assert list(store.scan_iter(match=split.redis_prefix + "complaint:*"))

        login = await http.post(gw + "/api/v1/auth/token",
                                data={"username": "sess-user", "password": "sess-pass-1"})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        for name in ("cases", "review", "publicity"):
            direct = await http.get(split.url(name) + f"/api/v1/{name}/status", headers=headers)
            assert direct.status_code == 200, (name, direct.text)
        out = await http.post(gw + "/api/v1/auth/logout-all", headers=headers)
        assert out.status_code == 204
        cut: set[str] = set()
        for _ in range(40):  # sync interval 1 s; give a loaded machine 20 s
            for name in ("cases", "review", "publicity"):
                resp = await http.get(split.url(name) + f"/api/v1/{name}/status",
                                      headers=headers)
                if resp.status_code == 401:
                    cut.add(name)
            if len(cut) == 3:
                break
            await asyncio.sleep(0.5)
        assert cut == {"cases", "review", "publicity"}, split.logs()
