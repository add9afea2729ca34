"""The idempotent inbox (kit.events.accept_event): an event id is recorded once and its handler
runs once — also when two deliveries of the same event arrive at the same time — with one
statement on PostgreSQL and SQLite (`INSERT … ON CONFLICT DO NOTHING RETURNING`)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from harness import PG_URL, Platform
from sqlalchemy import event, func, select

from kit.events import accept_event
from services.publicity.models import platform

INBOX = platform.Inbox


async def test_recorded_once_in_one_statement(zhifa: Platform) -> None:
    app = zhifa.apps["publicity"]
    inbox, ran = INBOX, []

    async def handler(session: Any, evt: dict[str, Any]) -> None:
        ran.append(evt["id"])

    evt = {"id": str(uuid.uuid4()), "type": "thing.happened", "source": "cases"}
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(app.state.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with app.state.sessionmaker() as session:
            assert await accept_event(session, inbox, evt, {"thing.happened": handler}) \
                == "processed"
            assert len(statements) == 1 and "ON CONFLICT" in statements[0].upper()
            await session.commit()
        async with app.state.sessionmaker() as session:
            assert await accept_event(session, inbox, evt, {"thing.happened": handler}) \
                == "duplicate"
            await session.commit()
    finally:
        event.remove(app.state.engine.sync_engine, "before_cursor_execute", count)
    assert ran == [evt["id"]]
    async with app.state.sessionmaker() as session:
        rows = await session.scalar(select(func.count()).select_from(inbox).where(
            inbox.event_id == uuid.UUID(evt["id"])))
    assert rows == 1


@pytest.mark.skipif(not PG_URL, reason="concurrent writers: PostgreSQL")
async def test_two_deliveries_at_once_run_the_handler_once(zhifa: Platform) -> None:
    app = zhifa.apps["publicity"]
    inbox, ran = INBOX, []
    first_in = asyncio.Event()
    release = asyncio.Event()

    async def handler(session: Any, evt: dict[str, Any]) -> None:
        ran.append(evt["id"])
        first_in.set()
        await release.wait()  # hold the first transaction open while the second arrives

    evt = {"id": str(uuid.uuid4()), "type": "thing.happened", "source": "cases"}

    async def deliver() -> str:
        async with app.state.sessionmaker() as session:
            status = await accept_event(session, inbox, evt, {"thing.happened": handler})
            await session.commit()
            return status

    one = asyncio.create_task(deliver())
    await asyncio.wait_for(first_in.wait(), 10)
    two = asyncio.create_task(deliver())  # blocks on the first one's row until it commits
    await asyncio.sleep(0.3)
    assert not two.done()
    release.set()
    assert sorted(await asyncio.gather(one, two)) == ["duplicate", "processed"]
    assert ran == [evt["id"]]
