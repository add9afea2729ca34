"""Consumers of the licensing events (行政许可法第四十条: 准予行政许可的决定应当公开):
`licence.decided` publishes the record within 7 working days — a grant, and a refusal (不予
行政许可, 第五条第二款: 行政许可的实施和结果应当公开) unless `PUBLICITY_PUBLISH_LICENCE_REFUSALS`
is off — or holds it as `pending` when the region holds records for review (the same region
setting as penalty decisions; released by `POST /licences/{id}/publish`); `licence.issued`
adds the certificate number and validity, `licence.revoked` (撤销、撤回、注销) withdraws it.
Redelivery changes nothing (inbox); text goes through the same redaction engine as penalties."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from kit.db import utcnow
from services.publicity import redaction
from services.publicity.context import Ctx
from services.publicity.disclosures import errors
from services.publicity.disclosures.repository import RegionSettingRepository
from services.publicity.disclosures.service import PUBLISH_BASIS
from services.publicity.licences.models import LicenceDisclosure
from services.publicity.licences.repository import LicenceDisclosureRepository

log = logging.getLogger("zhifa.publicity.licences")


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


async def _fill(session: AsyncSession, d: LicenceDisclosure, p: dict[str, Any],
                ctx: Ctx) -> None:
    holder = p.get("applicant") or {}
    decision = p.get("decision") or {}
    agency = decision.get("agency") or {}
    is_person = holder.get("kind") == "person"
    region = await RegionSettingRepository(session).for_region(str(p.get("region_code") or ""))
    masked = region.mask_person_name if region else ctx.settings.mask_person_name
    name = str(holder.get("name") or "")
    redactor = redaction.Redactor.for_party(holder)
    d.agency_id, d.region_code = _uuid(p.get("agency_id")), str(p.get("region_code") or "")
    d.holder_kind = "person" if is_person else "organization"
    d.holder_name = redaction.display_name(name, masked) if is_person else name
    d.holder_code = None if is_person else (holder.get("uscc") or None)
    d.masked_id_number = redaction.mask_id_number(holder.get("id_number"),
                                                  ctx.settings.id_mask_head,
                                                  ctx.settings.id_mask_tail) if is_person else None
    d.granted = bool(p.get("granted"))
    d.document_name = "准予行政许可决定书" if d.granted else "不予行政许可决定书"
    d.document_number = str(decision.get("document_number") or "")
    d.matter_name = str((p.get("matter") or {}).get("name") or "")
    d.category = str(p.get("category") or "普通")
    d.certificate_name = str(p.get("certificate_name") or "")
    d.content = redactor.redact(decision.get("content") or d.matter_name) if d.granted else \
        redactor.redact("不予行政许可。理由：" + str(decision.get("reasons") or ""))
    d.decided_on = _date(p.get("decided_on"))
    d.agency_name = str(agency.get("issuing_authority") or agency.get("name") or "")
    d.agency_uscc = str(agency.get("uscc") or "")


async def consume_decided(ctx: Ctx, event: dict[str, Any]) -> None:
    session = ctx.session
    p = event.get("payload") or {}
    app_id = _uuid(p.get("application_id"))
    if app_id is None or (not p.get("granted") and not ctx.settings.publish_licence_refusals):
        return
    repo = LicenceDisclosureRepository(session)
    row = await repo.by_application(app_id)
    if row is not None and (row.published_at is not None or row.status == "pending"):
        return
    if row is None:
        row = LicenceDisclosure(application_id=app_id, status="published", version=1)
        repo.add(row)
    await _fill(session, row, p, ctx)
    if row.withdrawn_at is not None:
        return  # revoked before we heard of the grant: never published
    start = row.decided_on or today_legal()
    row.publish_due_on = ctx.calendar.add_days(start, ctx.settings.publish_within_working_days,
                                               "working", basis=PUBLISH_BASIS).due_on
    region = await RegionSettingRepository(session).for_region(row.region_code)
    if region.hold_for_review if region else ctx.settings.hold_for_review:
        row.status = "pending"  # 按本区划设置，发布前需审核
    else:
        row.status, row.published_at = "published", utcnow()
    await session.flush()


async def release(ctx: Ctx, disclosure_id: uuid.UUID) -> LicenceDisclosure:
    """Publish a held licence record (scoped: another agency's record is a 404)."""
    row = await LicenceDisclosureRepository(ctx.session).get(disclosure_id, ctx.principal)
    if row is None:
        raise errors.DisclosureNotFound(decision_id=str(disclosure_id))
    if row.status != "pending":
        raise errors.DisclosureNotPending(record_status=row.status)
    row.status, row.published_at = "published", utcnow()
    row.version += 1
    await ctx.session.flush()
    return row


async def consume_issued(ctx: Ctx, event: dict[str, Any]) -> None:
    session = ctx.session
    p = event.get("payload") or {}
    app_id = _uuid(p.get("application_id"))
    licence = p.get("licence") or {}
    if app_id is None or not licence:
        return
    repo = LicenceDisclosureRepository(session)
    row = await repo.by_application(app_id)
    if row is None:
        await consume_decided(ctx, event)
        row = await repo.by_application(app_id)
        if row is None:
            return
    row.licence_id = _uuid(licence.get("id"))
    row.licence_number = str(licence.get("number") or "")
    row.valid_from, row.valid_to = _date(licence.get("valid_from")), _date(licence.get("valid_to"))
    row.version += 1
    await session.flush()


async def consume_revoked(ctx: Ctx, event: dict[str, Any]) -> None:
    session = ctx.session
    p = event.get("payload") or {}
    app_id = _uuid(p.get("application_id"))
    if app_id is None:
        return
    repo = LicenceDisclosureRepository(session)
    row = await repo.by_application(app_id)
    if row is None:
        row = LicenceDisclosure(application_id=app_id, status="withdrawn", version=1)
        repo.add(row)
    if row.withdrawn_at is not None:
        return
    kind = {"revoked": "已撤销", "withdrawn": "已撤回", "cancelled": "已注销"}.get(
        str(p.get("kind")), "已失效")
    reason = redaction.Redactor().redact(str(p.get("reason") or ""))
    row.withdraw_reason = f"许可{kind}（{p.get('rule') or ''}）{reason}".strip()
    row.status, row.withdrawn_at = "withdrawn", utcnow()
    row.version += 1
    await session.flush()


async def public_page(session: AsyncSession, agency_id: uuid.UUID | None, cursor: str | None,
                      limit: int, status: str) -> tuple[list[Any], str | None]:
    """Public licence records of one status, newest first, one keyset page."""
    return await LicenceDisclosureRepository(session).public_page(agency_id, cursor, limit,
                                                                  status)


async def for_export(session: AsyncSession, template: str) -> list[LicenceDisclosure]:
    """The published records of one 双公示 template (legal persons or natural persons)."""
    return await LicenceDisclosureRepository(session).for_export(template)
