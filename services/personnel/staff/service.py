"""Staff records. Status changes (调动、退休、辞职、开除辞退) revoke the person's 执法证 on
their effective date (the 执法证 注销 triggers): at once when the date is today or past, else
when `apply_due_status_changes` runs on or after that day."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from common.principal import Principal
from kit import errors as kit_errors
from kit.db import utcnow
from kit.events import Outbox
from services.personnel import errors
from services.personnel.agencies.repository import AgencyRepository
from services.personnel.context import Ctx
from services.personnel.dependencies import Scope, can_manage
from services.personnel.identifiers import PiiVault, mask_id_number
from services.personnel.staff.models import Appraisal, Exam, Officer, Sanction, StatusChange
from services.personnel.staff.repository import OfficerRecordRepository, OfficerRepository
from services.personnel.staff.schemas import (
    EMPLOYMENT_LABELS,
    HEAD_POSITIONS,
    STATUS_AFTER,
    STATUS_CHANGE_LABELS,
    AppraisalCreate,
    ExamCreate,
    OfficerCreate,
    OfficerRead,
    OfficerUpdate,
    SanctionCreate,
    StatusChangeCreate,
    StatusChangeRead,
)


def sees_full_id(principal: Principal | None, officer: Officer) -> bool:
    """Full 身份证号 only for sysadmin and the agency_admin of the officer's own agency."""
    if principal is None or principal.has("sysadmin"):
        return True
    return principal.has("agency_admin") and principal.agency_id == str(officer.agency_id)


def officer_view(officer: Officer, principal: Principal | None, vault: PiiVault) -> OfficerRead:
    number = vault.decrypt(officer.id_number_encrypted)
    full = sees_full_id(principal, officer)
    return OfficerRead(
        id=officer.id, name=officer.name, id_number=number if full else mask_id_number(number),
        id_number_masked=not full, agency_id=officer.agency_id, region_code=officer.region_code,
        employment_type=officer.employment_type, is_auxiliary=officer.is_auxiliary,
        on_post=officer.on_post, has_legal_qualification=officer.has_legal_qualification,
        status=officer.status, left_on=officer.left_on, joined_on=officer.joined_on,
        position=officer.position,
        is_head=officer.position in HEAD_POSITIONS and officer.status == "active")


async def create_officer(ctx: Ctx, vault: PiiVault, data: OfficerCreate) -> Officer:
    session, principal = ctx.session, ctx.principal
    agency = await AgencyRepository(session).get(data.agency_id, Scope.of(principal))
    if agency is None:
        raise errors.AgencyNotFound()
    if not can_manage(principal, agency.id):
        raise errors.AgencyNotManaged()
    officers = OfficerRepository(session)
    index = vault.index(data.id_number)
    if await officers.by_index(index) is not None:
        raise errors.IdNumberTaken()
    return await officers.add(Officer(
        name=data.name, id_number_encrypted=vault.encrypt(data.id_number),
        id_number_index=index, agency_id=agency.id, region_code=agency.region_code,
        employment_type=data.employment_type, on_post=data.on_post,
        has_legal_qualification=data.has_legal_qualification, is_auxiliary=data.is_auxiliary,
        position=data.position, joined_on=data.joined_on or today_legal()))


async def get_officer(ctx: Ctx, officer_id: uuid.UUID) -> Officer:
    officer = await OfficerRepository(ctx.session).get(officer_id, Scope.of(ctx.principal))
    if officer is None:
        raise errors.OfficerNotFound()
    return officer


# What happens to a person's 执法证 when they leave or lose eligibility: the certificates
# sub-package registers its revocation here (it depends on staff; staff does not import it).
Revoker = Callable[[AsyncSession, Outbox, uuid.UUID, str, date], Awaitable[list[uuid.UUID]]]
REVOKERS: list[Revoker] = []


async def revoke_certificates(session: AsyncSession, outbox: Outbox, officer_id: uuid.UUID,
                              reason: str, on: date) -> list[uuid.UUID]:
    """Revoke the officer's live certificates through the registered revoker (never silently
    skipped: without one this is a programming error)."""
    if not REVOKERS:
        raise RuntimeError("no certificate revoker registered "
                           "(services.personnel.certificates.service registers it on import)")
    revoked: list[uuid.UUID] = []
    for revoke in REVOKERS:
        revoked += await revoke(session, outbox, officer_id, reason, on)
    return revoked


async def managed_officer(ctx: Ctx, officer_id: uuid.UUID) -> Officer:
    """Another agency's officer is 404 (not even its existence leaks); a readable officer the
    caller may not manage (e.g. a supervisor) is 403."""
    officer = await get_officer(ctx, officer_id)
    if not can_manage(ctx.principal, officer.agency_id):
        raise errors.AgencyNotManaged()
    return officer


