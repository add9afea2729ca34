"""Token verification: every attack in the foundation issue answers 401 on every service."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest
from harness import Platform

from kit import auth
from kit.auth import keys
from kit.settings import JwtSettings

SERVICES = ("personnel", "cases", "review", "publicity")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _claims(zhifa: Platform, **over: object) -> dict[str, object]:
    now = int(time.time())
    return {"iss": zhifa.jwt.issuer, "aud": zhifa.jwt.audience, "sub": "attacker", "iat": now,
            "nbf": now, "exp": now + 600, "roles": ["sysadmin"], **over}


async def _assert_401_everywhere(zhifa: Platform, token: str) -> None:
    for name in SERVICES:
        for client in (zhifa.client, zhifa.service(name)):
            resp = await client.get(f"/api/v1/{name}/status",
                                    headers={"Authorization": f"Bearer {token}"})
            assert resp.status_code == 401, (name, resp.text)
            assert resp.headers["content-type"].startswith("application/problem+json")
            assert resp.headers["www-authenticate"].startswith("Bearer")
            assert resp.json()["type"].endswith("/unauthorized")


class TestTokenAttacks:
    async def test_valid_token_is_accepted_by_every_service(self, zhifa: Platform) -> None:
        for name in SERVICES:
            resp = await zhifa.client.get(f"/api/v1/{name}/status",
                                          headers=zhifa.headers("officer"))
            assert resp.status_code == 200, resp.text
            assert resp.json()["service"] == name

    async def test_missing_token(self, zhifa: Platform) -> None:
        resp = await zhifa.client.get("/api/v1/review/status")
        assert resp.status_code == 401
        assert resp.headers["www-authenticate"].startswith("Bearer")

    async def test_alg_none(self, zhifa: Platform) -> None:
        header = {"alg": "none", "typ": "JWT", "kid": zhifa.ring.active_kid}
        token = (f"{_b64(json.dumps(header).encode())}."
                 f"{_b64(json.dumps(_claims(zhifa)).encode())}.")
        await _assert_401_everywhere(zhifa, token)

    async def test_hs256_signed_with_the_public_key(self, zhifa: Platform) -> None:
        kid = zhifa.ring.active_kid or ""
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
        payload = _b64(json.dumps(_claims(zhifa)).encode())
        signing_input = f"{header}.{payload}".encode()
        sig = hmac.new(zhifa.ring.public_pem(kid), signing_input, hashlib.sha256).digest()
        await _assert_401_everywhere(zhifa, f"{header}.{payload}.{_b64(sig)}")

    async def test_expired(self, zhifa: Platform) -> None:
        now = int(time.time())
        token = zhifa.ring.sign(_claims(zhifa, iat=now - 3600, nbf=now - 3600, exp=now - 60))
        await _assert_401_everywhere(zhifa, token)

    async def test_not_yet_valid(self, zhifa: Platform) -> None:
        now = int(time.time())
        token = zhifa.ring.sign(_claims(zhifa, nbf=now + 3600, exp=now + 7200))
        await _assert_401_everywhere(zhifa, token)

    async def test_wrong_issuer(self, zhifa: Platform) -> None:
        await _assert_401_everywhere(zhifa, zhifa.ring.sign(_claims(zhifa, iss="evil")))

    async def test_wrong_audience(self, zhifa: Platform) -> None:
        await _assert_401_everywhere(zhifa, zhifa.ring.sign(_claims(zhifa, aud="other")))

    async def test_unknown_kid(self, zhifa: Platform, tmp_path: Path) -> None:
        auth.KeyRing.rotate(tmp_path / "other")
        stranger = auth.KeyRing.load(tmp_path / "other")
        token = auth.issue_access_token(stranger, zhifa.jwt, subject="x", roles=["sysadmin"])
        await _assert_401_everywhere(zhifa, token)

    async def test_tampered_payload(self, zhifa: Platform) -> None:
        header, _, sig = zhifa.token("officer").split(".")
        forged = _b64(json.dumps(_claims(zhifa)).encode())
        await _assert_401_everywhere(zhifa, f"{header}.{forged}.{sig}")

    async def test_garbage(self, zhifa: Platform) -> None:
        await _assert_401_everywhere(zhifa, "not-a-jwt")


class TestKeyRotation:
    def test_previous_key_still_verifies_after_rotation(self, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
        jwt = JwtSettings(keys_dir=str(tmp_path))
        auth.KeyRing.rotate(tmp_path)
        old = auth.KeyRing.load(tmp_path)
        token = auth.issue_access_token(old, jwt, subject="u1", roles=["officer"])
        # the next rotation a second later (no sleep): a key id starts with its second, so the
        # newer key sorts after the older one
        later = keys.clock() + 1
        monkeypatch.setattr(keys, "clock", lambda: later)
        new_kid = auth.KeyRing.rotate(tmp_path)
        ring = auth.KeyRing.load(tmp_path)
        assert ring.active_kid == new_kid != old.active_kid
        assert new_kid > (old.active_kid or "")
        (tmp_path / "active").unlink()  # without the pointer the newest key still signs
        assert auth.KeyRing.load(tmp_path).active_kid == new_kid
        assert ring.verify(token, jwt)["sub"] == "u1"
        assert {k["kid"] for k in ring.jwks()["keys"]} == {old.active_kid, new_kid}

    def test_public_only_ring_cannot_sign(self, tmp_path: Path) -> None:
        auth.KeyRing.rotate(tmp_path / "a")
        ring = auth.KeyRing.load(tmp_path / "a")
        kid = ring.active_kid or ""
        (tmp_path / "b").mkdir()
        (tmp_path / "b" / f"{kid}.pem").write_bytes(ring.public_pem(kid))
        verifier = auth.KeyRing.load(tmp_path / "b")
        token = auth.issue_access_token(ring, JwtSettings(), subject="s", roles=["officer"])
        assert verifier.verify(token, JwtSettings())["sub"] == "s"
        with pytest.raises(RuntimeError):
            verifier.sign({"sub": "x"})


class TestServiceTokens:
    def test_signed_once_and_reused_for_half_its_lifetime(self, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
        auth.KeyRing.rotate(tmp_path)
        ring, jwt = auth.KeyRing.load(tmp_path), JwtSettings(service_ttl_seconds=120)
        now = keys.clock()
        monkeypatch.setattr(keys, "clock", lambda: now)
        first = auth.service_token(ring, jwt, "cases")
        assert auth.service_token(ring, jwt, "cases") == first
        claims = ring.verify(first, jwt)
        assert claims["sub"] == "service:cases" and claims["roles"] == ["service"]
        assert claims["exp"] - claims["iat"] == 120
        other = auth.service_token(ring, jwt, "review")  # per service
        assert other != first and ring.verify(other, jwt)["sub"] == "service:review"
        monkeypatch.setattr(keys, "clock", lambda: now + 59)
        assert auth.service_token(ring, jwt, "cases") == first
        monkeypatch.setattr(keys, "clock", lambda: now + 61)  # past half: a fresh token
        fresh = auth.service_token(ring, jwt, "cases")
        assert fresh != first and ring.verify(fresh, jwt)["sub"] == "service:cases"
        rotated = auth.KeyRing.load(tmp_path)  # another ring (a rotation reloads it) signs anew
        assert auth.service_token(rotated, jwt, "cases") != fresh


class TestRoles:
    async def test_valid_token_without_role_gets_403(self, zhifa: Platform) -> None:
        resp = await zhifa.client.get("/api/v1/publicity/webhooks",
                                      headers=zhifa.headers("officer"))
        assert resp.status_code == 403
        assert resp.json()["type"].endswith("/forbidden")

    async def test_service_events_endpoint_refuses_users(self, zhifa: Platform) -> None:
        resp = await zhifa.client.post("/api/v1/review/events", headers=zhifa.headers("sysadmin"),
                                       json={"id": "x", "type": "t", "payload": {}})
        assert resp.status_code == 403


class TestKeysFromEnvironment:
    def test_signing_key_from_env_pem_with_a_previous_public_key(self, tmp_path: Path,
                                                                 monkeypatch) -> None:
        auth.KeyRing.rotate(tmp_path / "old")
        old = auth.KeyRing.load(tmp_path / "old")
        old_token = auth.issue_access_token(old, JwtSettings(), subject="o", roles=["officer"])
        auth.KeyRing.rotate(tmp_path / "new")
        pem = next((tmp_path / "new").glob("*.pem")).read_text()
        monkeypatch.setenv("JWT_SIGNING_KEY_PEM", pem)
        monkeypatch.setenv("JWT_SIGNING_KEY_ID", "k2026")
        monkeypatch.setenv("JWT_EXTRA_PUBLIC_KEYS", json.dumps(
            {old.active_kid: old.public_pem(old.active_kid or "").decode()}))
        settings = JwtSettings()
        ring = auth.KeyRing.from_settings(settings)
        token = auth.issue_access_token(ring, settings, subject="n", roles=["officer"])
        assert ring.verify(token, settings)["sub"] == "n"
        assert ring.verify(old_token, settings)["sub"] == "o"
        assert {k["kid"] for k in ring.jwks()["keys"]} == {"k2026", old.active_kid}
