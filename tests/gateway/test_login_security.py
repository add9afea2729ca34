"""Login throttle through the gateway (issue 10, points 7, 8 and 12): no lockout race, argon2 off
the event loop, per-address and per-account limits with the same answer for unknown users, a
locked account still usable from a clean address, and no idempotency storage of token pairs."""

from __future__ import annotations

import asyncio
import threading

import httpx
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

LOGIN = "/api/v1/auth/token"
P = "https://zhifa.dev/problems/"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    """argon2 at its smallest cost: the rules under test do not depend on the work factor."""
    monkeypatch.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                            parallelism=1))
    monkeypatch.setattr(passwords, "_dummy", None)


async def _user(zhifa: Platform, username: str = "zhang", password: str = "s3cret-pass") -> None:
    async with zhifa.session("personnel") as session:
        ctx = ctx_from_state(zhifa.apps["personnel"].state, session, None, Upstream(), Ctx)
        await create_user(ctx, UserCreate(username=username, password=password,
                                          roles=["officer"], region_code="500112"))
        await session.commit()


def client_from(zhifa: Platform, address: str) -> httpx.AsyncClient:
    """A client whose TCP peer (as the gateway sees it) is `address`."""
    transport = httpx.ASGITransport(app=zhifa.gateway, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=60)


async def _failed_logins(zhifa: Platform, username: str) -> int:
    async with zhifa.session("personnel") as s:
        return await s.scalar(select(User.failed_logins).where(User.username == username))


class TestLockoutRace:
    async def test_fifteen_parallel_wrong_passwords_check_only_the_allowance(
            self, zhifa: Platform, monkeypatch):
        """Point 7: the count is reserved before argon2 runs and raised in the database, so 15
        parallel guesses check exactly `login_max_failures` (5) passwords, in worker threads."""
        await _user(zhifa)
        threads: list[int] = []
        real = passwords._verify

        def spy(password_hash: str, password: str) -> bool:
            threads.append(threading.get_ident())
            return real(password_hash, password)

        monkeypatch.setattr(passwords, "_verify", spy)
        async with client_from(zhifa, "198.51.100.10") as c:
            answers = await asyncio.gather(*(
                c.post(LOGIN, data={"username": "zhang", "password": f"wrong-{i}"})
                for i in range(15)))
            codes = sorted(r.status_code for r in answers)
            assert codes == [401] * 5 + [429] * 10
            assert {r.json()["type"] for r in answers if r.status_code == 429} == {
                P + "login-throttled"}
            assert await _failed_logins(zhifa, "zhang") == 5
            assert len(threads) == 5 and threading.get_ident() not in threads
            # point 8: the right password is refused from the address that failed ...
            same = await c.post(LOGIN, data={"username": "zhang", "password": "s3cret-pass"})
            assert same.status_code == 429 and int(same.headers["retry-after"]) >= 1
        # ... and accepted from one that has not (nobody locks the owner out remotely)
        async with client_from(zhifa, "203.0.113.20") as other:
            ok = await other.post(LOGIN, data={"username": "zhang", "password": "s3cret-pass"})
            assert ok.status_code == 200, ok.text
        assert await _failed_logins(zhifa, "zhang") == 0


class TestThrottle:
    async def test_unknown_user_is_throttled_exactly_like_a_real_one(self, zhifa: Platform):
        """Point 8: no enumeration: the same answers, in the same order, with or without an
        account."""
        await _user(zhifa)
        seen = {}
        for name, address in (("zhang", "198.51.100.11"), ("nobody", "198.51.100.12")):
            async with client_from(zhifa, address) as c:
                answers = [await c.post(LOGIN, data={"username": name, "password": "bad-pass"})
                           for _ in range(6)]
            seen[name] = [(r.status_code, r.json()["type"], "retry-after" in r.headers)
                          for r in answers]
        assert seen["zhang"] == seen["nobody"]
        assert [s[0] for s in seen["nobody"]] == [401] * 5 + [429]

    async def test_one_address_guessing_many_usernames_is_throttled(self, zhifa: Platform):
        await _user(zhifa)
        zhifa.apps["personnel"].state.settings.login_address_max_failures = 4
        async with client_from(zhifa, "198.51.100.13") as c:
            codes = [(await c.post(LOGIN, data={"username": f"user{i}", "password": "x"}))
                     .status_code for i in range(5)]
            refused = await c.post(LOGIN, data={"username": "zhang", "password": "s3cret-pass"})
        assert codes == [401] * 4 + [429] and refused.status_code == 429
        async with client_from(zhifa, "198.51.100.14") as other:
            ok = await other.post(LOGIN, data={"username": "zhang", "password": "s3cret-pass"})
        assert ok.status_code == 200

    async def test_distributed_guessing_stops_after_one_try_per_address(self, zhifa: Platform):
        """Account-wide allowance spent: an address that failed on the account is refused, a
        fresh one may still try, and the owner's clean address logs in."""
        await _user(zhifa)
        zhifa.apps["personnel"].state.settings.login_account_max_failures = 3
        for i in range(3):
            async with client_from(zhifa, f"192.0.2.{i + 1}") as c:
                resp = await c.post(LOGIN, data={"username": "zhang", "password": "guess"})
                assert resp.status_code == 401
        async with client_from(zhifa, "192.0.2.50") as c:
            first = await c.post(LOGIN, data={"username": "zhang", "password": "guess"})
            second = await c.post(LOGIN, data={"username": "zhang", "password": "guess"})
        assert (first.status_code, second.status_code) == (401, 429)
        async with client_from(zhifa, "192.0.2.99") as owner:
            ok = await owner.post(LOGIN, data={"username": "zhang", "password": "s3cret-pass"})
        assert ok.status_code == 200


class TestAuthIsNotIdempotencyStored:
    async def test_token_pairs_are_never_stored_or_replayed(self, zhifa: Platform):
        """Point 12: the same Idempotency-Key on login gives two fresh pairs; replaying a refresh
        with its key is reuse (the family is revoked), not a stored answer."""
        await _user(zhifa)
        key = {"Idempotency-Key": "login-1"}
        form = {"username": "zhang", "password": "s3cret-pass"}
        a = await zhifa.client.post(LOGIN, data=form, headers=key)
        b = await zhifa.client.post(LOGIN, data=form, headers=key)
        assert a.status_code == b.status_code == 200
        assert "idempotent-replayed" not in b.headers
        assert a.json()["access_token"] != b.json()["access_token"]
        body = {"refresh_token": a.json()["refresh_token"]}
        first = await zhifa.client.post("/api/v1/auth/refresh", json=body,
                                        headers={"Idempotency-Key": "r-1"})
        again = await zhifa.client.post("/api/v1/auth/refresh", json=body,
                                        headers={"Idempotency-Key": "r-1"})
        assert first.status_code == 200
        assert again.status_code == 401 and again.json()["type"] == P + "invalid-refresh-token"
        table = _idempotency_table()
        async with zhifa.session("personnel") as s:
            rows = (await s.execute(select(table.c.key, table.c.body))).all()
        assert [r.key for r in rows if r.key in ("login-1", "r-1")] == []
        assert not any(b"refresh_token" in bytes(r.body) for r in rows)


def _idempotency_table():
    from services.personnel.models import Base

    return Base.metadata.tables["idempotency_keys"]
