"""Bulk writes of an imported roster (花名册): officers and their certificates, many rows per
INSERT."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.personnel.certificates.models import Certificate
from services.personnel.staff.models import Officer


class RosterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert_officers(self, rows: list[dict[str, Any]]) -> None:
        await self.session.execute(insert(Officer), rows)

    async def insert_certificates(self, rows: list[dict[str, Any]]) -> None:
        await self.session.execute(insert(Certificate), rows)
