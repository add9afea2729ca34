"""Engines and session makers. SQLite: one file, pragmas, real savepoints. PostgreSQL (asyncpg):
a pool whose connections are pinged only after sitting idle, and a read session maker for the
requests that only read.

Round trips are the cost of a short request here: SQLAlchemy's `pool_pre_ping` on asyncpg sends
BEGIN, `;` and ROLLBACK on every checkout, and every transaction adds BEGIN and COMMIT — a
one-SELECT list page made six trips to PostgreSQL. A connection used a moment ago is pinged no
more (`ping_idle_seconds`), and a GET's session runs in autocommit: under READ COMMITTED (the
default, which no code here changes) every statement takes its own snapshot in a transaction
too, so a read gains nothing from BEGIN/COMMIT. A read session refuses to write: a GET that
inserts, updates or deletes fails loudly instead of committing statement by statement."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|ALTER|CREATE|DROP|GRANT)\b"
                    r"|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\S+\s+SET\b", re.I)


# the pool's clock for idle times (tests move it instead of sleeping)
CLOCK = time.monotonic


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def create_engine(url: str, pool_size: int = 10, ping_idle_seconds: float | None = 10.0
                  ) -> AsyncEngine:
    """`ping_idle_seconds` (PostgreSQL): a connection idle at least this long is pinged before
    use and replaced if dead; 0 pings every checkout; None never pings (a dead connection then
    fails one request and the pool is renewed)."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    engine = create_async_engine(url, json_serializer=_json_dumps, pool_size=pool_size,
                                 max_overflow=pool_size)
    if ping_idle_seconds is not None:
        _ping_when_idle(engine, ping_idle_seconds)
    return engine


def _ping_when_idle(engine: AsyncEngine, idle_seconds: float) -> None:
    """SQLAlchemy's "pessimistic disconnect handling" recipe, skipped for a connection checked
    in less than `idle_seconds` ago (raising DisconnectionError makes the pool retry)."""
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "connect")
    @event.listens_for(pool, "checkin")
    def _mark(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info["idle_since"] = CLOCK()

    @event.listens_for(pool, "checkout")
    def _ping(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is not None and CLOCK() - since < idle_seconds:
            return
        try:
            dbapi_conn.ping()
        except Exception as error:
            raise exc.DisconnectionError() from error


def _sqlite_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(url, json_serializer=_json_dumps, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine.sync_engine, "savepoint")
    def _begin_before_savepoint(conn: Any, _name: Any) -> None:
        # pysqlite opens a transaction only before INSERT/UPDATE/DELETE: a SAVEPOINT issued
        # first then runs outside any transaction, and its RELEASE commits for good — the
        # nested work would survive a rollback (or a kill -9) of the request. Open the real
        # transaction first so a savepoint is only ever a savepoint.
        driver = conn.connection.dbapi_connection._connection  # aiosqlite.Connection
        if not driver.in_transaction:
            conn.exec_driver_sql("BEGIN")

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


class ReadSessionWrote(RuntimeError):
    """A statement that writes, sent through a read session (a GET's)."""


def read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession] | None:
    """Sessions in autocommit that refuse to write, for GET and HEAD (`kit.db.CommittingRoute`);
    None on SQLite (its reads open no transaction anyway)."""
    if engine.dialect.name == "sqlite":
        return None
    reader = engine.execution_options(isolation_level="AUTOCOMMIT")

    @event.listens_for(reader.sync_engine, "before_cursor_execute")
    def _refuse_writes(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if WRITES.search(statement):
            raise ReadSessionWrote(f"a read (GET) session may not write: {statement[:80]}")

    return make_sessionmaker(reader)
