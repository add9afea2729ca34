"""执法证 issuance and lifecycle. 持证上岗: only established staff on post who passed the
执法资格考试 may hold one (行政处罚法第四十二条, 行政强制法第十七条; eligibility per provincial
rules). A refusal lists every failing condition."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit import errors as kit_errors
from kit.events import Outbox
from services.personnel import errors
from services.personnel.certificates.models import Certificate
from services.personnel.certificates.repository import CertificateRepository
from services.personnel.certificates.schemas import CertificateCreate
from services.personnel.config import PersonnelSettings
from services.personnel.context import Ctx
from services.personnel.dependencies import Scope, can_manage
from services.personnel.staff.models import Appraisal, Exam, Officer, Sanction
from services.personnel.staff.repository import OfficerRecordRepository, OfficerRepository
from services.personnel.staff.schemas import EMPLOYMENT_LABELS, SANCTION_LABELS
from services.personnel.staff.service import REVOKERS, managed_officer

RENEWAL_RULE = "行政执法人员培训学时要求（国办发〔2023〕27号，可配置）"


def add_years(start: date, years: int) -> date:
    """Same day `years` later, minus one day (a 5-year certificate from 2026-01-01 runs to
    2030-12-31); 29 Feb falls back to 28 Feb."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:
        end = start.replace(year=start.year + years, day=28)
    return end - timedelta(days=1)


def eligibility_reasons(officer: Officer, exams: Sequence[Exam], appraisals: Sequence[Appraisal],
                        sanctions: Sequence[Sanction], on: date,
                        settings: PersonnelSettings) -> list[str]:
    """Every reason the person may not be granted a 执法证 on `on` (empty when eligible)."""
    reasons: list[str] = []
    if officer.is_auxiliary:
        reasons.append("执法辅助人员不得申领执法证（行政强制法第十七条）")
    if officer.employment_type != "established":
        label = EMPLOYMENT_LABELS.get(officer.employment_type, officer.employment_type)
        reasons.append(f"人员类别为{label}，仅在编在岗人员可申领执法证")
    if officer.status != "active" or (officer.left_on is not None and officer.left_on <= on):
        reasons.append("人员已调离、退休、辞职或被开除")
    elif not officer.on_post:
        reasons.append("人员不在岗")
    passed = {e.subject for e in exams if e.passed and e.taken_on <= on}
    if "general_law" not in passed and not officer.has_legal_qualification:
        reasons.append("未通过通用法律知识考试（持法律职业资格者可免考）")
    if "special_law" not in passed:
        reasons.append("未通过专门法律知识考试")
    for appraisal in appraisals:
        if appraisal.result == "incompetent" and appraisal.year >= on.year - 1:
            reasons.append(f"{appraisal.year}年度考核不称职")
    for sanction in sanctions:
        if (sanction.kind in settings.blocking_sanctions
                and sanction.starts_on <= on <= sanction.ends_on):
            label = SANCTION_LABELS.get(sanction.kind, sanction.kind)
            reasons.append(f"处分期内（{label}，至{sanction.ends_on.isoformat()}）")
    return reasons


def number_pattern(settings: PersonnelSettings, region_code: str) -> str:
    """The 执法证号 pattern of the longest configured region prefix (a province is 2 digits)."""
    best = ""
    for prefix in settings.certificate_number_patterns:
        if region_code.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return settings.certificate_number_patterns.get(best,
                                                    settings.certificate_number_default_pattern)


def check_number(settings: PersonnelSettings, number: str, region_code: str) -> None:
    pattern = number_pattern(settings, region_code)
    if not re.fullmatch(pattern, number):
        raise errors.CertificateNumberInvalid(f"执法证号 {number} 不符合格式 {pattern}",
                                              pattern=pattern)


async def issue_certificate(ctx: Ctx, officer_id: uuid.UUID,
                            data: CertificateCreate) -> Certificate:
    session, settings = ctx.session, ctx.settings
    officer = await managed_officer(ctx, officer_id)
    region = data.region_code or officer.region_code
    check_number(settings, data.number, region)
    records = OfficerRecordRepository(session)
    reasons = eligibility_reasons(officer, await records.exams(officer.id),
                                  await records.appraisals(officer.id),
                                  await records.sanctions(officer.id), data.issued_on, settings)
    if reasons:
        raise errors.CertificateNotAllowed("；".join(reasons), reasons=reasons,
                                           rule="行政处罚法第四十二条")
    await _require_training_for_renewal(session, settings, officer, data.issued_on)
    expires_on = data.expires_on or add_years(data.issued_on,
                                              settings.certificate_validity_years)
    if expires_on <= data.issued_on:
        raise kit_errors.ValidationFailed("有效期至应晚于发证日期", errors=[
            {"field": "expires_on", "message": "有效期至应晚于发证日期", "code": "value_error"}])
    certificates = CertificateRepository(session)
    if await certificates.by_number(data.number) is not None:
        raise errors.CertificateNumberTaken()
    return await certificates.add(Certificate(
        officer_id=officer.id, agency_id=officer.agency_id, number=data.number,
        domains=list(dict.fromkeys(data.domains)), region_code=region,
        issued_on=data.issued_on, expires_on=expires_on))


