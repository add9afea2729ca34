"""Queries on 委托协议, always scoped in the WHERE clause."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.entrustment.models import (
    EntrustmentAgreement,
    EntrustmentEvaluation,
    EntrustmentMatter,
)
from services.cases.matters.models import Matter


def scoped(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """The one scope rule (common.scope), where an agency sees both sides of its agreements
    (entrusted or delegating)."""
    a = EntrustmentAgreement
    return stmt.where(or_(scope_clause(principal, a.agency_id, a.region_code),
                          scope_clause(principal, a.delegating_agency_id, a.region_code)))


class AgreementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, agreement: EntrustmentAgreement, matter_ids: list[uuid.UUID]) -> None:
        self.session.add(agreement)
        await self.session.flush()
        self.session.add_all([EntrustmentMatter(agreement_id=agreement.id, matter_id=m,
                                                agency_id=agreement.agency_id)
                              for m in dict.fromkeys(matter_ids)])
        await self.session.flush()

    async def get(self, agreement_id: uuid.UUID, principal: Principal,
                  for_update: bool = False) -> EntrustmentAgreement | None:
        stmt = scoped(select(EntrustmentAgreement).where(
            EntrustmentAgreement.id == agreement_id), principal)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def matters(self, matter_ids: list[uuid.UUID]) -> list[Matter]:
        stmt = select(Matter).where(Matter.id.in_(matter_ids))
        return list((await self.session.scalars(stmt)).all())

    async def number_taken(self, agency_id: uuid.UUID, number: str) -> bool:
        stmt = select(EntrustmentAgreement.id).where(
            EntrustmentAgreement.agency_id == agency_id, EntrustmentAgreement.number == number)
        return (await self.session.scalars(stmt)).first() is not None

    async def list(self, principal: Principal, *, limit: int, cursor: str | None,
                   matter_id: uuid.UUID | None, status: str | None,
                   valid_on: date | None) -> tuple[list[EntrustmentAgreement], str | None]:
        model = EntrustmentAgreement
        stmt = scoped(select(model), principal)
        if matter_id is not None:
            stmt = stmt.where(model.id.in_(select(EntrustmentMatter.agreement_id).where(
                EntrustmentMatter.matter_id == matter_id)))
        if status is not None:
            stmt = stmt.where(model.status == status)
        if valid_on is not None:
            stmt = stmt.where(model.valid_from <= valid_on, model.valid_until >= valid_on)
        return await keyset_page(self.session, stmt, cursor, limit, (model.created_at, model.id),
                                 descending=True)

    async def matter_ids(self, agreement_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        out: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if agreement_ids:
            rows = await self.session.execute(select(
                EntrustmentMatter.agreement_id, EntrustmentMatter.matter_id).where(
                EntrustmentMatter.agreement_id.in_(agreement_ids)))
            for agreement_id, matter_id in rows:
                out[agreement_id].append(matter_id)
        return out

    async def evaluations(self, agreement_ids: list[uuid.UUID]
                          ) -> dict[uuid.UUID, list[EntrustmentEvaluation]]:
        out: dict[uuid.UUID, list[EntrustmentEvaluation]] = defaultdict(list)
        if agreement_ids:
            rows = await self.session.scalars(select(EntrustmentEvaluation).where(
                EntrustmentEvaluation.agreement_id.in_(agreement_ids)).order_by(
                EntrustmentEvaluation.year))
            for row in rows:
                out[row.agreement_id].append(row)
        return out

    async def evaluation_exists(self, agreement_id: uuid.UUID, year: int) -> bool:
        stmt = select(EntrustmentEvaluation.id).where(
            EntrustmentEvaluation.agreement_id == agreement_id,
            EntrustmentEvaluation.year == year)
        return (await self.session.scalars(stmt)).first() is not None

    async def for_matter(self, matter_id: uuid.UUID,
                         agency_id: uuid.UUID) -> list[EntrustmentAgreement]:
        """Every agreement naming this matter for this entrusted agency, newest first."""
        stmt = (select(EntrustmentAgreement).join(
            EntrustmentMatter, EntrustmentMatter.agreement_id == EntrustmentAgreement.id)
            .where(EntrustmentMatter.matter_id == matter_id,
                   EntrustmentMatter.agency_id == agency_id)
            .order_by(EntrustmentAgreement.valid_from.desc()))
        return list((await self.session.scalars(stmt)).all())
