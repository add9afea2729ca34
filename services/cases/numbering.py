"""Document numbers per agency, per year, per kind (立案号, 决定书号; 当场处罚决定书 for the
summary sub-package): a counter row updated in the request transaction (row lock on PG)."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.models import NumberCounter


async def next_seq(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str) -> int:
    row = await session.scalar(select(NumberCounter).where(
        NumberCounter.agency_id == agency_id, NumberCounter.year == year,
        NumberCounter.kind == kind).with_for_update())
    if row is None:
        row = NumberCounter(agency_id=agency_id, year=year, kind=kind, last_value=0)
        session.add(row)
    row.last_value += 1
    await session.flush()
    return row.last_value


async def next_number(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str,
                      pattern: str, prefix: str) -> str:
    seq = await next_seq(session, agency_id, year, kind)
    return pattern.format(prefix=prefix, year=year, seq=seq)
