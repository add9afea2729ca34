"""Case queries: the scoped, filtered keyset list and the dossier loads (batch, no N+1)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.cases.dependencies import case_scope
from services.cases.lifecycle import states as st
from services.cases.models import Case, CaseOfficer, CaseRecord, Evidence, Payment, Statement

# the columns of a list row (`reads.summary`): the list reads these, not the whole case with
# its JSON documents (decision, conclusion, notice, …), and builds no ORM object
SUMMARY_COLUMNS = (
    Case.id, Case.number, Case.status, Case.version, Case.agency_id, Case.region_code,
    Case.matter_snapshot, Case.party_kind, Case.party_name, Case.party_id_number,
    Case.party_uscc, Case.party_address, Case.party_phone, Case.party_is_minor, Case.procedure,
    Case.kind, Case.source, Case.discovered_on, Case.filed_on, Case.decided_on,
    Case.next_due_on, Case.officer_ids, Case.created_at)


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def prior_decisions(self, case: Case) -> int:
        """Earlier decided penalties or 首违不罚 of the same party for the same matter in the
        same agency (初次违法, 行政处罚法第三十三条第一款)."""
        party = (Case.party_id_number == case.party_id_number if case.party_id_number
                 else Case.party_uscc == case.party_uscc if case.party_uscc
                 else Case.party_name == case.party_name)
        stmt = select(func.count(Case.id)).where(
            Case.agency_id == case.agency_id, Case.matter_id == case.matter_id,
            Case.id != case.id, party, Case.decided_on.is_not(None),
            or_(Case.decision_outcome == "penalty", Case.no_penalty_ground == "first_violation",
                Case.procedure == "summary"))
        return int(await self.session.scalar(stmt) or 0)

    async def list(self, principal: Principal, *, status: str | None = None,
                   matter_id: uuid.UUID | None = None, officer_id: str | None = None,
                   party: str | None = None, agency_id: uuid.UUID | None = None,
                   filed_from: date | None = None, filed_to: date | None = None,
                   discovered_from: date | None = None, discovered_to: date | None = None,
                   overdue: bool | None = None, today: date | None = None,
                   cursor: str | None = None, limit: int = 50
                   ) -> tuple[list[Any], str | None]:
        """Newest first, keyset on (created_at, id); every filter is a column in an index
        that starts with the scope column (agency_id or region_code). Rows of
        SUMMARY_COLUMNS (attribute access like a case), not ORM objects."""
        stmt = select(*SUMMARY_COLUMNS)
        if (clause := case_scope(principal)) is not None:
            stmt = stmt.where(clause)
        if agency_id is not None:
            stmt = stmt.where(Case.agency_id == agency_id)
        if status is not None:
            stmt = stmt.where(Case.status == status)
        if matter_id is not None:
            stmt = stmt.where(Case.matter_id == matter_id)
        keys: tuple[Any, ...] = (Case.created_at, Case.id)
        if officer_id is not None:  # walk the officer's rows of case_officers in index order
            keys = (CaseOfficer.case_created_at, CaseOfficer.case_id)  # the same values
            stmt = stmt.join(CaseOfficer, CaseOfficer.case_id == Case.id).where(
                CaseOfficer.officer_id == officer_id).add_columns(*keys)
        if party:
            stmt = stmt.where(Case.party_name.startswith(party, autoescape=True))
        if filed_from is not None:
            stmt = stmt.where(Case.filed_on >= filed_from)
        if filed_to is not None:
            stmt = stmt.where(Case.filed_on <= filed_to)
        if discovered_from is not None:
            stmt = stmt.where(Case.discovered_on >= discovered_from)
        if discovered_to is not None:
            stmt = stmt.where(Case.discovered_on <= discovered_to)
        if overdue is True:
            stmt = stmt.where(Case.next_due_on < today, Case.status.in_(st.OPEN_STATES))
        elif overdue is False:
            stmt = stmt.where(or_(Case.next_due_on.is_(None), Case.next_due_on >= today))
        return await keyset_page(self.session, stmt, cursor, limit, keys, descending=True,
                                 scalars=False)

    async def evidence(self, case_id: uuid.UUID) -> list[Evidence]:
        return list((await self.session.scalars(select(Evidence).where(
            Evidence.case_id == case_id).order_by(Evidence.collected_at))).all())

    async def records(self, case_id: uuid.UUID) -> list[CaseRecord]:
        return list((await self.session.scalars(select(CaseRecord).where(
            CaseRecord.case_id == case_id).order_by(CaseRecord.started_at))).all())

    async def statements(self, case_id: uuid.UUID) -> list[dict[str, Any]]:
        rows = (await self.session.scalars(select(Statement).where(
            Statement.case_id == case_id).order_by(Statement.received_on))).all()
        return [{"id": str(s.id), "waived": s.waived, "content": s.content,
                 "recheck_result": s.recheck_result, "adopted": s.adopted,
                 "received_on": s.received_on.isoformat()} for s in rows]

    async def payments(self, case_id: uuid.UUID) -> list[dict[str, Any]]:
        rows = (await self.session.scalars(select(Payment).where(
            Payment.case_id == case_id).order_by(Payment.paid_on))).all()
        return [{"id": str(p.id), "amount_fen": p.amount_fen, "paid_on": p.paid_on.isoformat(),
                 "surcharge_due_fen": p.surcharge_due_fen, "receipt_number": p.receipt_number}
                for p in rows]
