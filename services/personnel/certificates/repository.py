from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import region_prefix as scope_region
from kit.pagination import keyset_page
from services.personnel.agencies.models import Agency
from services.personnel.certificates.models import Certificate
from services.personnel.dependencies import Scope
from services.personnel.staff.models import Officer


class CertificateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, certificate_id: uuid.UUID, scope: Scope) -> Certificate | None:
        return await self.session.scalar(select(Certificate).where(
            Certificate.id == certificate_id,
            scope.clause(Certificate.agency_id, Certificate.region_code)))

    async def by_number(self, number: str) -> Certificate | None:
        return await self.session.scalar(select(Certificate).where(Certificate.number == number))

    async def existing_numbers(self, numbers: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(numbers), 500):
            found.update((await self.session.scalars(select(Certificate.number).where(
                Certificate.number.in_(numbers[start:start + 500])))).all())
        return found

    async def training_tenths(self, officer_id: uuid.UUID, start: date, end: date) -> int:
        """Training 学时 ×10 of one officer in [start, end] (the `trainings` table by name, so
        certificates need not import the training sub-package)."""
        trainings = Certificate.metadata.tables["trainings"]
        total = await self.session.scalar(
            select(func.coalesce(func.sum(trainings.c.hours_tenths), 0)).where(
                trainings.c.officer_id == officer_id,
                trainings.c.completed_on.between(start, end)))
        return int(total or 0)

    async def of_officer(self, officer_id: uuid.UUID) -> Sequence[Certificate]:
        return (await self.session.scalars(select(Certificate).where(
            Certificate.officer_id == officer_id).order_by(Certificate.issued_on,
                                                            Certificate.id))).all()

    async def live_of_officer(self, officer_id: uuid.UUID) -> Sequence[Certificate]:
        return (await self.session.scalars(select(Certificate).where(
            Certificate.officer_id == officer_id,
            Certificate.status.in_(("active", "suspended"))).order_by(Certificate.id))).all()

    async def list(self, scope: Scope, agency_id: uuid.UUID | None, status: str | None,
                   expires_between: tuple[date, date] | None, cursor: str | None,
                   limit: int) -> tuple[list[Certificate], str | None]:
        stmt = select(Certificate).where(scope.clause(Certificate.agency_id,
                                                      Certificate.region_code))
        if agency_id is not None:
            stmt = stmt.where(Certificate.agency_id == agency_id)
        if status is not None:
            stmt = stmt.where(Certificate.status == status)
        if expires_between is not None:
            stmt = stmt.where(Certificate.expires_on.between(*expires_between))
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (Certificate.expires_on, Certificate.id))

    async def add(self, certificate: Certificate) -> Certificate:
        self.session.add(certificate)
        await self.session.flush()
        return certificate

    async def qualification_rows(self, officer_ids: Sequence[uuid.UUID]) -> Sequence[Row[Any]]:
        """One query for all officers: officers LEFT JOIN their certificates (indexed on
        officers.id and certificates.officer_id)."""
        stmt = (select(Officer.id, Officer.name, Officer.agency_id, Officer.is_auxiliary,
                       Officer.on_post, Officer.status, Officer.left_on,
                       Certificate.number, Certificate.domains, Certificate.region_code,
                       Certificate.issued_on, Certificate.expires_on,
                       Certificate.status.label("certificate_status"), Certificate.revoked_on,
                       Agency.region_code.label("agency_region_code"))
                .outerjoin(Certificate, Certificate.officer_id == Officer.id)
                .outerjoin(Agency, Agency.id == Officer.agency_id)
                .where(Officer.id.in_(officer_ids)))
        return (await self.session.execute(stmt)).all()

    async def directory(self, on: date, agency_id: uuid.UUID | None, region_prefix: str | None,
                        cursor: str | None, limit: int) -> tuple[list[Row[Any]], str | None]:
        stmt = (select(Officer.id.label("officer_id"), Officer.name,
                       Certificate.number.label("certificate_number"), Certificate.agency_id,
                       Agency.name.label("agency_name"), Certificate.domains,
                       Certificate.region_code, Certificate.issued_on.label("valid_from"),
                       Certificate.expires_on.label("valid_until"),
                       Certificate.number)  # unlabelled: the keyset pager reads it back
                .join(Officer, Officer.id == Certificate.officer_id)
                .join(Agency, Agency.id == Certificate.agency_id)
                .where(Certificate.status == "active", Certificate.issued_on <= on,
                       Certificate.expires_on >= on, Officer.status == "active",
                       Officer.is_auxiliary.is_(False)))
        if agency_id is not None:
            stmt = stmt.where(Certificate.agency_id == agency_id)
        if region_prefix:
            stmt = stmt.where(scope_region(Certificate.region_code, region_prefix))
        return await keyset_page(self.session, stmt, cursor, limit, (Certificate.number,),
                                 scalars=False)

    async def verification(self, number: str) -> Row[Any] | None:
        """What the public certificate check shows (no ID number, phone or address)."""
        stmt = (select(Officer.name, Officer.status.label("officer_status"),
                       Certificate.number, Certificate.domains, Certificate.status,
                       Certificate.issued_on, Certificate.expires_on, Certificate.agency_id,
                       Agency.name.label("agency_name"))
                .join(Officer, Officer.id == Certificate.officer_id)
                .join(Agency, Agency.id == Certificate.agency_id)
                .where(Certificate.number == number))
        return (await self.session.execute(stmt)).first()

