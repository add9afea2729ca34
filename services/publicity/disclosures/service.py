"""Disclosure rules: build records from decision events, publish, withdraw, list deadlines.

Publication happens when `case.decided` is consumed, unless the region's row (or the
`PUBLICITY_HOLD_FOR_REVIEW` default) holds records for review; a held record waits as `pending`
until `POST /disclosures/{decision_id}/publish`, and shows as late in the deadline list once its
7-working-day due date has passed."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from common.calendar import today_legal
from common.money import fen_to_yuan
from kit.db import utcnow
from services.publicity import redaction
from services.publicity.context import Ctx
from services.publicity.disclosures import errors
from services.publicity.disclosures.models import Disclosure, DisclosureStatus, RegionSetting
from services.publicity.disclosures.repository import (
    DisclosureRepository,
    RegionSettingRepository,
    scope_condition,
)
from services.publicity.disclosures.rules import classify, penalty_categories, penalty_content
from services.publicity.disclosures.schemas import (
    DisclosureRead,
    DisclosureStatusRead,
    RegionSettingRead,
    RegionSettingUpdate,
)

log = logging.getLogger("zhifa.publicity")
PUBLISH_BASIS = "国办发〔2018〕118号；双公示（发改办财金〔2018〕424号）：7个工作日内公示"
WITHDRAW_BASIS = "行政处罚法第四十八条第二款：三日内撤回并公开说明理由"
MINOR_RULE = "当事人为未成年人，不予公开（行政处罚法第五十条；市场监管总局令第45号第七条）"
RESIDUE_RULE = ("脱敏后仍有疑似个人信息，须人工审核后发布"
                "（行政处罚法第五十条：个人隐私应当依法予以保密）")
MINOR_CLASS_RULE = ("轻微失信信息原则上不公示"
                    "（信用修复管理办法，国家发展改革委令2025年第36号；按配置）")


def public_view(d: Disclosure) -> DisclosureRead:
    withdrawn = d.status == DisclosureStatus.withdrawn
    hidden = "" if withdrawn else None
    return DisclosureRead(
        decision_id=d.id, status=d.status, procedure=d.procedure, party_kind=d.party_kind,
        party_name=hidden if withdrawn else d.party_name,
        party_code=None if withdrawn else d.party_code, document_number=d.document_number,
        violation_type=d.violation_type, facts=hidden if withdrawn else d.facts,
        legal_basis=d.legal_basis, penalty_category=d.penalty_category,
        penalty_categories=d.penalty_categories,
        penalty_content=hidden if withdrawn else d.penalty_content,
        fine_amount=fen_to_yuan(d.fine_fen),
        confiscation_amount=fen_to_yuan(d.confiscation_fen),
        license_affected=None if withdrawn else d.license_affected, decided_on=d.decided_on,
        publicity_until=d.publicity_until, agency_id=d.agency_id, agency_name=d.agency_name,
        agency_uscc=d.agency_uscc, region_code=d.region_code,
        data_source_name=d.data_source_name, data_source_uscc=d.data_source_uscc,
        published_at=d.published_at, withdrawn_at=d.withdrawn_at,
        withdraw_reason=d.withdraw_reason)


def status_view(d: Disclosure, today: date) -> DisclosureStatusRead:
    late = d.published_late or (d.status == DisclosureStatus.pending
                                and d.publish_due_on is not None and d.publish_due_on < today)
    withdraw_late = d.withdrawn_late or (d.revoked_on is not None and d.withdrawn_at is None
                                         and d.withdraw_due_on is not None
                                         and d.withdraw_due_on < today)
    return DisclosureStatusRead(
        decision_id=d.id, case_id=d.case_id, document_number=d.document_number,
        agency_id=d.agency_id, region_code=d.region_code, status=d.status,
        status_rule=d.status_rule, decided_on=d.decided_on, publish_due_on=d.publish_due_on,
        publish_due_provisional=d.publish_due_provisional, published_at=d.published_at,
        is_late=late, revoked_on=d.revoked_on, withdraw_due_on=d.withdraw_due_on,
        withdrawn_at=d.withdrawn_at, withdraw_reason=d.withdraw_reason,
        withdraw_is_late=withdraw_late)


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _fill_record(d: Disclosure, p: dict[str, Any], ctx: Ctx,
                 region: RegionSetting | None) -> None:
    """Copy the decision into the record, redacting every free-text field first."""
    s = ctx.settings
    party = p.get("party") or {}
    agency = p.get("deciding_agency") or {}
    matter = p.get("matter") or {}
    is_person = party.get("kind") == "person"
    masked = region.mask_person_name if region else s.mask_person_name
    name = str(party.get("name") or "")
    public_name = redaction.display_name(name, masked) if is_person else name
    redactor = redaction.Redactor.for_party(party, p.get("third_party_names") or ())
    facts = redactor.redact(p.get("facts"))
    if is_person and masked and len(name) >= 2:
        facts = facts.replace(name, public_name)
    penalties = p.get("penalties") or []
    d.agency_id, d.region_code = _uuid(p.get("agency_id")), str(p.get("region_code") or "")
    d.procedure = str(p.get("procedure") or "ordinary")
    d.party_kind, d.party_name = str(party.get("kind") or ""), public_name
    d.party_code = None if is_person else (party.get("uscc") or None)
    d.masked_id_number = (redaction.mask_id_number(party.get("id_number"), s.id_mask_head,
                                                   s.id_mask_tail) if is_person else None)
    d.document_number = str(p.get("document_number") or "")
    d.violation_type = redactor.redact(matter.get("name"))
    d.facts = facts
    d.legal_basis = str(p.get("legal_basis") or matter.get("penalty_basis")
                        or matter.get("legal_basis") or "")
    categories = penalty_categories(penalties)
    d.penalty_categories, d.penalty_category = categories, (categories[0] if categories else "")
    d.fine_fen = int(p.get("fine_fen") or 0)
    d.confiscation_fen = int(p.get("confiscation_fen") or 0)
    d.penalty_content = penalty_content(penalties, d.fine_fen, d.confiscation_fen)
    license_affected = p.get("license_affected")
    if isinstance(license_affected, bool):
        license_affected = "涉及暂扣或吊销许可证件" if license_affected else None
    d.license_affected = redactor.redact(license_affected) or None
    d.agency_name, d.agency_uscc = str(agency.get("name") or ""), str(agency.get("uscc") or "")
    d.data_source_name = s.data_source_name or d.agency_name
    d.data_source_uscc = s.data_source_uscc or d.agency_uscc


def _decide_status(d: Disclosure, party: dict[str, Any], ctx: Ctx,
                   region: RegionSetting | None) -> tuple[str, str | None]:
    if party.get("is_minor"):
        return DisclosureStatus.not_published, MINOR_RULE
    publish_minor = region.publish_minor if region else ctx.settings.publish_minor
    if d.publicity_class == "minor" and not publish_minor:
        return DisclosureStatus.not_published, MINOR_CLASS_RULE
    if ctx.settings.hold_on_redaction_residue and any(redaction.residue(t) for t in (
            d.facts, d.party_name, d.penalty_content, d.license_affected, d.violation_type)):
        return DisclosureStatus.pending, RESIDUE_RULE
    hold = region.hold_for_review if region else ctx.settings.hold_for_review
    if hold:
        return DisclosureStatus.pending, "按本区划设置，发布前需审核"
    return DisclosureStatus.published, None


async def consume_decided(ctx: Ctx, event: dict[str, Any]) -> None:
    """`case.decided` → a disclosure record (idempotent per case)."""
    session = ctx.session
    p = event.get("payload") or {}
    case_id = _uuid(p.get("case_id"))
    if case_id is None:
        log.error("case.decided without a case_id: %s", event.get("id"))
        return
    repo = DisclosureRepository(session)
    record = await repo.get_by_case(case_id)
    if record is not None and record.decided_on is not None:
        return  # already recorded from an earlier event for this case
    tombstone = record is not None
    if record is None:
        record = Disclosure(case_id=case_id, status=DisclosureStatus.pending, version=1)
        repo.add(record)
    region = await RegionSettingRepository(session).for_region(str(p.get("region_code") or ""))
    _fill_record(record, p, ctx, region)
    try:
        decided_on = date.fromisoformat(str(p.get("decided_on"))[:10])
    except ValueError:
        log.error("case.decided %s without a valid decided_on; counting from today", case_id)
        decided_on = today_legal()
    record.decided_on = decided_on
    due = ctx.calendar.add_days(decided_on, ctx.settings.publish_within_working_days,
                                "working", basis=PUBLISH_BASIS)
    record.publish_due_on, record.publish_due_provisional = due.due_on, due.provisional
    apply_period(record, p.get("penalties") or [], ctx)
    if tombstone:
        return  # revoked before we heard of the decision: stays withdrawn, never published
    record.status, record.status_rule = _decide_status(record, p.get("party") or {}, ctx, region)
    await session.flush()
    if record.status == DisclosureStatus.published:
        await publish(ctx, record)


def apply_period(record: Disclosure, penalties: list[dict[str, Any]], ctx: Ctx) -> None:
    """公示期限: class → minimum and maximum end dates counted from the decision date."""
    s, start = ctx.settings, record.decided_on
    assert start is not None
    cls = classify(penalties, record.fine_fen + record.confiscation_fen, record.party_kind, s)
    months = {"minor": (s.minor_months, s.minor_months),
              "general": (s.general_min_months, s.general_months),
              "serious": (s.serious_min_months, s.serious_months)}[cls]
    record.publicity_class = cls
    record.publicity_min_until = ctx.calendar.add_months(start, months[0]).due_on
    record.publicity_until = ctx.calendar.add_months(start, months[1]).due_on


async def publish(ctx: Ctx, record: Disclosure) -> None:
    session = ctx.session
    record.status, record.status_rule = DisclosureStatus.published, None
    record.published_at = utcnow()
    due = record.publish_due_on
    record.published_late = due is not None and today_legal(record.published_at) > due
    record.version += 1
    await session.flush()
    await ctx.outbox.emit(session, "publicity.published",
                          public_view(record).model_dump(mode="json"),
                          aggregate_id=str(record.id))


async def consume_revoked(ctx: Ctx, event: dict[str, Any]) -> None:
    """`case.decision_revoked` → withdraw within 3 working days with the public reason."""
    session = ctx.session
    p = event.get("payload") or {}
    case_id = _uuid(p.get("case_id"))
    if case_id is None:
        return
    repo = DisclosureRepository(session)
    record = await repo.get_by_case(case_id)
    if record is None:
        record = Disclosure(case_id=case_id, status=DisclosureStatus.withdrawn, version=1,
                            document_number=str(p.get("document_number") or ""))
        repo.add(record)
    if record.withdrawn_at is not None:
        return
    try:
        revoked_on = date.fromisoformat(str(p.get("revoked_on") or today_legal())[:10])
    except ValueError:
        revoked_on = today_legal()
    due = ctx.calendar.add_days(revoked_on, ctx.settings.withdraw_within_working_days,
                                "working", basis=WITHDRAW_BASIS)
    was_public = record.status == DisclosureStatus.published
    record.revoked_on, record.withdraw_due_on = revoked_on, due.due_on
    record.withdraw_reason = redaction.Redactor().redact(str(p.get("reason") or "决定已撤销"))
    record.withdrawn_at = utcnow()
    record.withdrawn_late = today_legal(record.withdrawn_at) > due.due_on
    if record.status != DisclosureStatus.not_published:
        record.status = DisclosureStatus.withdrawn
    record.version += 1
    await session.flush()
    if was_public:
        await ctx.outbox.emit(session, "publicity.withdrawn",
                              public_view(record).model_dump(mode="json"),
                              aggregate_id=str(record.id))


async def release(ctx: Ctx, decision_id: uuid.UUID) -> DisclosureStatusRead:
    """Publish a record held for review (scoped; another agency's record is a 404)."""
    record = await DisclosureRepository(ctx.session).get(decision_id,
                                                         scope_condition(ctx.principal))
    if record is None:
        raise errors.DisclosureNotFound(decision_id=str(decision_id))
    if record.status != DisclosureStatus.pending:
        raise errors.DisclosureNotPending(record_status=record.status)
    await publish(ctx, record)
    return status_view(record, today_legal())


async def list_status(ctx: Ctx, state: str | None, cursor: str | None,
                      limit: int) -> tuple[list[DisclosureStatusRead], str | None]:
    today = today_legal()
    rows, nxt = await DisclosureRepository(ctx.session).status_page(ctx.principal, state, today,
                                                                    cursor, limit)
    return [status_view(r, today) for r in rows], nxt


async def put_region_setting(ctx: Ctx, region_code: str,
                             body: RegionSettingUpdate) -> RegionSettingRead:
    """Supervisors set switches inside their own region subtree; sysadmin anywhere."""
    session, principal = ctx.session, ctx.principal
    own = principal.region_code or ""
    if not principal.has("sysadmin") and not (own and region_code.startswith(own)):
        raise errors.RegionOutOfScope(region_code=region_code)
    repo = RegionSettingRepository(session)
    row = await repo.get(region_code)
    if row is None:
        row = RegionSetting(region_code=region_code)
        repo.add(row)
    row.mask_person_name, row.hold_for_review = body.mask_person_name, body.hold_for_review
    row.publish_minor, row.updated_at = body.publish_minor, utcnow()
    await session.flush()
    return RegionSettingRead(region_code=row.region_code, updated_at=row.updated_at,
                             mask_person_name=row.mask_person_name,
                             hold_for_review=row.hold_for_review,
                             publish_minor=row.publish_minor)
