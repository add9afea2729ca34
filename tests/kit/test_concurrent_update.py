"""Two requests that change the same versioned row at once: one wins, the other gets a 409
problem `concurrent-update` (it used to be a 500 from SQLAlchemy's StaleDataError), and the loser
wrote nothing."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
from fastapi import APIRouter, FastAPI
from harness import PG_URL
from sqlalchemy import Integer, String, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit import errors
from kit.db import CommittingRoute, SessionDep
from kit.engines import create_engine, make_sessionmaker


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


async def test_the_losing_writer_gets_409_and_writes_nothing(tmp_path: Path) -> None:
    name = f"zt_cu_{uuid.uuid4().hex[:8]}"
    if PG_URL:
        admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()
        url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite+aiosqlite:///{tmp_path}/cu.db"
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    maker = make_sessionmaker(engine)
    async with maker() as s:
        s.add(Item(id=1, name="原"))
        await s.commit()
    both_read = asyncio.Barrier(2)
    router = APIRouter(route_class=CommittingRoute)

    @router.post("/items/1")
    async def rename(new: str, session: SessionDep) -> dict[str, str]:
        item = await session.get(Item, 1)
        assert item is not None
        await both_read.wait()  # both requests hold version 1 before either writes
        item.name = new
        await session.flush()
        return {"name": item.name}

    app = FastAPI()
    app.state.sessionmaker = maker
    errors.install_handlers(app)
    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as c:
        a, b = await asyncio.gather(c.post("/items/1", params={"new": "甲"}),
                                    c.post("/items/1", params={"new": "乙"}))
    statuses = sorted([a.status_code, b.status_code])
    assert statuses == [200, 409], (a.text, b.text)
    loser = a if a.status_code == 409 else b
    winner = b if loser is a else a
    assert loser.headers["content-type"].startswith("application/problem+json")
    assert loser.json()["type"].endswith("/concurrent-update") and loser.json()["status"] == 409
    async with maker() as s:
        item = await s.get(Item, 1)
        assert item is not None and item.name == winner.json()["name"] and item.version == 2
    await engine.dispose()
    if PG_URL:
        admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
