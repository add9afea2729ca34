"""Queries of 监督文书."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.review.instruments.models import InstrumentDocument, InstrumentStep
from services.review.instruments.models import SupervisionInstrument as Ins
from services.review.repository import scope_clause

AWAITING_REPLY = ("issued", "rejected")


def overdue_clause(today: date):
    return and_(Ins.status.in_(AWAITING_REPLY), Ins.reply_due_on < today)


def _count(cond) -> object:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


class InstrumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, instrument_id: uuid.UUID,
                         kind: str | None = None) -> Ins | None:
        stmt = select(Ins).where(Ins.id == instrument_id,
                                 scope_clause(principal, Ins.agency_id, Ins.region_code))
        if kind:
            stmt = stmt.where(Ins.kind == kind)
        return await self.session.scalar(stmt.with_for_update())

    async def list(self, principal: Principal, *, kind: str | None, status: str | None,
                   overdue_on: date | None, cursor: str | None,
                   limit: int) -> tuple[list[Ins], str | None]:
        stmt = select(Ins).where(scope_clause(principal, Ins.agency_id, Ins.region_code))
        if kind:
            stmt = stmt.where(Ins.kind == kind)
        if status:
            stmt = stmt.where(Ins.status == status)
        if overdue_on:
            stmt = stmt.where(overdue_clause(overdue_on))
        return await keyset_page(self.session, stmt, cursor, limit, (Ins.issued_at, Ins.id),
                                 descending=True)

    async def steps(self, instrument_id: uuid.UUID) -> list[InstrumentStep]:
        rows = await self.session.scalars(
            select(InstrumentStep).where(InstrumentStep.instrument_id == instrument_id)
            .order_by(InstrumentStep.at, InstrumentStep.id))
        return list(rows)

    async def by_action(self, action_id: uuid.UUID) -> list[Ins]:
        return list(await self.session.scalars(select(Ins).where(
            Ins.action_id == action_id).order_by(Ins.issued_at, Ins.id)))

    async def document(self, instrument_id: uuid.UUID) -> InstrumentDocument | None:
        return await self.session.scalar(select(InstrumentDocument).where(
            InstrumentDocument.instrument_id == instrument_id))

    async def last_seq(self, scope: str, kind: str, year: int) -> int:
        return int(await self.session.scalar(select(func.coalesce(func.max(
            InstrumentDocument.seq), 0)).where(InstrumentDocument.number_scope == scope,
                                               InstrumentDocument.kind == kind,
                                               InstrumentDocument.year == year)) or 0)

    def add(self, row: object) -> None:
        self.session.add(row)

    def add_step(self, step: InstrumentStep) -> None:
        self.session.add(step)

    async def stats(self, principal: Principal, start: date, end: date,
                    today: date) -> list[tuple[str, int, int, int, int, int, int, int, int]]:
        rows = await self.session.execute(
            select(Ins.kind, func.count(), func.count(Ins.replied_at),
                   _count(Ins.replied_late.is_(True)), _count(overdue_clause(today)),
                   _count(Ins.escalation_level >= 1), _count(Ins.escalation_level >= 2),
                   _count(Ins.escalation_level >= 3), func.count(Ins.objected_at))
            .where(scope_clause(principal, Ins.agency_id, Ins.region_code),
                   Ins.issued_on >= start, Ins.issued_on < end)
            .group_by(Ins.kind).order_by(Ins.kind))
        return [tuple(int(v) if i else v for i, v in enumerate(r)) for r in rows.all()]
