"""行政执法资格 on a date. 行政处罚法第四十二条: penalties are enforced by officers holding
enforcement qualification, no fewer than two; 行政强制法第十七条: other persons must not act.
An officer qualifies on a date when they hold a certificate valid that day, covering the domain
(and the region, when given), and they are active, on post and not an auxiliary.

Who learns what (issue 10, point 5): the caller's own scope (`common.scope.sees_row`: the own
agency, a supervisor's region, sysadmin and service) gets the full answer; about officers
outside it the caller learns only what the public directory shows — a qualified officer's
name, agency and certificate numbers; an unqualified or unknown one is just "not in the public
directory", without name or reasons. So cases can still check a joint operation's (联合执法)
officers of another agency, and nobody lists another town's uncertified staff."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import ALL_SEEING, sees_row
from services.personnel.certificates.repository import CertificateRepository
from services.personnel.certificates.schemas import (
    DirectoryEntry,
    QualificationCheck,
    QualificationReport,
    QualificationResult,
)
from services.personnel.context import Ctx

NO_CERTIFICATE = "无有效执法证"
NOT_IN_DIRECTORY = "不在公开执法人员目录中（详情仅本机关及其监督机关可见）"
UNKNOWN_OFFICER = "人员不存在"


def _officer_reasons(row: Any, on: date) -> list[str]:
    reasons = []
    if row.is_auxiliary:
        reasons.append("辅助人员不得执法（行政强制法第十七条）")
    departed = row.left_on is not None and row.left_on <= on
    if departed or (row.status != "active" and row.left_on is None) or not row.on_post:
        reasons.append("人员状态非在岗")
    return reasons


def _certificate_reasons(row: Any, domain: str, region_code: str | None, on: date) -> list[str]:
    reasons = []
    if row.issued_on > on:
        reasons.append("执法证尚未生效")
    elif row.expires_on < on:
        reasons.append("执法证已过期")
    if row.certificate_status == "suspended":
        reasons.append("执法证已暂扣")
    if domain not in (row.domains or []):
        reasons.append("执法证不含该执法领域")
    if region_code is not None and not region_code.startswith(row.region_code):
        reasons.append("执法区域不符")
    return reasons


def _evaluate(officer_id: uuid.UUID, rows: Sequence[Any], data: QualificationCheck,
              on: date) -> QualificationResult:
    if not rows:
        return QualificationResult(officer_id=officer_id, name=None, agency_id=None,
                                   qualified=False, reasons=[UNKNOWN_OFFICER],
                                   certificate_numbers=[])
    first = rows[0]
    reasons = _officer_reasons(first, on)
    live = [r for r in rows if r.number is not None
            and not (r.certificate_status == "revoked"
                     and (r.revoked_on is None or r.revoked_on <= on))]
    failures = sorted(((_certificate_reasons(r, data.domain, data.region_code, on), r.number)
                       for r in live), key=lambda f: (len(f[0]), f[1]))
    numbers = [number for fails, number in failures if not fails]
    if not live:
        reasons.append(NO_CERTIFICATE)
    elif not numbers:
        reasons.extend(failures[0][0])
    return QualificationResult(officer_id=officer_id, name=first.name, agency_id=first.agency_id,
                               qualified=not reasons, reasons=reasons,
                               certificate_numbers=numbers if not reasons else [])


def _directory_view(result: QualificationResult) -> QualificationResult:
    """What an out-of-scope caller may learn: the public directory fields only."""
    if result.qualified:
        return result
    return QualificationResult(officer_id=result.officer_id, name=None, agency_id=None,
                               qualified=False, reasons=[NOT_IN_DIRECTORY],
                               certificate_numbers=[])


async def check_qualifications(ctx: Ctx, data: QualificationCheck,
                               today: date) -> QualificationReport:
    """One query for every officer asked about; officers of other agencies are answered too
    (联合执法), with their own agency_id."""
    session, principal = ctx.session, ctx.principal
    on = data.on_date or today
    ids = list(dict.fromkeys(data.officer_ids))
    grouped: dict[uuid.UUID, list[Any]] = {i: [] for i in ids}
    for row in await CertificateRepository(session).qualification_rows(ids):
        grouped[row.id].append(row)
    results = [_evaluate(i, grouped[i], data, on) for i in ids]
    results = [r if grouped[r.officer_id] and sees_row(
        principal, r.agency_id, grouped[r.officer_id][0].agency_region_code)
        or principal.has(*ALL_SEEING) else _directory_view(r) for r in results]
    qualified = sum(1 for r in results if r.qualified)
    return QualificationReport(results=results, meets_two_officer_rule=qualified >= 2,
                               qualified_count=qualified)


async def list_directory(session: AsyncSession, today: date, agency_id: uuid.UUID | None,
                         region_code: str | None, after: str | None,
                         limit: int) -> tuple[list[DirectoryEntry], str | None]:
    """Certified officers with a certificate valid today; never ID numbers."""
    rows, nxt = await CertificateRepository(session).directory(today, agency_id, region_code,
                                                               after, limit)
    return [DirectoryEntry.model_validate(r, from_attributes=True) for r in rows], nxt
