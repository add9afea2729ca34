"""Every query of the disclosures: the public feeds, exports, deadline list and region settings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import region_prefix, scope_clause
from kit.pagination import keyset_page
from services.publicity.disclosures.models import Disclosure, DisclosureStatus, RegionSetting

D = Disclosure


@dataclass(frozen=True)
class PublicFilter:
    """Filters of the public feeds; `today` decides which records are still in their period."""

    today: date
    status: str = DisclosureStatus.published
    agency_id: uuid.UUID | None = None
    region_code: str | None = None
    penalty_category: str | None = None
    decided_from: date | None = None
    decided_to: date | None = None
    q: str | None = None
    party_kind: str | None = None
    scope: Principal | None = None  # only for the scoped credit-upload export


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def public_conditions(f: PublicFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [D.status == f.status, D.publicity_until >= f.today]
    if f.agency_id is not None:
        conds.append(D.agency_id == f.agency_id)
    if f.region_code:
        conds.append(region_prefix(D.region_code, f.region_code))
    if f.penalty_category:
        conds.append(D.penalty_category == f.penalty_category)
    if f.decided_from is not None:
        conds.append(D.decided_on >= f.decided_from)
    if f.decided_to is not None:
        conds.append(D.decided_on <= f.decided_to)
    if f.party_kind == "natural":
        conds.append(D.party_kind == "person")
    elif f.party_kind == "legal":
        conds.append(D.party_kind != "person")
    if f.scope is not None:
        conds.append(scope_condition(f.scope))
    if f.q:
        pattern = "%" + _like_escape(f.q) + "%"
        conds.append(or_(D.party_name.like(pattern, escape="\\"),
                         D.document_number.like(pattern, escape="\\")))
    return conds


def scope_condition(principal: Principal) -> ColumnElement[bool]:
    """The platform's one scope rule (common.scope) on disclosure records."""
    return scope_clause(principal, D.agency_id, D.region_code)


class DisclosureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_case(self, case_id: uuid.UUID) -> Disclosure | None:
        return await self.session.scalar(select(D).where(D.case_id == case_id))

    async def get(self, decision_id: uuid.UUID, *conds: ColumnElement[bool]) -> Disclosure | None:
        return await self.session.scalar(select(D).where(D.id == decision_id, *conds))

    def add(self, record: Disclosure) -> None:
        self.session.add(record)

    async def public_page(self, f: PublicFilter, cursor: str | None,
                          limit: int) -> tuple[list[Disclosure], str | None]:
        """Newest decisions first, keyset on (decided_on, id): constant cost at any depth."""
        stmt = select(D).where(*public_conditions(f))
        return await keyset_page(self.session, stmt, cursor, limit, (D.decided_on, D.id),
                                 descending=True)

    async def latest_published(self, f: PublicFilter, limit: int) -> Sequence[Disclosure]:
        stmt = (select(D).where(*public_conditions(f))
                .order_by(D.published_at.desc(), D.id.desc()).limit(limit))
        return (await self.session.scalars(stmt)).all()

    async def export_chunk(self, f: PublicFilter, after: tuple[date, uuid.UUID] | None,
                           limit: int) -> Sequence[Disclosure]:
        """Oldest first for exports, keyset on (decided_on, id)."""
        stmt = select(D).where(*public_conditions(f))
        if after is not None:
            stmt = stmt.where(tuple_(D.decided_on, D.id) > tuple_(after[0], after[1]))
        stmt = stmt.order_by(D.decided_on, D.id).limit(limit)
        return (await self.session.scalars(stmt)).all()

    async def fingerprint(self, f: PublicFilter) -> tuple[int, datetime | None]:
        """How many rows a filter selects and when the newest changed (export validators)."""
        row = (await self.session.execute(
            select(func.count(), func.max(D.updated_at)).where(*public_conditions(f)))).one()
        return int(row[0]), row[1]

    async def last_change(self) -> datetime | None:
        """When any record last changed (a withdrawal changes lists it no longer appears in)."""
        return await self.session.scalar(select(func.max(D.updated_at)))

    async def status_page(self, principal: Principal, state: str | None, today: date,
                          cursor: str | None, limit: int) -> tuple[list[Disclosure], str | None]:
        stmt: Select[tuple[Disclosure]] = select(D).where(scope_condition(principal))
        if state == "pending":
            stmt = stmt.where(D.status == DisclosureStatus.pending)
        elif state == "late":
            stmt = stmt.where(or_(
                and_(D.status == DisclosureStatus.pending, D.publish_due_on < today),
                D.published_late.is_(True),
                and_(D.revoked_on.is_not(None), D.withdrawn_at.is_(None),
                     D.withdraw_due_on < today),
                D.withdrawn_late.is_(True)))
        elif state == "withdrawn":
            stmt = stmt.where(D.status == DisclosureStatus.withdrawn)
        elif state == "not_published":
            stmt = stmt.where(D.status == DisclosureStatus.not_published)
        return await keyset_page(self.session, stmt, cursor, limit, (D.created_at, D.id),
                                 descending=True)


class RegionSettingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_region(self, region_code: str) -> RegionSetting | None:
        """The row of the longest prefix of `region_code`."""
        prefixes = [region_code[:n] for n in range(len(region_code), 0, -1)]
        if not prefixes:
            return None
        rows = (await self.session.scalars(select(RegionSetting).where(
            RegionSetting.region_code.in_(prefixes)))).all()
        return max(rows, key=lambda r: len(r.region_code), default=None)

    async def get(self, region_code: str) -> RegionSetting | None:
        return await self.session.get(RegionSetting, region_code)

    def add(self, row: RegionSetting) -> None:
        self.session.add(row)
