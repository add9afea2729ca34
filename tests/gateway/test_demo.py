"""`zhifa demo load` is idempotent and every demo user can use every service via the gateway."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx

from gateway.composition import build_all_in_one
from gateway.demo import PASSWORD, USERS, load_demo


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


async def test_demo_loads_twice_and_every_user_reaches_every_service(tmp_path: Path) -> None:
    await load_demo(str(tmp_path))
    counts = {t: _count(tmp_path / "personnel.db", t) for t in ("agencies", "users")}
    matters = _count(tmp_path / "cases.db", "matters")
    await load_demo(str(tmp_path))
    assert {t: _count(tmp_path / "personnel.db", t) for t in counts} == counts == {
        "agencies": 5, "users": 6}
    assert _count(tmp_path / "cases.db", "matters") == matters == 3
    assert _count(tmp_path / "cases.db", "inspections") == 5
    assert _count(tmp_path / "cases.db", "inspection_targets") == 32

    app = build_all_in_one(str(tmp_path))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for username, roles, *_ in USERS:
                login = await client.post("/api/v1/auth/token",
                                          data={"username": username, "password": PASSWORD})
                assert login.status_code == 200, (username, login.text)
                headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
                me = (await client.get("/api/v1/auth/me", headers=headers)).json()
                assert me["roles"] == roles
                for service in ("personnel", "cases", "review", "publicity"):
                    resp = await client.get(f"/api/v1/{service}/status", headers=headers)
                    assert resp.status_code == 200, (username, service, resp.text)
