"""Document numbers per agency, per year, per kind (立案号, 决定书号; 当场处罚决定书 for the
summary sub-package): a counter row updated in the request transaction (row lock on PG)."""

import uuid

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.models import NumberCounter


async def next_seq(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str) -> int:
    # Atomic increment (fix by the entrustment/summary/coercion/transfers engineer, found by
    # bench/cases_lifecycle.py): a SELECT-then-UPDATE let two concurrent requests read the same
    # value on SQLite (FOR UPDATE is ignored there) and both inserting the first row of a year
    # failed with a 500 on either database. One UPDATE … RETURNING takes the write lock (row
    # lock on PostgreSQL, database write lock on SQLite); the year's first number inserts the
    # row in a savepoint and, if another request won that race, increments instead.
    stmt = (update(NumberCounter)
            .where(NumberCounter.agency_id == agency_id, NumberCounter.year == year,
                   NumberCounter.kind == kind)
            .values(last_value=NumberCounter.last_value + 1)
            .returning(NumberCounter.last_value)
            .execution_options(synchronize_session=False))
    for _ in range(3):
        value = (await session.execute(stmt)).scalar_one_or_none()
        if value is not None:
            return int(value)
        try:
            async with session.begin_nested():
                session.add(NumberCounter(agency_id=agency_id, year=year, kind=kind,
                                          last_value=1))
            return 1
        except IntegrityError:
            continue
    raise RuntimeError("number counter could not be incremented")


async def next_number(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str,
                      pattern: str, prefix: str) -> str:
    seq = await next_seq(session, agency_id, year, kind)
    return pattern.format(prefix=prefix, year=year, seq=seq)
