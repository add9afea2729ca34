"""Queries on a hash chain's entries (全过程记录): one chain's links in order, and their count."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


class EntryRepository:
    """Entries of one chain table; `owner` is its owner column (e.g. `TimelineEntry.case_id`)."""

    def __init__(self, session: AsyncSession, entry: type, owner: Any) -> None:
        self.session, self.entry, self.owner = session, entry, owner

    async def add(self, row: Any) -> None:
        self.session.add(row)
        await self.session.flush()

    async def of_owner(self, owner_id: uuid.UUID) -> list[Any]:
        return list((await self.session.scalars(select(self.entry).where(
            self.owner == owner_id).order_by(self.entry.seq))).all())  # type: ignore[attr-defined]

    async def count(self, owner_id: uuid.UUID) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(self.entry).where(
            self.owner == owner_id)) or 0)
