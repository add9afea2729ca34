"""Database plumbing: naming convention, UTC type, mixins, request session, commit route (the
engines and session makers: `kit.engines`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy import DateTime, MetaData, Uuid
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from kit import errors

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC everywhere; stored naive-UTC on SQLite, timestamptz on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# ids planned per table for the inserts of this task (`planned_ids`); None almost always
PLANNED_IDS: ContextVar[dict[str, list[uuid.UUID]] | None] = ContextVar("planned_ids",
                                                                        default=None)


def new_id(context: Any) -> uuid.UUID:
    """A new primary key: uuid4, unless the running task planned this table's next id. Only
    `zhifa demo load` plans ids, so the demo district's records have the stable ids the
    OpenAPI examples name ("Try it out" works against the demo)."""
    plan = PLANNED_IDS.get()
    if plan:  # `context` (required: SQLAlchemy passes it only then): a table name or its own
        table = context if isinstance(context, str) else context.compiled.statement.table.name
        ids = plan.get(table, [])
        if ids:
            return ids.pop(0)
    return uuid.uuid4()


@contextmanager
def planned_ids(**tables: list[uuid.UUID]) -> Iterator[None]:
    """`with planned_ids(cases=[id]): POST ...` — the next insert into `cases` takes `id`."""
    token = PLANNED_IDS.set({name: list(ids) for name, ids in tables.items()})
    try:
        yield
    finally:
        PLANNED_IDS.reset(token)


class UUIDPk:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)


def make_base() -> type[DeclarativeBase]:
    """A fresh declarative base with its own metadata, one per service."""

    class Base(DeclarativeBase):
        metadata = make_metadata()

    return Base


async def get_session(request: Request) -> AsyncSession:
    """The request's one session: opened on first use (`/status` opens none)."""
    session: AsyncSession | None = getattr(request.state, "session", None)
    if session is None:
        maker = getattr(request.state, "session_maker", None)
        if maker is None:
            raise RuntimeError("route is not a CommittingRoute")
        session = request.state.session = maker()
    return session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def _finish(request: Request, commit: bool) -> None:
    """Commit (or roll back) the request's session, if it was opened and began a transaction."""
    session: AsyncSession | None = request.state.session
    if session is not None and session.in_transaction():
        await (session.commit() if commit else session.rollback())


READ_METHODS = frozenset({"GET", "HEAD"})


def writes_on_read() -> None:
    """In a GET route's `dependencies` when it writes (a document rendered and kept on first
    download): it then gets the ordinary session, one transaction, as a POST does."""


WRITES_ON_READ = Depends(writes_on_read)


def _marked(dependant: Any) -> bool:
    return any(d.call is writes_on_read or _marked(d) for d in dependant.dependencies)


class CommittingRoute(APIRoute):
    """Owns the request session (opened by `get_session`): commits it after the handler returns
    and before the response is sent (a failed commit is a 5xx, never a lost write behind a
    2xx), rolls it back on any error or 4xx/5xx answer, and closes it. GET and HEAD read through
    `state.read_sessionmaker` when there is one (autocommit, refuses writes: `kit.engines`),
    unless the route carries `WRITES_ON_READ`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        reads_only = not _marked(self.dependant)

        async def route_handler(request: Request) -> Response:
            state = request.app.state
            maker = getattr(state, "sessionmaker", None)
            if maker is None:
                return await handler(request)
            if reads_only and request.method in READ_METHODS:  # kit.engines.read_sessionmaker
                maker = getattr(state, "read_sessionmaker", None) or maker
            request.state.session_maker, request.state.session = maker, None
            try:
                hook = getattr(request.app.state, "around_request", None)
                response = await (hook(request, handler) if hook else handler(request))
                await _finish(request, response.status_code < 400)
                return response
            except BaseException as exc:  # a Problem may keep its changes (`persist_changes`)
                await _finish(request, isinstance(exc, errors.Problem) and exc.persist_changes)
                if isinstance(exc, StaleDataError):  # a concurrent writer bumped the version
                    raise errors.ConcurrentUpdate() from exc
                raise
            finally:
                session = request.state.session
                request.state.session = request.state.session_maker = None
                if session is not None:
                    await session.close()

        return route_handler
