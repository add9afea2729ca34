"""Session versions (issue 10, point 11): logout-all, password change and disable cut access
tokens on every service within `session_sync_seconds`, read from a cached view (no database or
personnel hit per request; the gate clocks are injected, nothing sleeps)."""

from __future__ import annotations

import time
import uuid

import pytest
from argon2 import PasswordHasher
from harness import Platform
from sqlalchemy import select

from common.context import Upstream, ctx_from_state
from services.personnel.accounts import passwords
from services.personnel.accounts.models import User
from services.personnel.accounts.schemas import UserCreate
from services.personnel.accounts.service import create_user
from services.personnel.context import Ctx

P = "https://zhifa.dev/problems/"
SERVICES = ("personnel", "cases", "review", "publicity")


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    monkeypatch.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                            parallelism=1))
    monkeypatch.setattr(passwords, "_dummy", None)


class Clock:
    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(zhifa: Platform) -> Clock:
    """One injected clock for every service's session gate."""
    c = Clock()
    for name in SERVICES:
        zhifa.apps[name].state.session_gate.clock = c
    return c


def interval(zhifa: Platform) -> float:
    return zhifa.apps["cases"].state.settings.session_sync_seconds


async def _login(zhifa: Platform, password: str = "s3cret-pass", username: str = "zhang"):
    return await zhifa.client.post("/api/v1/auth/token",
                                   data={"username": username, "password": password})


async def _user(zhifa: Platform, agency_id=None) -> str:
    async with zhifa.session("personnel") as session:
        ctx = ctx_from_state(zhifa.apps["personnel"].state, session, None, Upstream(), Ctx)
        user = await create_user(ctx, UserCreate(
            username="zhang", password="s3cret-pass", roles=["officer"], region_code="500112"))
        user.agency_id = agency_id
        await session.commit()
        return str(user.id)


async def _status_codes(zhifa: Platform, token: str) -> dict[str, int]:
    headers = {"Authorization": f"Bearer {token}"}
    return {n: (await zhifa.client.get(f"/api/v1/{n}/status", headers=headers)).status_code
            for n in SERVICES}


class TestLogoutAll:
    async def test_cuts_access_tokens_everywhere_within_the_sync_interval(
            self, zhifa: Platform, clock: Clock):
        await _user(zhifa)
        pair = (await _login(zhifa)).json()
        token = pair["access_token"]
        assert await _status_codes(zhifa, token) == dict.fromkeys(SERVICES, 200)
        out = await zhifa.client.post("/api/v1/auth/logout-all",
                                      headers={"Authorization": f"Bearer {token}"})
        assert out.status_code == 204
        # within the interval the cached view still admits it: the documented bound
        assert (await _status_codes(zhifa, token))["cases"] == 200
        clock.now += interval(zhifa) + 0.1
        assert await _status_codes(zhifa, token) == dict.fromkeys(SERVICES, 401)
        me = await zhifa.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["type"] == P + "session-revoked"
        refresh = await zhifa.client.post("/api/v1/auth/refresh",
                                          json={"refresh_token": pair["refresh_token"]})
        assert refresh.status_code == 401
        fresh = (await _login(zhifa)).json()["access_token"]
        assert await _status_codes(zhifa, fresh) == dict.fromkeys(SERVICES, 200)


class TestChangePassword:
    async def test_wrong_current_password_changes_nothing(self, zhifa: Platform, clock: Clock):
        await _user(zhifa)
        token = (await _login(zhifa)).json()["access_token"]
        resp = await zhifa.client.post(
            "/api/v1/auth/password", headers={"Authorization": f"Bearer {token}"},
            json={"current_password": "not-it", "new_password": "brand-new-pass"})
        assert resp.status_code == 403 and resp.json()["type"] == P + "current-password-wrong"
        assert (await _login(zhifa)).status_code == 200

    async def test_change_ends_old_sessions_and_returns_a_working_pair(
            self, zhifa: Platform, clock: Clock):
        await _user(zhifa)
        old = (await _login(zhifa)).json()
        headers = {"Authorization": f"Bearer {old['access_token']}"}
        resp = await zhifa.client.post("/api/v1/auth/password", headers=headers, json={
            "current_password": "s3cret-pass", "new_password": "brand-new-pass"})
        assert resp.status_code == 200, resp.text
        new = resp.json()
        clock.now += interval(zhifa) + 0.1
        assert await _status_codes(zhifa, old["access_token"]) == dict.fromkeys(SERVICES, 401)
        assert await _status_codes(zhifa, new["access_token"]) == dict.fromkeys(SERVICES, 200)
        assert (await _login(zhifa)).status_code == 401
        assert (await _login(zhifa, "brand-new-pass")).status_code == 200
        stale = await zhifa.client.post("/api/v1/auth/refresh",
                                        json={"refresh_token": old["refresh_token"]})
        assert stale.status_code == 401


