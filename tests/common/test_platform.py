"""kit through a real producer and consumer: outbox/inbox, webhooks, idempotency, If-Match,
keyset pages, problem+json, money and commit-at-the-edge — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from harness import PG_URL, Databases
from minisvc import NotesBase, SinkBase, build, create_schema, notes_platform, running
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import create_async_engine

from kit import auth, events
from kit.db import utcnow
from kit.settings import JwtSettings


@pytest.fixture(scope="module")
async def pg_names(databases: Databases) -> AsyncIterator[dict[str, str]]:
    if not PG_URL:
        yield {}
        return
    names = {"notes": f"{databases.prefix}_kitnotes", "sink": f"{databases.prefix}_kitsink"}
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'CREATE DATABASE "{n}"'))
    yield {k: databases.pg_url(k, v) for k, v in names.items()}
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'))
    await admin.dispose()


class Mini:
    def __init__(self, notes: Any, sink: Any, jwt: JwtSettings, ring: auth.KeyRing) -> None:
        self.notes_app, self.sink_app = notes, sink
        self.notes = httpx.AsyncClient(transport=httpx.ASGITransport(app=notes),
                                       base_url="http://notes")
        self.sink = httpx.AsyncClient(transport=httpx.ASGITransport(app=sink),
                                      base_url="http://sink")
        self.auth = {"Authorization": "Bearer " + auth.issue_access_token(
            ring, jwt, subject="u1", roles=["officer"])}

    async def drain(self) -> None:
        await self.notes_app.state.outbox.drain(self.notes_app.state.sessionmaker)

    async def count(self, model: Any) -> int:
        async with self.notes_app.state.sessionmaker() as s:
            return await s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
async def mini(tmp_path: Path, keys_dir: Path, pg_names: dict[str, str]) -> AsyncIterator[Mini]:
    notes_url = pg_names.get("notes") or f"sqlite+aiosqlite:///{tmp_path}/notes.db"
    sink_url = pg_names.get("sink") or f"sqlite+aiosqlite:///{tmp_path}/sink.db"
    await create_schema(notes_url, NotesBase)
    await create_schema(sink_url, SinkBase)
    jwt = JwtSettings(keys_dir=str(keys_dir), generate_keys=False)
    notes, sink = build(notes_url, sink_url, jwt)
    async with running(notes, sink):
        m = Mini(notes, sink, jwt, auth.KeyRing.load(keys_dir))
        yield m
        await m.notes.aclose()
        await m.sink.aclose()


async def _create(m: Mini, title: str = "t", **extra: Any) -> httpx.Response:
    return await m.notes.post("/api/v1/notes/notes", json={"title": title, **extra},
                              headers=m.auth | extra.pop("headers", {}))


class TestOutboxAndInbox:
    async def test_event_is_delivered_once_to_the_consumer(self, mini: Mini):
        assert (await _create(mini, "甲")).status_code == 201
        await mini.drain()
        await mini.drain()
        got = await mini.sink.get("/api/v1/sink/received", headers=mini.auth)
        assert got.json() == ["甲"]

    async def test_redelivery_changes_nothing(self, mini: Mini):
        await _create(mini, "乙")
        await mini.drain()
        async with mini.notes_app.state.sessionmaker() as s:
            await s.execute(update(notes_platform.Outbox).values(status="pending"))
            await s.commit()
        await mini.drain()
        got = await mini.sink.get("/api/v1/sink/received", headers=mini.auth)
        assert got.json() == ["乙"]

    async def test_consumer_down_keeps_the_event_and_backs_off(self, mini: Mini):
        await _create(mini, "丙")
        outbox = mini.notes_app.state.outbox
        real = outbox.clients["sink"]
        outbox.clients["sink"] = httpx.AsyncClient(base_url="http://127.0.0.1:9")
        await mini.drain()
        async with mini.notes_app.state.sessionmaker() as s:
            row = await s.scalar(select(notes_platform.Outbox))
            assert row.status == "pending" and row.attempts == 1 and row.last_error
            assert row.next_attempt_at > utcnow()
            row.next_attempt_at = utcnow()
            await s.commit()
        outbox.clients["sink"] = real
        await mini.drain()
        got = await mini.sink.get("/api/v1/sink/received", headers=mini.auth)
        assert got.json() == ["丙"]

    async def test_a_rejected_request_leaves_neither_row_nor_event(self, mini: Mini):
        resp = await _create(mini, "丁", fail_after_write=True)
        assert resp.status_code == 409
        from minisvc import Note
        assert await mini.count(Note) == 0
        assert await mini.count(notes_platform.Outbox) == 0


async def _public_dns(host: str, port: int) -> list[str]:
    return ["93.184.215.14"]  # what a public name resolves to (no real DNS in tests)


class TestWebhooks:
    def _admin(self, mini: Mini) -> dict[str, str]:
        settings = mini.notes_app.state.settings
        return {"Authorization": "Bearer " + auth.issue_access_token(
            auth.KeyRing.load(settings.jwt.keys_dir), settings.jwt, subject="a",
            roles=["sysadmin"])}

    async def _hook(self, mini: Mini, seen: list[httpx.Request], status: int = 204,
                    secret: str = "s" * 32) -> None:
        outbox = mini.notes_app.state.outbox
        outbox.egress.resolver = _public_dns
        outbox.external = httpx.AsyncClient(transport=httpx.MockTransport(
            lambda r: seen.append(r) or httpx.Response(
                status, headers={"Location": "http://127.0.0.1:5432/"})))
        hook = await mini.notes.post("/api/v1/notes/webhooks", headers=self._admin(mini), json={
            "url": "https://hooks.example.com/in", "secret": secret,
            "event_types": ["note.created"]})
        assert hook.status_code == 201, hook.text

    async def test_webhook_receives_signed_event_at_the_checked_address(self, mini: Mini):
        seen: list[httpx.Request] = []
        await self._hook(mini, seen)
        await _create(mini, "戊")
        await mini.drain()
        [request] = seen
        body = request.content
        assert request.headers["x-zhifa-signature"] == events.sign("s" * 32, body)
        assert json.loads(body)["payload"]["title"] == "戊"
        # pinned: connected to the address that passed the check, Host and SNI kept
        assert request.url.host == "93.184.215.14" and request.headers["host"] == (
            "hooks.example.com")
        assert request.extensions["sni_hostname"] == "hooks.example.com"

    async def test_rebinding_to_a_private_address_is_refused_at_delivery(self, mini: Mini):
        seen: list[httpx.Request] = []
        await self._hook(mini, seen)

        async def rebound(host: str, port: int) -> list[str]:
            return ["127.0.0.1"]
        mini.notes_app.state.outbox.egress.resolver = rebound
        await _create(mini, "己")
        await mini.drain()
        assert seen == []
        async with mini.notes_app.state.sessionmaker() as s:
            row = (await s.scalars(select(notes_platform.Outbox).where(
                notes_platform.Outbox.destination.startswith("webhook:")))).one()
        assert row.status == "pending" and row.last_error == "target refused"

    async def test_redirects_are_not_followed_and_errors_stay_out_of_answers(self, mini):
        seen: list[httpx.Request] = []
        await self._hook(mini, seen, status=302)
        await _create(mini, "庚")
        await mini.drain()
        assert len(seen) == 1  # the 302 to 127.0.0.1:5432 was not followed
        listed = await mini.notes.get("/api/v1/notes/webhooks", headers=self._admin(mini))
        assert listed.status_code == 200
        assert "302" not in listed.text and "error" not in listed.text

    async def test_internal_events_never_reach_external_subscribers(self, mini: Mini):
        seen: list[httpx.Request] = []
        await self._hook(mini, seen)
        outbox = mini.notes_app.state.outbox
        async with mini.notes_app.state.sessionmaker() as s:
            await outbox.emit(s, "note.internal", {"id": "x"})
            await s.commit()
        await mini.drain()
        assert seen == []
        refused = await mini.notes.post("/api/v1/notes/webhooks", headers=self._admin(mini),
                                        json={"url": "https://hooks.example.com/in",
                                              "secret": "s" * 32,
                                              "event_types": ["note.internal"]})
        assert refused.status_code == 422
        assert refused.json()["type"].endswith("/webhook-event-not-public")


class TestIdempotency:
    async def test_same_key_same_body_replays_and_creates_nothing(self, mini: Mini):
        from minisvc import Note
        first = await _create(mini, "己", headers={"Idempotency-Key": "k1"})
        again = await _create(mini, "己", headers={"Idempotency-Key": "k1"})
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
        assert await mini.count(Note) == 1
        assert await mini.count(notes_platform.Outbox) == 1

    async def test_same_key_other_body_is_422(self, mini: Mini):
        await _create(mini, "庚", headers={"Idempotency-Key": "k2"})
        resp = await _create(mini, "辛", headers={"Idempotency-Key": "k2"})
        assert resp.status_code == 422
        assert resp.json()["type"].endswith("/idempotency-key-reused")

    async def test_keys_are_scoped_per_subject(self, mini: Mini):
        from minisvc import Note
        await _create(mini, "壬", headers={"Idempotency-Key": "k3"})
        other = {"Authorization": "Bearer " + auth.issue_access_token(
            auth.KeyRing.load(mini.notes_app.state.settings.jwt.keys_dir),
            mini.notes_app.state.settings.jwt, subject="u2", roles=["officer"])}
        resp = await mini.notes.post("/api/v1/notes/notes", json={"title": "壬"},
                                     headers=other | {"Idempotency-Key": "k3"})
        assert resp.status_code == 201 and "idempotent-replayed" not in resp.headers
        assert await mini.count(Note) == 2


class TestConcurrencyAndPages:
    async def test_stale_if_match_is_412_and_missing_is_428(self, mini: Mini):
        note = (await _create(mini, "癸")).json()
        url = f"/api/v1/notes/notes/{note['id']}"
        ok = await mini.notes.put(url, json={"title": "新"},
                                  headers=mini.auth | {"If-Match": 'W/"1"'})
        assert ok.status_code == 200 and ok.headers["etag"] == 'W/"2"'
        stale = await mini.notes.put(url, json={"title": "旧"},
                                     headers=mini.auth | {"If-Match": 'W/"1"'})
        assert stale.status_code == 412 and stale.json()["current_version"] == 2
        missing = await mini.notes.put(url, json={"title": "无"}, headers=mini.auth)
        assert missing.status_code == 428

    async def test_keyset_pages_cover_every_row_once(self, mini: Mini):
        for i in range(5):
            await _create(mini, f"n{i}")
        seen, cursor = [], None
        while True:
            page = (await mini.notes.get("/api/v1/notes/notes", params={"limit": 2} | (
                {"cursor": cursor} if cursor else {}), headers=mini.auth)).json()
            seen += [i["title"] for i in page["items"]]
            if not (cursor := page["next_cursor"]):
                break
        assert sorted(seen) == [f"n{i}" for i in range(5)]

    async def test_bad_cursor_is_400(self, mini: Mini):
        resp = await mini.notes.get("/api/v1/notes/notes?cursor=%%%", headers=mini.auth)
        assert resp.status_code == 400
        assert resp.json()["type"].endswith("/invalid-cursor")


class TestProblems:
    async def test_validation_errors_are_field_level_chinese(self, mini: Mini):
        resp = await mini.notes.post("/api/v1/notes/notes", json={"title": ""},
                                     headers=mini.auth)
        assert resp.status_code == 422
        assert resp.headers["content-type"].startswith("application/problem+json")
        body = resp.json()
        assert body["type"].endswith("/validation-error") and body["title"] == "请求参数校验失败"
        assert body["errors"][0]["field"] == "title"

    async def test_malformed_json_is_422_not_500(self, mini: Mini):
        resp = await mini.notes.post("/api/v1/notes/notes", content=b"{not json",
                                     headers=mini.auth | {"content-type": "application/json"})
        assert resp.status_code == 422

    async def test_money_is_exact_fen_and_refuses_three_decimals(self, mini: Mini):
        ok = await _create(mini, "钱", amount="0.29")
        assert ok.json()["amount_fen"] == 29
        bad = await _create(mini, "钱", amount="1.005")
        assert bad.status_code == 422 and "两位小数" in bad.json()["errors"][0]["message"]

    async def test_unknown_route_and_method_are_problems(self, mini: Mini):
        nf = await mini.notes.get("/api/v1/notes/nowhere")
        assert nf.status_code == 404 and nf.json()["type"].endswith("/not-found")
        na = await mini.notes.delete("/api/v1/notes/notes")
        assert na.status_code == 405 and na.headers["content-type"].startswith(
            "application/problem+json")

    async def test_unknown_id_is_404_problem(self, mini: Mini):
        resp = await mini.notes.put(f"/api/v1/notes/notes/{uuid.uuid4()}", json={"title": "x"},
                                    headers=mini.auth | {"If-Match": "*"})
        assert resp.status_code == 404 and resp.json()["type"].endswith("/note-missing")
