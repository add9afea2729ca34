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
        assert "http_requests_total" in (await gw.get(split.url("cases") + "/metrics")).text