class TestDisableUser:
    async def test_disable_cuts_tokens_and_login_and_enable_restores(
            self, zhifa: Platform, clock: Clock):
        agency = "6f1c3a52-0000-4000-8000-000000000001"
        user_id = await _user(zhifa, agency_id=uuid.UUID(agency))
        token = (await _login(zhifa)).json()["access_token"]
        other_admin = zhifa.headers("agency_admin",
                                    agency_id="6f1c3a52-0000-4000-8000-0000000000ff")
        url = f"/api/v1/personnel/users/{user_id}"
        assert (await zhifa.client.post(url + "/disable", headers=other_admin)).status_code == 404
        own_admin = zhifa.headers("agency_admin", agency_id=agency)
        resp = await zhifa.client.post(url + "/disable", headers=own_admin)
        assert resp.status_code == 200 and resp.json()["is_active"] is False
        clock.now += interval(zhifa) + 0.1
        assert await _status_codes(zhifa, token) == dict.fromkeys(SERVICES, 401)
        assert (await _login(zhifa)).status_code == 401
        back = await zhifa.client.post(url + "/enable", headers=zhifa.headers("sysadmin"))
        assert back.status_code == 200 and back.json()["is_active"] is True
        assert (await _login(zhifa)).status_code == 200
        async with zhifa.session("personnel") as s:
            assert await s.scalar(select(User.session_version).where(User.username == "zhang")) == 2

    async def test_only_services_read_session_changes(self, zhifa: Platform):
        url = "/api/v1/auth/session-changes"
        assert (await zhifa.client.get(url, headers=zhifa.headers("sysadmin"))).status_code == 403
        resp = await zhifa.client.get(url, headers=zhifa.headers("service"))
        assert resp.status_code == 200 and resp.json()["items"] == []


class TestLogoutOneSession:
    async def test_logout_cuts_that_access_token_everywhere_and_no_other_session(
            self, zhifa: Platform, clock: Clock):
        """A single `/auth/logout` ends that login session (`sid`, the refresh-token family)
        on every service within the sync interval; the user's other session keeps working."""
        await _user(zhifa)
        gone = (await _login(zhifa)).json()
        kept = (await _login(zhifa)).json()
        assert await _status_codes(zhifa, gone["access_token"]) == dict.fromkeys(SERVICES, 200)
        out = await zhifa.client.post("/api/v1/auth/logout",
                                      json={"refresh_token": gone["refresh_token"]})
        assert out.status_code == 204
        clock.now += interval(zhifa) + 0.1
        assert await _status_codes(zhifa, gone["access_token"]) == dict.fromkeys(SERVICES, 401)
        me = await zhifa.client.get("/api/v1/auth/me",
                                    headers={"Authorization": f"Bearer {gone['access_token']}"})
        assert me.json()["type"] == P + "session-revoked"
        assert await _status_codes(zhifa, kept["access_token"]) == dict.fromkeys(SERVICES, 200)
        again = await zhifa.client.post("/api/v1/auth/refresh",
                                        json={"refresh_token": gone["refresh_token"]})
        assert again.status_code == 401

    async def test_refresh_token_reuse_cuts_the_family_access_tokens(
            self, zhifa: Platform, clock: Clock):
        await _user(zhifa)
        first = (await _login(zhifa)).json()
        rotated = (await zhifa.client.post(
            "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
        stolen = await zhifa.client.post("/api/v1/auth/refresh",
                                         json={"refresh_token": first["refresh_token"]})
        assert stolen.status_code == 401
        clock.now += interval(zhifa) + 0.1
        assert await _status_codes(zhifa, rotated["access_token"]) == dict.fromkeys(SERVICES, 401)
