"""The transactional outbox and its delivery worker.

A state change and its event are written in one transaction (`Outbox.emit`); the worker delivers
each (event, destination) row at least once with exponential backoff — `FOR UPDATE SKIP LOCKED`
on PostgreSQL so replicas can share the work — to internal services (POST with a service token)
and to external webhooks (HMAC-SHA256 signed) whose subscriber's scope (`in_scope`) admits the
event."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import random
import uuid
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kit.db import utcnow
from kit.egress import EgressPolicy, WebhookTargetRefused

log = logging.getLogger("zhifa.events")


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def envelope(row: Any, source: str) -> dict[str, Any]:
    return {"id": str(row.event_id), "type": row.event_type, "source": source,
            "aggregate_id": row.aggregate_id, "occurred_at": row.occurred_at.isoformat(),
            "payload": row.payload}


class Outbox:
    """Writes events inside the caller's transaction and delivers them afterwards."""

    def __init__(self, *, service: str, outbox_model: type, webhook_model: type,
                 subscriptions: Mapping[str, list[str]], max_attempts: int = 20,
                 max_backoff: float = 300.0,
                 public_events: tuple[str, ...] = (), egress: EgressPolicy | None = None,
                 in_scope: Callable[[Any, Mapping[str, Any]], bool] | None = None,
                 concurrency: int = 8) -> None:
        self.service, self.model, self.webhooks = service, outbox_model, webhook_model
        self.subscriptions, self.max_attempts = subscriptions, max_attempts
        self.max_backoff = max_backoff
        # only these event types (public, already redacted records) leave the platform;
        # every other event travels only to the platform's own services
        self.public_events = frozenset(public_events)
        self.egress = egress or EgressPolicy()
        # whether an event lies inside a webhook subscriber's scope (default: every event)
        self.in_scope = in_scope or (lambda hook, payload: True)
        self.clients: dict[str, httpx.AsyncClient] = {}
        self.token_factory: Callable[[], str] | None = None
        self.external: httpx.AsyncClient | None = None
        self.concurrency = max(1, concurrency)

    async def emit(self, session: AsyncSession, event_type: str, payload: dict[str, Any],
                   aggregate_id: str | None = None) -> uuid.UUID:
        event_id = uuid.uuid4()
        destinations = [f"service:{s}" for s in self.subscriptions.get(event_type, [])]
        if event_type in self.public_events:
            hooks = (await session.scalars(select(self.webhooks).where(
                self.webhooks.is_active.is_(True)))).all()
            destinations += [f"webhook:{h.id}" for h in hooks
                             if (not h.event_types or event_type in h.event_types)
                             and self.in_scope(h, payload)]
        now = utcnow()
        for dest in destinations:
            session.add(self.model(event_id=event_id, event_type=event_type, payload=payload,
                                   aggregate_id=aggregate_id, destination=dest,
                                   occurred_at=now, next_attempt_at=now))
        return event_id

    async def run_once(self, maker: async_sessionmaker[AsyncSession], limit: int = 50) -> int:
        """Deliver due rows once; returns how many were delivered."""
        delivered = 0
        async with maker() as session:
            locking = session.bind.dialect.name == "postgresql"
            stmt = (select(self.model)
                    .where(self.model.status == "pending", self.model.next_attempt_at <= utcnow())
                    .order_by(self.model.occurred_at, self.model.id).limit(limit))
            if locking:
                stmt = stmt.with_for_update(skip_locked=True)
            rows = list((await session.scalars(stmt)).all())
            if not locking:
                await session.commit()
            hooks = await self._hooks_of(session, rows)
            width = self.concurrency if locking else 1  # SQLite: one writer, one at a time
            for row, error in await self._deliver_groups(rows, hooks, width):
                self._record(row, error)
                delivered += error is None
            await session.commit()
        return delivered

    async def _hooks_of(self, session: AsyncSession, rows: list[Any]) -> dict[str, Any]:
        """The webhook subscriptions the due rows name, read once before delivering."""
        ids = {r.destination.partition(":")[2] for r in rows
               if r.destination.startswith("webhook:")}
        found = (await session.scalars(select(self.webhooks).where(self.webhooks.id.in_(
            [uuid.UUID(i) for i in ids])))).all() if ids else []
        return {str(h.id): h for h in found}

    async def _deliver_groups(self, rows: list[Any], hooks: dict[str, Any], width: int
                              ) -> list[tuple[Any, str | None]]:
        """Each (destination, aggregate)'s rows in order, up to `width` groups at once: a slow
        subscriber holds up no other, an aggregate's events reach a destination in order."""
        groups: dict[tuple[str, Any], list[Any]] = {}
        for row in rows:
            groups.setdefault((row.destination, row.aggregate_id), []).append(row)
        gate = asyncio.Semaphore(width)
        results: list[tuple[Any, str | None]] = []

        async def one_group(group: list[Any]) -> None:
            async with gate:
                for row in group:
                    results.append((row, await self._deliver(row, hooks)))

        await asyncio.gather(*(one_group(g) for g in groups.values()))
        return results

    def _record(self, row: Any, error: str | None) -> None:
        row.attempts += 1
        if error is None:
            row.status, row.delivered_at, row.last_error = "delivered", utcnow(), None
            return
        row.last_error = error[:500]
        if row.attempts >= self.max_attempts:
            row.status = "dead"
            log.error("event %s to %s is dead: %s", row.event_id, row.destination, error)
            return
        delay = min(2 ** row.attempts, self.max_backoff) * (0.5 + random.random() / 2)
        row.next_attempt_at = utcnow() + timedelta(seconds=delay)

    async def _deliver(self, row: Any, hooks: Mapping[str, Any]) -> str | None:
        kind, _, target = row.destination.partition(":")
        body = json.dumps(envelope(row, self.service), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "X-Zhifa-Event": row.event_type,
                   "X-Zhifa-Event-Id": str(row.event_id)}
        try:
            if kind == "service":
                client = self.clients.get(target)
                if client is None or self.token_factory is None:
                    return f"no upstream configured for {target}"
                headers["Authorization"] = f"Bearer {self.token_factory()}"
                resp = await asyncio.wait_for(client.post(
                    f"/api/v1/{target}/events", content=body, headers=headers), 15)
            else:
                hook = hooks.get(target)
                if hook is None or not hook.is_active or row.event_type not in self.public_events:
                    return "webhook subscription removed"
                resp = await self._post_external(hook, body, headers)
        except WebhookTargetRefused:
            return "target refused"  # checked again at every delivery (DNS rebinding)
        except (httpx.HTTPError, TimeoutError) as exc:
            return type(exc).__name__
        return None if resp.status_code < 300 else f"HTTP {resp.status_code}"

    async def _post_external(self, hook: Any, body: bytes, headers: dict[str, str]
                             ) -> httpx.Response:
        """POST to the address that passed the SSRF check, never following a redirect."""
        pinned = await self.egress.check(hook.url)
        headers = headers | {"X-Zhifa-Signature": sign(hook.secret, body),
                             "Host": pinned.host_header}
        client = self.external or httpx.AsyncClient(timeout=10, follow_redirects=False)
        self.external = client
        return await asyncio.wait_for(client.post(
            pinned.connect_url, content=body, headers=headers, follow_redirects=False,
            extensions={"sni_hostname": pinned.server_name}), 15)

    async def drain(self, maker: async_sessionmaker[AsyncSession], rounds: int = 20) -> None:
        """Deliver until nothing is due (tests and CLI)."""
        for _ in range(rounds):
            if not await self.run_once(maker):
                return

    async def worker(self, maker: async_sessionmaker[AsyncSession], poll: float) -> None:
        while True:
            try:
                if await self.run_once(maker):
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:  # keep the worker alive; the row stays pending
                log.exception("outbox worker round failed")
            await asyncio.sleep(poll)

    async def close(self) -> None:
        if self.external is not None:
            await self.external.aclose()


