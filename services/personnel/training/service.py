"""Training hours (学时): the annual requirement (default 60 per officer, configurable;
[UNVERIFIED] believed 国办发〔2023〕27号) and the figures annual reports quote — 培训覆盖率 and
考试通过率 (e.g. "覆盖率达97%，考试通过率达98%")."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from services.personnel import errors
from services.personnel.agencies.repository import AgencyRepository
from services.personnel.context import Ctx
from services.personnel.dependencies import Scope
from services.personnel.staff.service import get_officer, managed_officer
from services.personnel.training.models import Training
from services.personnel.training.repository import TrainingRepository
from services.personnel.training.schemas import (
    OfficerCompliance,
    TrainingCompliance,
    TrainingCreate,
    TrainingRead,
)


def hours_text(tenths: int) -> str:
    return str(Decimal(tenths) / 10)


def training_view(training: Training) -> TrainingRead:
    return TrainingRead(id=training.id, officer_id=training.officer_id, kind=training.kind,
                        hours=hours_text(training.hours_tenths),
                        completed_on=training.completed_on, title=training.title,
                        organiser=training.organiser)


def _rate(part: int, whole: int) -> tuple[str, str] | tuple[None, None]:
    if whole == 0:
        return None, None
    rate = (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    return str(rate), f"{(rate * 100).quantize(Decimal('0.01'))}%"


async def add_training(ctx: Ctx, officer_id: uuid.UUID, data: TrainingCreate) -> Training:
    officer = await managed_officer(ctx, officer_id)
    return await TrainingRepository(ctx.session).add(Training(
        officer_id=officer.id, agency_id=officer.agency_id, kind=data.kind,
        organiser=data.organiser, hours_tenths=int(data.hours * 10),
        completed_on=data.completed_on, title=data.title))


async def list_trainings(ctx: Ctx, officer_id: uuid.UUID, year: int) -> Sequence[Training]:
    officer = await get_officer(ctx, officer_id)
    return await TrainingRepository(ctx.session).of_officer(officer.id, date(year, 1, 1),
                                                            date(year, 12, 31))


async def training_compliance(ctx: Ctx, year: int,
                              agency_id: uuid.UUID | None) -> TrainingCompliance:
    """Against `PERSONNEL_TRAINING_HOURS_REQUIRED` (`ctx.settings.training_hours_required`)."""
    session, principal = ctx.session, ctx.principal
    required_hours = ctx.settings.training_hours_required
    target = agency_id or (uuid.UUID(principal.agency_id) if principal.agency_id else None)
    if target is None:
        raise errors.AgencyScopeRequired()
    agency = await AgencyRepository(session).get(target, Scope.of(principal))
    if agency is None:
        raise errors.AgencyNotFound()
    start, end = date(year, 1, 1), date(year, 12, 31)
    repo = TrainingRepository(session)
    rows = await repo.compliance_rows(agency.id, start, end)
    officers = [OfficerCompliance(
        officer_id=r.id, name=r.name, hours=hours_text(int(r.tenths)),
        required_hours=required_hours, meets_requirement=int(r.tenths) >= required_hours * 10,
        has_legal_update=bool(r.legal_update)) for r in rows]
    covered = sum(1 for r in rows if int(r.tenths) > 0)
    coverage, coverage_pct = _rate(covered, len(rows))
    taken, passed = await repo.exam_counts(agency.id, start, end)
    pass_rate, pass_pct = _rate(passed, taken)
    return TrainingCompliance(
        year=year, agency_id=agency.id, required_hours=required_hours,
        officers_total=len(rows),
        officers_below_requirement=sum(1 for o in officers if not o.meets_requirement),
        officers_without_legal_update=sum(1 for o in officers if not o.has_legal_update),
        coverage_rate=coverage or "0", coverage_percent=coverage_pct or "0%",
        exams_taken=taken, exams_passed=passed, exam_pass_rate=pass_rate,
        exam_pass_percent=pass_pct, officers=officers)
