"""Two tiny services built only from kit — a producer (`notes`) and a consumer (`sink`) — so the
toolkit is tested through real HTTP handling, real commits and real databases."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from pydantic import Field
from sqlalchemy import Date, ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Mapped, mapped_column

from common.app import OutboxDep, ServiceSpec, build_app, platform_models
from common.money import Money
from common.principal import CurrentPrincipal, Principal
from common.settings import ServiceSettings
from kit import errors
from kit.auth import require_roles
from kit.db import CommittingRoute, SessionDep, Timestamps, UUIDPk, make_base
from kit.schemas import ApiModel, Page, check_if_match, decode_cursor, encode_cursor, set_etag

NotesBase = make_base()
notes_platform = platform_models(NotesBase)
SinkBase = make_base()
sink_platform = platform_models(SinkBase)


class Note(UUIDPk, Timestamps, NotesBase):
    __tablename__ = "notes"
    title: Mapped[str] = mapped_column(String(100), nullable=False)
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    due_date: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class NoteLine(UUIDPk, NotesBase):
    __tablename__ = "note_lines"
    note_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(100))


class Received(UUIDPk, SinkBase):
    __tablename__ = "received"
    note_id: Mapped[str] = mapped_column(String(64), nullable=False)
    title: Mapped[str] = mapped_column(String(100), nullable=False)


class NoteCreate(ApiModel):
    title: str = Field(min_length=1, max_length=100)
    amount: Money = 0
    fail_after_write: bool = False


class NoteRead(ApiModel):
    id: uuid.UUID
    title: str
    amount_fen: int
    version: int


class NoteUpdate(ApiModel):
    title: str = Field(min_length=1, max_length=100)


class NoteMissing(errors.Problem):
    status, title = 404, "笔记不存在"


Writer = Annotated[Principal, Depends(require_roles("officer"))]
notes = APIRouter(prefix="/api/v1/notes", tags=["notes"], route_class=CommittingRoute)


@notes.post("/notes", response_model=NoteRead, status_code=201)
async def create_note(body: NoteCreate, session: SessionDep, outbox: OutboxDep,
                      _: Writer) -> Note:
    note = Note(title=body.title, amount_fen=body.amount)
    session.add(note)
    await session.flush()
    await outbox.emit(session, "note.created", {"id": str(note.id), "title": note.title},
                      aggregate_id=str(note.id))
    if body.fail_after_write:
        raise errors.Conflict("写入后拒绝：不得留下半截数据")
    return note


@notes.get("/notes", response_model=Page[NoteRead])
async def list_notes(session: SessionDep, _: CurrentPrincipal, cursor: str | None = None,
                     limit: int = 2) -> Page[NoteRead]:
    stmt = select(Note).order_by(Note.created_at.desc(), Note.id.desc()).limit(limit + 1)
    if (after := decode_cursor(cursor, 2)) is not None:
        from datetime import datetime
        at, nid = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        stmt = stmt.where((Note.created_at < at) | ((Note.created_at == at) & (Note.id < nid)))
    rows = list((await session.scalars(stmt)).all())
    nxt = (encode_cursor([rows[limit - 1].created_at.isoformat(), str(rows[limit - 1].id)])
           if len(rows) > limit else None)
    return Page[NoteRead](items=[NoteRead.model_validate(r) for r in rows[:limit]],
                          next_cursor=nxt, limit=limit)


@notes.put("/notes/{note_id}", response_model=NoteRead)
async def update_note(note_id: uuid.UUID, body: NoteUpdate, request: Request, response: Response,
                      session: SessionDep, _: Writer) -> Note:
    note = await session.get(Note, note_id)
    if note is None:
        raise NoteMissing()
    check_if_match(request, note.version, required=True)
    note.title, note.version = body.title, note.version + 1
    set_etag(response, note.version)
    return note


sink = APIRouter(prefix="/api/v1/sink", tags=["sink"], route_class=CommittingRoute)


@sink.get("/received", response_model=list[str])
async def list_received(session: SessionDep, _: CurrentPrincipal) -> list[str]:
    return [r.title for r in (await session.scalars(select(Received))).all()]


async def on_note_created(session: AsyncSession, event: dict[str, Any]) -> None:
    session.add(Received(note_id=event["payload"]["id"], title=event["payload"]["title"]))


def build(notes_url: str, sink_url: str, jwt: Any) -> tuple[FastAPI, FastAPI]:
    apps: dict[str, Any] = {}
    sink_app = build_app(ServiceSpec("sink", sink, sink_platform,
                                     event_handlers={"note.created": on_note_created}),
                         ServiceSettings(service_name="sink", database_url=sink_url, jwt=jwt,
                                         run_outbox_worker=False), apps)
    notes_app = build_app(ServiceSpec("notes", notes, notes_platform,
                                      public_events=("note.created",)),
                          ServiceSettings(service_name="notes", database_url=notes_url, jwt=jwt,
                                          run_outbox_worker=False,
                                          upstreams={"sink": "asgi://sink"},
                                          subscriptions={"note.created": ["sink"]}), apps)
    apps["sink"] = sink_app
    return notes_app, sink_app


async def create_schema(url: str, base: Any) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(base.metadata.drop_all)
        await conn.run_sync(base.metadata.create_all)
    await engine.dispose()


@contextlib.asynccontextmanager
async def running(*apps: FastAPI) -> AsyncIterator[None]:
    async with contextlib.AsyncExitStack() as stack:
        for app in apps:
            await stack.enter_async_context(app.router.lifespan_context(app))
        yield
