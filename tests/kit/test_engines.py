"""kit.engines on PostgreSQL: a pooled connection is pinged only after sitting idle (and a dead
one is replaced, not handed to the request), and a GET's session runs in autocommit and refuses
to write (through `CommittingRoute`, a GET that inserts fails and leaves nothing behind, unless
the route is marked `WRITES_ON_READ`)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from harness import PG_URL
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from kit import engines, errors
from kit.db import WRITES_ON_READ, CommittingRoute, SessionDep

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL only (ZHIFA_TEST_DATABASE_URL)")


@pytest.fixture
async def url() -> AsyncIterator[str]:
    assert PG_URL
    name = f"zt_eng_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


def _statements(engine: AsyncEngine) -> list[str]:
    seen: list[str] = []
    event.listen(engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(statement))
    return seen


async def _backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def _terminate(url: str, pid: int) -> None:
    killer = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with killer.connect() as conn:
        await conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    await killer.dispose()


async def test_a_connection_used_a_moment_ago_is_not_pinged(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(engines, "CLOCK", lambda: now[0])
    engine = engines.create_engine(url, pool_size=1, ping_idle_seconds=10)
    pings: list[object] = []
    pid = await _backend_pid(engine)  # connected and checked in at t=1000
    adapter = type(await _raw(engine))  # SQLAlchemy's asyncpg connection adapter
    real_ping = adapter.ping
    monkeypatch.setattr(adapter, "ping", lambda self: (pings.append(self), real_ping(self))[1])
    now[0] += 9
    assert await _backend_pid(engine) == pid and pings == []  # idle 9 s < 10 s: no ping
    now[0] += 11
    assert await _backend_pid(engine) == pid and len(pings) == 1  # idle 11 s: pinged, alive
    await engine.dispose()


async def _raw(engine: AsyncEngine) -> object:
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        return raw.dbapi_connection


async def test_a_dead_idle_connection_is_replaced_before_the_request_uses_it(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(engines, "CLOCK", lambda: now[0])
    engine = engines.create_engine(url, pool_size=1, ping_idle_seconds=10)
    pid = await _backend_pid(engine)
    await _terminate(url, pid)  # e.g. a PostgreSQL restart while the pool sat idle
    now[0] += 60
    new_pid = await _backend_pid(engine)  # no error: the ping failed, the pool reconnected
    assert new_pid != pid
    await engine.dispose()


async def test_without_the_ping_a_dead_connection_fails_one_request(url: str) -> None:
    engine = engines.create_engine(url, pool_size=1, ping_idle_seconds=None)
    pid = await _backend_pid(engine)
    await _terminate(url, pid)
    with pytest.raises(DBAPIError):
        await _backend_pid(engine)
    assert await _backend_pid(engine) != pid  # the pool was renewed after the failure
    await engine.dispose()


async def test_a_read_session_sends_no_begin_or_commit_and_refuses_writes(url: str) -> None:
    engine = engines.create_engine(url, pool_size=2)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (id int PRIMARY KEY, body text)"))
    reader = engines.read_sessionmaker(engine)
    assert reader is not None
    async with reader() as s:  # autocommit: each statement is its own transaction
        first = (await s.execute(text("SELECT txid_current()"))).scalar_one()
        second = (await s.execute(text("SELECT txid_current()"))).scalar_one()
        assert first != second
        await s.commit()
        with pytest.raises(engines.ReadSessionWrote):
            await s.execute(text("INSERT INTO notes VALUES (1, 'x')"))
        with pytest.raises(engines.ReadSessionWrote):
            await s.execute(text("WITH t AS (SELECT 1) UPDATE notes SET body = 'y'"))
    async with engines.make_sessionmaker(engine)() as s:  # the write session: one transaction
        first = (await s.execute(text("SELECT txid_current()"))).scalar_one()
        assert (await s.execute(text("SELECT txid_current()"))).scalar_one() == first
        assert (await s.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 0
    assert engines.WRITES.search("SELECT * FROM notes FOR UPDATE") is None
    await engine.dispose()


async def test_committing_route_reads_in_autocommit_and_a_get_that_writes_fails(url: str) -> None:
    engine = engines.create_engine(url, pool_size=2)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (id int PRIMARY KEY, body text)"))
    statements = _statements(engine)
    router = APIRouter(route_class=CommittingRoute)

    @router.get("/notes")
    async def count(session: SessionDep) -> dict[str, int]:
        xids = [(await session.execute(text("SELECT txid_current()"))).scalar_one()
                for _ in range(2)]
        return {"n": (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one(),
                "transactions": len(set(xids))}

    @router.get("/notes/sneaky")
    async def sneaky(session: SessionDep) -> dict[str, int]:
        await session.execute(text("INSERT INTO notes VALUES (2, 'get')"))
        return {"n": 1}

    @router.get("/notes/rendered", dependencies=[WRITES_ON_READ])  # e.g. a PDF kept once made
    async def rendered(session: SessionDep) -> dict[str, int]:
        await session.execute(text("INSERT INTO notes VALUES (3, 'kept')"))
        return {"n": 1}

    @router.post("/notes")
    async def add(session: SessionDep) -> dict[str, int]:
        await session.execute(text("INSERT INTO notes VALUES (1, 'post')"))
        return {"n": 1}

    app = FastAPI()
    app.state.sessionmaker = engines.make_sessionmaker(engine)
    app.state.read_sessionmaker = engines.read_sessionmaker(engine)
    errors.install_handlers(app)
    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                                 base_url="http://t") as c:
        assert (await c.post("/notes")).status_code == 200
        assert (await c.get("/notes/sneaky")).status_code == 500
        assert (await c.get("/notes/rendered")).status_code == 200
        statements.clear()
        # the POST's and the marked GET's rows, not the sneaky one; each statement its own
        # transaction (autocommit)
        assert (await c.get("/notes")).json() == {"n": 2, "transactions": 2}
    assert statements == ["SELECT txid_current()"] * 2 + ["SELECT count(*) FROM notes"]
    await engine.dispose()
