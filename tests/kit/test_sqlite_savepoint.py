"""A savepoint inside a request's transaction must roll back with it (SQLite in particular: the
driver opens a transaction only before the first write, so a SAVEPOINT issued first used to run
outside any transaction and its RELEASE committed — the outbox crash test lost an event that
way: the inbox row survived a kill -9, the handler's effect did not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import PG_URL
from sqlalchemy import Integer, String, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.engines import create_engine, make_sessionmaker


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


@pytest.mark.skipif(bool(PG_URL), reason="the SQLite driver's own transaction handling")
async def test_savepoint_after_a_read_rolls_back_with_the_transaction(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/sp.db")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    maker = make_sessionmaker(engine)
    async with maker() as session:
        assert await session.get(Row, 1) is None  # a read first: no transaction yet
        async with session.begin_nested():
            session.add(Row(id=1, name="nested"))
        session.add(Row(id=2, name="outer"))
        await session.flush()
        await session.rollback()  # the request fails after the savepoint was released
    async with maker() as session:
        assert (await session.scalars(select(Row.name))).all() == []
        # and a committed savepoint still commits with its transaction
        await session.execute(text("SELECT 1"))
        async with session.begin_nested():
            session.add(Row(id=3, name="kept"))
        await session.commit()
    async with maker() as session:
        assert (await session.scalars(select(Row.name))).all() == ["kept"]
    await engine.dispose()
