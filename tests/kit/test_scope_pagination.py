"""common.scope (the one scope rule) and kit.pagination (the one keyset pager)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import String, Uuid, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from common.principal import Principal
from common.scope import may_act_for, scope_clause
from kit.db import UTCDateTime
from kit.pagination import keyset_page
from kit.schemas import InvalidCursor

A, B = uuid.uuid4(), uuid.uuid4()


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "rows"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    region_code: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)  # a TypeDecorator column


@pytest.fixture
async def session():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as s:
        t0 = datetime(2026, 1, 1, tzinfo=UTC)
        for i in range(7):
            s.add(Row(agency_id=A, region_code="500112100", created_at=t0 + timedelta(hours=i)))
        for _ in range(3):
            s.add(Row(agency_id=B, region_code="500113101", created_at=t0))  # same timestamp
        await s.commit()
        yield s
    await engine.dispose()


def p(roles, agency=None, region=None):
    return Principal(subject="u", roles=frozenset(roles), agency_id=agency, region_code=region)


@pytest.mark.parametrize("principal,expected", [
    (p(["sysadmin"]), 10), (p(["service"]), 10),
    (p(["officer"], str(A), "500112100"), 7), (p(["agency_admin"], str(B), "500113101"), 3),
    (p(["supervisor"], None, "500112"), 7), (p(["supervisor"], None, "500113"), 3),
    (p(["supervisor"], None, "5001"), 10),
    (p(["supervisor", "officer"], str(A), "500113"), 3),  # the supervisor rule wins
    (p(["officer"], "not-a-uuid", "500112100"), 0), (p(["officer"], None, None), 0),
    (p(["supervisor"], None, "5001%"), 0), (p(["supervisor"], None, ""), 0), (p([]), 0),
])
async def test_scope_clause_matrix(session, principal, expected):
    rows = (await session.execute(
        select(Row).where(scope_clause(principal, Row.agency_id, Row.region_code)))).scalars()
    assert len(list(rows)) == expected
    assert may_act_for(principal, A, "500112100") == (expected in (7, 10))


@pytest.mark.parametrize("descending", [False, True])
async def test_keyset_pages_cover_every_row_once(session, descending):
    seen, cursor, pages = [], None, 0
    while True:
        rows, cursor = await keyset_page(session, select(Row), cursor, 3,
                                         (Row.created_at, Row.id), descending=descending)
        seen += [r.id for r in rows]
        pages += 1
        if cursor is None:
            break
    assert pages == 4 and len(seen) == 10 and len(set(seen)) == 10
    keys = [(r.created_at, r.id) for r in (await session.execute(select(Row))).scalars()]
    assert seen == [i for _, i in sorted(keys, reverse=descending)]


@pytest.mark.parametrize("cursor", ["garbage!", "WyJ4Il0", "WyJub3QtYS1kYXRlIiwgIngiXQ"])
async def test_bad_cursor_is_400(session, cursor):
    with pytest.raises(InvalidCursor):
        await keyset_page(session, select(Row), cursor, 3, (Row.created_at, Row.id))
