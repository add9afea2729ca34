"""Webhooks: published and withdrawn records reach a real HTTP receiver, HMAC-signed, retried."""

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
from sqlalchemy import update

from services.publicity.models import platform

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


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    rec, port = Receiver(), _free_port()
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


async def _subscribe(zhifa, url: str) -> None:
    resp = await zhifa.client.post("/api/v1/publicity/webhooks", headers=zhifa.headers("sysadmin"),
                                   json={"url": url, "secret": SECRET,
                                         "event_types": ["publicity.published",
                                                         "publicity.withdrawn"]})
    assert resp.status_code == 201


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
        outbox = platform.Outbox
        async with zhifa.session("publicity") as session:
            await session.execute(update(outbox).values(next_attempt_at=outbox.occurred_at))
            await session.commit()
        await zhifa.drain()
        assert [e["type"] for e in rec.events] == ["publicity.published"]
