"""Queries on 移送 records of a case."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.matters.models import Matter
from services.cases.transfers.models import CaseTransfer


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, transfer: CaseTransfer) -> CaseTransfer:
        self.session.add(transfer)
        await self.session.flush()
        return transfer

    async def of_case(self, case_id: uuid.UUID) -> list[CaseTransfer]:
        stmt = select(CaseTransfer).where(CaseTransfer.case_id == case_id).order_by(
            CaseTransfer.created_at, CaseTransfer.id)
        return list((await self.session.scalars(stmt)).all())

    async def get_for_update(self, case_id: uuid.UUID,
                             transfer_id: uuid.UUID) -> CaseTransfer | None:
        stmt = select(CaseTransfer).where(CaseTransfer.id == transfer_id,
                                          CaseTransfer.case_id == case_id).with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def matter(self, matter_id: uuid.UUID | None) -> Matter | None:
        return None if matter_id is None else await self.session.get(Matter, matter_id)
