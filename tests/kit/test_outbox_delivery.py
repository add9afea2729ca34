"""The outbox worker delivers (destination, aggregate) groups side by side — a slow subscriber
does not hold up the others — and keeps each aggregate's events in order per destination."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import httpx

from kit.events import Outbox


def _row(destination: str, aggregate: str, n: int) -> SimpleNamespace:
    return SimpleNamespace(destination=f"service:{destination}", aggregate_id=aggregate,
                           event_type="thing.happened", event_id=uuid.uuid4(),
                           occurred_at=datetime(2026, 12, 3, tzinfo=UTC), payload={"n": n})


def _outbox(received: list[tuple[str, int]], slow_gate: asyncio.Event | None) -> Outbox:
    def client(name: str) -> httpx.AsyncClient:
        async def handle(request: httpx.Request) -> httpx.Response:
            if name == "slow" and slow_gate is not None:
                await slow_gate.wait()
            received.append((name, json.loads(request.content)["payload"]["n"]))
            if name == "fast" and len([r for r in received if r[0] == "fast"]) == 2 \
                    and slow_gate is not None:
                slow_gate.set()  # only reachable while "slow" is still waiting
            return httpx.Response(200, json={"status": "accepted"})

        return httpx.AsyncClient(transport=httpx.MockTransport(handle), base_url="http://x")

    box = Outbox(service="test", outbox_model=object, webhook_model=object, subscriptions={})
    box.clients = {"slow": client("slow"), "fast": client("fast")}
    box.token_factory = lambda: "token"
    return box


ROWS = [("slow", "A", 1), ("fast", "B", 2), ("slow", "A", 3), ("fast", "B", 4)]


async def test_a_slow_destination_does_not_hold_up_the_others() -> None:
    received: list[tuple[str, int]] = []
    gate = asyncio.Event()
    box = _outbox(received, gate)
    rows = [_row(*r) for r in ROWS]
    # "slow" answers only after "fast" has received both of its events: delivered one after
    # the other this would never finish (the guard turns that into a failure, not a hang)
    results = await asyncio.wait_for(box._deliver_groups(rows, {}, width=8), 30)
    assert [e for _, e in results] == [None] * 4
    assert received == [("fast", 2), ("fast", 4), ("slow", 1), ("slow", 3)]


async def test_one_aggregate_reaches_a_destination_in_order_and_width_one_is_sequential(
) -> None:
    received: list[tuple[str, int]] = []
    box = _outbox(received, None)
    rows = [_row(*r) for r in ROWS] + [_row("slow", "C", 5), _row("slow", "A", 6)]
    results = await box._deliver_groups(rows, {}, width=1)
    # groups in the order of their first row; inside a group the rows' order
    assert received == [("slow", 1), ("slow", 3), ("slow", 6), ("fast", 2), ("fast", 4),
                        ("slow", 5)]
    assert len(results) == 6 and all(e is None for _, e in results)


async def test_a_failed_delivery_is_reported_for_its_row_only() -> None:
    async def handle(request: httpx.Request) -> httpx.Response:
        n = json.loads(request.content)["payload"]["n"]
        return httpx.Response(500 if n == 2 else 200)

    box = Outbox(service="test", outbox_model=object, webhook_model=object, subscriptions={})
    box.clients = {name: httpx.AsyncClient(transport=httpx.MockTransport(handle),
                                           base_url="http://x") for name in ("slow", "fast")}
    box.token_factory = lambda: "token"
    rows: list[Any] = [_row(*r) for r in ROWS]
    errors = {row.payload["n"]: e for row, e in await box._deliver_groups(rows, {}, width=8)}
    assert errors == {1: None, 2: "HTTP 500", 3: None, 4: None}
