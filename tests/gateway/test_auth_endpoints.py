"""Login, refresh rotation with reuse detection, logout, /me and JWKS through the gateway."""

from __future__ import annotations

from harness import Platform

from common.context import Upstream, ctx_from_state
from services.personnel.accounts.schemas import UserCreate
from services.personnel.accounts.service import create_user
from services.personnel.context import Ctx


async def _user(zhifa: Platform, username: str = "zhang", password: str = "s3cret-pass",
                roles: tuple[str, ...] = ("officer",)) -> None:
    async with zhifa.session("personnel") as session:
        ctx = ctx_from_state(zhifa.apps["personnel"].state, session, None, Upstream(), Ctx)
        await create_user(ctx, UserCreate(username=username, password=password,
                                          roles=list(roles), region_code="500112"))
        await session.commit()


async def _login(zhifa: Platform, username: str = "zhang", password: str = "s3cret-pass"):
    return await zhifa.client.post("/api/v1/auth/token",
                                   data={"username": username, "password": password})


class TestIssueToken:
    async def test_login_returns_rs256_token_usable_on_every_service(self, zhifa: Platform):
        await _user(zhifa)
        resp = await _login(zhifa)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert body["token_type"] == "bearer" and body["expires_in"] == 900
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        me = await zhifa.client.get("/api/v1/auth/me", headers=headers)
        assert me.json()["username"] == "zhang" and me.json()["roles"] == ["officer"]
        for name in ("personnel", "cases", "review", "publicity"):
            resp = await zhifa.client.get(f"/api/v1/{name}/status", headers=headers)
            assert resp.status_code == 200

    async def test_wrong_password_is_401_problem(self, zhifa: Platform):
        await _user(zhifa)
        resp = await _login(zhifa, password="wrong-password")
        assert resp.status_code == 401
        assert resp.json()["type"].endswith("/invalid-credentials")

    async def test_unknown_user_is_401(self, zhifa: Platform):
        resp = await _login(zhifa, username="nobody")
        assert resp.status_code == 401

    async def test_repeated_failures_lock_the_account(self, zhifa: Platform):
        await _user(zhifa)
        for _ in range(5):
            assert (await _login(zhifa, password="bad-password")).status_code == 401
        resp = await _login(zhifa)  # even the right password is refused while locked
        assert resp.status_code == 429
        assert int(resp.headers["retry-after"]) > 0
        assert resp.json()["type"].endswith("/login-throttled")

    async def test_missing_form_fields_is_422(self, zhifa: Platform):
        resp = await zhifa.client.post("/api/v1/auth/token", data={"username": "x"})
        assert resp.status_code == 422
        assert resp.json()["errors"][0]["field"].endswith("password")


class TestRefresh:
    async def test_rotation_issues_a_new_pair(self, zhifa: Platform):
        await _user(zhifa)
        first = (await _login(zhifa)).json()
        resp = await zhifa.client.post("/api/v1/auth/refresh",
                                       json={"refresh_token": first["refresh_token"]})
        assert resp.status_code == 200
        assert resp.json()["refresh_token"] != first["refresh_token"]

    async def test_reusing_an_old_token_revokes_the_family(self, zhifa: Platform):
        await _user(zhifa)
        first = (await _login(zhifa)).json()
        second = (await zhifa.client.post(
            "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
        reuse = await zhifa.client.post("/api/v1/auth/refresh",
                                        json={"refresh_token": first["refresh_token"]})
        assert reuse.status_code == 401
        # the legitimate newer token died with the family
        after = await zhifa.client.post("/api/v1/auth/refresh",
                                        json={"refresh_token": second["refresh_token"]})
        assert after.status_code == 401
        assert after.json()["type"].endswith("/invalid-refresh-token")

    async def test_logout_revokes(self, zhifa: Platform):
        await _user(zhifa)
        pair = (await _login(zhifa)).json()
        out = await zhifa.client.post("/api/v1/auth/logout",
                                      json={"refresh_token": pair["refresh_token"]})
        assert out.status_code == 204
        resp = await zhifa.client.post("/api/v1/auth/refresh",
                                       json={"refresh_token": pair["refresh_token"]})
        assert resp.status_code == 401


class TestJwks:
    async def test_jwks_lists_the_signing_key(self, zhifa: Platform):
        resp = await zhifa.client.get("/.well-known/jwks.json")
        assert resp.status_code == 200
        keys = resp.json()["keys"]
        assert [k["kid"] for k in keys] == [zhifa.ring.active_kid]
        assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and "d" not in keys[0]


class TestCreateUser:
    async def test_sysadmin_creates_user(self, zhifa: Platform):
        resp = await zhifa.client.post(
            "/api/v1/personnel/users", headers=zhifa.headers("sysadmin"),
            json={"username": "liwei", "password": "another-pass", "roles": ["legal_reviewer"]})
        assert resp.status_code == 201, resp.text
        assert "password" not in resp.text and resp.json()["roles"] == ["legal_reviewer"]

    async def test_officer_cannot_create_users(self, zhifa: Platform):
        resp = await zhifa.client.post(
            "/api/v1/personnel/users", headers=zhifa.headers("officer"),
            json={"username": "liwei", "password": "another-pass", "roles": ["officer"]})
        assert resp.status_code == 403

    async def test_duplicate_username_is_409(self, zhifa: Platform):
        await _user(zhifa)
        resp = await zhifa.client.post(
            "/api/v1/personnel/users", headers=zhifa.headers("sysadmin"),
            json={"username": "zhang", "password": "another-pass", "roles": ["officer"]})
        assert resp.status_code == 409
