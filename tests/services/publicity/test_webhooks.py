"""Webhooks: published and withdrawn records reach a real HTTP receiver, HMAC-signed, retried;
only public events, only within the subscriber's region, only to allowed targets (issue 10,
points 1–2). The receiver listens on 127.0.0.1, admitted by ZHIFA_WEBHOOK_ALLOWED_TARGETS."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Request, Response
from harness import Platform, platform
from sqlalchemy import update

from services.publicity.models import platform as publicity_platform

SECRET = "webhook-secret-0123456789"


class Receiver:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self.fail_next = 0
        self.app = FastAPI()

        @self.app.post("/hook")
        async def hook(request: Request) -> Response:
            body = await request.body()
            expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, request.headers.get("x-zhifa-signature", "")):
                self.bad_signatures += 1
                return Response(status_code=401)
            if self.fail_next:
                self.fail_next -= 1
                return Response(status_code=503)
            self.events.append(json.loads(body))
            return Response(status_code=204)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = _free_port()


@pytest.fixture
async def zhifa(databases, tmp_path, keys_dir) -> AsyncIterator[Platform]:
    """The platform with exactly the receiver's host:port on the webhook allow-list."""
    overrides = {"publicity": {"webhook_allowed_targets": f"127.0.0.1:{PORT}"}}
    async with platform(databases, tmp_path, keys_dir, overrides) as p:
        yield p


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    rec, port = Receiver(), PORT
    server = uvicorn.Server(uvicorn.Config(rec.app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    for _ in range(500):  # up to 10 s for the socket to listen
        if server.started:
            break
        await asyncio.sleep(0.02)
    yield rec, f"http://127.0.0.1:{port}/hook"
    server.should_exit = True
    await task


HOOKS = "/api/v1/publicity/webhooks"
PROBLEM = "https://zhifa.dev/problems/"


async def _subscribe(zhifa, url: str, headers: dict[str, str] | None = None,
                     **extra: Any) -> Any:
    resp = await zhifa.client.post(HOOKS, headers=headers or zhifa.headers("sysadmin"),
                                   json={"url": url, "secret": SECRET,
                                         "event_types": ["publicity.published",
                                                         "publicity.withdrawn"], **extra})
    assert resp.status_code == 201, resp.text
    return resp.json()


class TestWebhookDelivery:
    async def test_published_record_is_pushed_signed_and_redacted(self, zhifa, publicity,
                                                                  receiver) -> None:
        rec, url = receiver
        await _subscribe(zhifa, url)
        payload = await publicity.decide()
        await zhifa.drain()
        [event] = rec.events
        assert rec.bad_signatures == 0
        assert event["type"] == "publicity.published"
        assert event["payload"]["document_number"] == payload["document_number"]
        text = json.dumps(event, ensure_ascii=False)
        assert "11010519491231002X" not in text and "13800138000" not in text
        assert "金山路18号" not in text

    async def test_withdrawal_is_pushed_with_reason(self, zhifa, publicity, receiver) -> None:
        rec, url = receiver
        await _subscribe(zhifa, url)
        payload = await publicity.decide()
        await publicity.revoke(payload["case_id"], reason="复议决定撤销")
        await zhifa.drain()
        assert [e["type"] for e in rec.events] == ["publicity.published", "publicity.withdrawn"]
        assert rec.events[1]["payload"]["withdraw_reason"] == "复议决定撤销"

    async def test_failed_delivery_is_retried(self, zhifa, publicity, receiver) -> None:
        rec, url = receiver
        rec.fail_next = 1
        await _subscribe(zhifa, url)
        await publicity.decide()
        await zhifa.drain()
        assert rec.events == []
        outbox = publicity_platform.Outbox
        async with zhifa.session("publicity") as session:
            await session.execute(update(outbox).values(next_attempt_at=outbox.occurred_at))
            await session.commit()
        await zhifa.drain()
        assert [e["type"] for e in rec.events] == ["publicity.published"]


class TestWhoReceivesWhat:
    async def test_subscribers_get_only_their_regions_public_records(self, zhifa, publicity,
                                                                      receiver) -> None:
        rec, url = receiver
        mine = zhifa.headers("supervisor", region_code="500112")
        other = zhifa.headers("supervisor", region_code="500113")
        hook = await _subscribe(zhifa, url, mine)
        assert hook["region_code"] == "500112"
        assert (await _subscribe(zhifa, url, other))["region_code"] == "500113"
        await publicity.decide()  # an agency of town 500112100
        await zhifa.drain()
        assert len(rec.events) == 1  # the 500113 supervisor's subscription got nothing
        # each supervisor lists only the subscriptions of their own region
        listed = (await zhifa.client.get(HOOKS, headers=other)).json()
        assert [h["region_code"] for h in listed] == ["500113"]
        assert len((await zhifa.client.get(HOOKS, headers=zhifa.headers("sysadmin"))).json()) == 2

    async def test_internal_events_and_other_regions_are_refused(self, zhifa) -> None:
        sup = zhifa.headers("supervisor", region_code="500113")
        url = f"http://127.0.0.1:{PORT}/hook"
        for body, status, slug in (
                ({"event_types": ["case.decided"]}, 422, "webhook-event-not-public"),
                ({"region_code": "500112"}, 403, "webhook-out-of-region"),
                ({"region_code": "5001"}, 403, "webhook-out-of-region")):
            resp = await zhifa.client.post(HOOKS, headers=sup,
                                           json={"url": url, "secret": SECRET, **body})
            assert resp.status_code == status and resp.json()["type"] == PROBLEM + slug
        officer = zhifa.headers("officer", region_code="500112100")
        assert (await zhifa.client.get(HOOKS, headers=officer)).status_code == 403
        # internal services carry no external subscriptions at all
        for service in ("cases", "personnel", "review"):
            resp = await zhifa.client.post(f"/api/v1/{service}/webhooks", headers=sup,
                                           json={"url": url, "secret": SECRET})
            assert resp.status_code in (404, 405), service

    async def test_ssrf_targets_are_refused_and_the_answer_is_no_oracle(self, zhifa) -> None:
        answers = set()
        for url in ("http://127.0.0.1:5432/", "http://[::1]:22/",
                    "http://169.254.169.254/latest/meta-data/", f"http://127.0.0.1:{PORT + 1}/",
                    "http://127.0.0.1:8000/api/v1/cases/events", "http://10.0.0.1/",
                    "http://localhost/"):
            resp = await zhifa.client.post(HOOKS, headers=zhifa.headers("sysadmin"),
                                           json={"url": url, "secret": SECRET})
            assert resp.status_code == 422, url
            body = resp.json()
            assert body["type"] == PROBLEM + "webhook-target-refused"
            answers.add(body["detail"])
        assert len(answers) == 1