async def update_officer(ctx: Ctx, officer_id: uuid.UUID, data: OfficerUpdate,
                         today: date) -> Officer:
    """Changing the employment type to one that may not hold a 执法证 (only 在编 may, see
    `certificates.service.eligibility_reasons`) revokes the live certificates, as status changes
    do."""
    session, outbox = ctx.session, ctx.outbox
    officer = await managed_officer(ctx, officer_id)
    before = officer.employment_type
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(officer, key, value)
    if before == "established" and officer.employment_type != "established":
        label = EMPLOYMENT_LABELS.get(officer.employment_type, officer.employment_type)
        await revoke_certificates(session, outbox, officer.id,
                                  f"人员类别变更为{label}，不得持有执法证", today)
    await session.flush()
    return officer


async def list_officers(ctx: Ctx, agency_id: uuid.UUID | None, status: str | None,
                        cursor: str | None, limit: int) -> tuple[Sequence[Officer], str | None]:
    return await OfficerRepository(ctx.session).list(Scope.of(ctx.principal), agency_id, status,
                                                     cursor, limit)


async def add_exam(ctx: Ctx, officer_id: uuid.UUID, data: ExamCreate) -> Exam:
    """Passed at `PERSONNEL_EXAM_PASS_SCORE` (`ctx.settings.exam_pass_score`) or above."""
    officer = await managed_officer(ctx, officer_id)
    exam = Exam(officer_id=officer.id, subject=data.subject, taken_on=data.passed_on,
                score=data.score, passed=data.score >= ctx.settings.exam_pass_score)
    await OfficerRecordRepository(ctx.session).add(exam)
    return exam


async def list_exams(ctx: Ctx, officer_id: uuid.UUID) -> Sequence[Exam]:
    officer = await get_officer(ctx, officer_id)
    return await OfficerRecordRepository(ctx.session).exams(officer.id)


async def add_appraisal(ctx: Ctx, officer_id: uuid.UUID, data: AppraisalCreate) -> Appraisal:
    officer = await managed_officer(ctx, officer_id)
    record = Appraisal(officer_id=officer.id, year=data.year, result=data.result)
    await OfficerRecordRepository(ctx.session).add(record)
    return record


async def add_sanction(ctx: Ctx, officer_id: uuid.UUID, data: SanctionCreate) -> Sanction:
    if data.ends_on < data.starts_on:
        raise kit_errors.ValidationFailed("处分期结束日期早于开始日期", errors=[
            {"field": "ends_on", "message": "结束日期不得早于开始日期", "code": "value_error"}])
    officer = (await get_officer(ctx, officer_id) if ctx.principal.is_service
               else await managed_officer(ctx, officer_id))
    record = Sanction(officer_id=officer.id, **data.model_dump())
    await OfficerRecordRepository(ctx.session).add(record)
    return record


async def _apply(session: AsyncSession, outbox: Outbox, officer: Officer,
                 change: StatusChange) -> list[uuid.UUID]:
    officer.status = STATUS_AFTER[change.kind]
    officer.on_post = False
    officer.left_on = change.effective_on
    change.applied_at = utcnow()
    reason = f"人员{STATUS_CHANGE_LABELS[change.kind]}，执法证依规注销"
    return await revoke_certificates(session, outbox, officer.id, reason, change.effective_on)


async def record_status_change(ctx: Ctx, officer_id: uuid.UUID, data: StatusChangeCreate,
                               today: date) -> StatusChangeRead:
    session, outbox = ctx.session, ctx.outbox
    officer = await managed_officer(ctx, officer_id)
    if officer.status != "active":
        raise errors.OfficerInactive()
    change = StatusChange(officer_id=officer.id, kind=data.kind, effective_on=data.effective_on,
                          reason=data.reason)
    await OfficerRecordRepository(session).add(change)
    revoked: list[uuid.UUID] = []
    if data.effective_on <= today:
        revoked = await _apply(session, outbox, officer, change)
    else:
        officer.left_on = data.effective_on
    await session.flush()
    return StatusChangeRead(id=change.id, officer_id=officer.id, kind=change.kind,
                            effective_on=change.effective_on, reason=change.reason,
                            applied=change.applied_at is not None,
                            revoked_certificate_ids=revoked)


async def apply_due_status_changes(session: AsyncSession, today: date, outbox: Outbox,
                                   batch: int = 200) -> int:
    """Apply every recorded status change whose effective date has come (the nightly job);
    returns how many were applied. Safe to run repeatedly."""
    records = OfficerRecordRepository(session)
    officers = OfficerRepository(session)
    applied = 0
    while True:
        due = await records.due_status_changes(today, batch)
        for change in due:
            officer = await officers.get(change.officer_id)
            if officer is not None:
                await _apply(session, outbox, officer, change)
            else:
                change.applied_at = utcnow()
            applied += 1
        await session.flush()
        if len(due) < batch:
            return applied