async def _require_training_for_renewal(session: AsyncSession, settings: PersonnelSettings,
                                        officer: Officer, issued_on: date) -> None:
    """换证 (a certificate for an officer who held one before) needs the previous year's
    training hours (`PERSONNEL_TRAINING_HOURS_REQUIRED`, default 60 学时 [S/UNVERIFIED,
    国办发〔2023〕27号 as reported]); `PERSONNEL_RENEWAL_REQUIRES_TRAINING=false` turns it off."""
    if not settings.renewal_requires_training:
        return
    repo = CertificateRepository(session)
    if not await repo.of_officer(officer.id):
        return
    year = issued_on.year - 1
    tenths = await repo.training_tenths(officer.id, date(year, 1, 1), date(year, 12, 31))
    if tenths < settings.training_hours_required * 10:
        raise errors.CertificateNotAllowed(
            f"{year}年度培训{tenths / 10:g}学时，未达到{settings.training_hours_required}学时，"
            "不予换发执法证", reasons=[f"{year}年度培训学时不足"], rule=RENEWAL_RULE,
            training_hours=f"{tenths / 10:g}", required_hours=settings.training_hours_required)


async def list_officer_certificates(ctx: Ctx, officer_id: uuid.UUID) -> Sequence[Certificate]:
    officer = await OfficerRepository(ctx.session).get(officer_id, Scope.of(ctx.principal))
    if officer is None:
        raise errors.OfficerNotFound()
    return await CertificateRepository(ctx.session).of_officer(officer.id)


async def _managed(session: AsyncSession, principal: Principal,
                   certificate_id: uuid.UUID) -> Certificate:
    certificate = await CertificateRepository(session).get(certificate_id, Scope.of(principal))
    if certificate is None:
        raise errors.CertificateNotFound()
    if not can_manage(principal, certificate.agency_id):
        raise errors.AgencyNotManaged()
    return certificate


async def _revoke(session: AsyncSession, outbox: Outbox, certificate: Certificate, reason: str,
                  on: date) -> None:
    certificate.status, certificate.status_reason, certificate.revoked_on = "revoked", reason, on
    await outbox.emit(session, "personnel.certificate_revoked", {
        "certificate_id": str(certificate.id), "officer_id": str(certificate.officer_id),
        "number": certificate.number, "reason": reason, "revoked_on": on.isoformat()},
        aggregate_id=str(certificate.id))


async def revoke_certificate(ctx: Ctx, certificate_id: uuid.UUID, reason: str,
                             on: date) -> Certificate:
    certificate = await _managed(ctx.session, ctx.principal, certificate_id)
    if certificate.status == "revoked":
        raise errors.CertificateStateConflict("执法证已注销")
    await _revoke(ctx.session, ctx.outbox, certificate, reason, on)
    await ctx.session.flush()
    return certificate


async def revoke_for_officer(session: AsyncSession, outbox: Outbox, officer_id: uuid.UUID,
                             reason: str, on: date) -> list[uuid.UUID]:
    """Revoke every live certificate of a departing person; one event each."""
    revoked = []
    for certificate in await CertificateRepository(session).live_of_officer(officer_id):
        await _revoke(session, outbox, certificate, reason, on)
        revoked.append(certificate.id)
    await session.flush()
    return revoked


async def suspend_certificate(ctx: Ctx, certificate_id: uuid.UUID, reason: str) -> Certificate:
    """暂扣 (e.g. for 涂改、转借 or illegal enforcement)."""
    certificate = await _managed(ctx.session, ctx.principal, certificate_id)
    if certificate.status != "active":
        raise errors.CertificateStateConflict("仅有效的执法证可以暂扣")
    certificate.status, certificate.status_reason = "suspended", reason
    await ctx.session.flush()
    return certificate


async def reinstate_certificate(ctx: Ctx, certificate_id: uuid.UUID) -> Certificate:
    certificate = await _managed(ctx.session, ctx.principal, certificate_id)
    if certificate.status != "suspended":
        raise errors.CertificateStateConflict("仅暂扣的执法证可以恢复")
    certificate.status, certificate.status_reason = "active", None
    await ctx.session.flush()
    return certificate


async def list_certificates(ctx: Ctx, agency_id: uuid.UUID | None,
                            expiring_within_days: int | None, cursor: str | None, limit: int,
                            today: date) -> tuple[Sequence[Certificate], str | None]:
    """Scoped list ordered by expiry; `expiring_within_days` keeps the active ones expiring
    between today and today + N days."""
    window = None
    status = None
    if expiring_within_days is not None:
        window, status = (today, today + timedelta(days=expiring_within_days)), "active"
    return await CertificateRepository(ctx.session).list(Scope.of(ctx.principal), agency_id,
                                                         status, window, cursor, limit)


async def verification(session: AsyncSession, code: str) -> Any:
    """What the public certificate check shows, or None (codes over 40 characters are never
    certificate numbers)."""
    return await CertificateRepository(session).verification(code) if len(code) <= 40 else None


if revoke_for_officer not in REVOKERS:
    REVOKERS.append(revoke_for_officer)
