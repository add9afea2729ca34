"""The event tables every service declares on its own Base (outbox, inbox, webhook
subscriptions) and the idempotent inbox: consumers record event ids (`accept_event`), so a
redelivery changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text, Uuid
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UTCDateTime, utcnow

EventHandler = Callable[[AsyncSession, dict[str, Any]], Awaitable[None]]


class OutboxMixin:
    __tablename__ = "outbox_events"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    event_type: Mapped[str] = mapped_column(String(80), nullable=False)
    aggregate_id: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str] = mapped_column(String(200), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboxMixin:
    __tablename__ = "inbox_events"
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(80), nullable=False)
    source: Mapped[str] = mapped_column(String(40), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class WebhookMixin:
    __tablename__ = "webhook_subscriptions"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    url: Mapped[str] = mapped_column(String(500), nullable=False)
    secret: Mapped[str] = mapped_column(String(128), nullable=False)
    event_types: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    description: Mapped[str | None] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


_UPSERT: dict[str, Any] = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


async def accept_event(session: AsyncSession, inbox_model: type, event: dict[str, Any],
                       handlers: Mapping[str, EventHandler]) -> str:
    """Record the event id and run its handler in the caller's transaction; a redelivery is a
    no-op answered `duplicate`. On PostgreSQL and SQLite the record is one `INSERT … ON
    CONFLICT DO NOTHING RETURNING` (a concurrent redelivery waits for the first and then finds
    the row); elsewhere a lookup and an insert in a savepoint."""
    event_id = uuid.UUID(str(event["id"]))
    row = {"event_id": event_id, "event_type": event["type"],
           "source": str(event.get("source", ""))}
    insert = _UPSERT.get(session.bind.dialect.name)
    if insert is not None:
        key = inbox_model.event_id  # type: ignore[attr-defined]
        recorded = await session.scalar(insert(inbox_model).values(**row).on_conflict_do_nothing(
            index_elements=[key]).returning(key))
        if recorded is None:
            return "duplicate"
    elif await session.get(inbox_model, event_id) is not None:
        return "duplicate"
    else:
        try:
            async with session.begin_nested():
                session.add(inbox_model(**row))
        except IntegrityError:
            return "duplicate"
    handler = handlers.get(event["type"])
    if handler is None:
        return "ignored"
    await handler(session, event)
    return "processed"
