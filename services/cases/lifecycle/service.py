"""Ordinary procedure, first half: 线索登记, 立案/不予立案 and 调查取证 (evidence, 笔录).
Every action checks the state machine (`states.allowed_actions`), records a timeline entry and
emits `case.status_changed` on a transition. The context (`Ctx`) is built by the routers
(`services.cases.context`); 调查终结 with the 法制审核 request is
`services.cases.lifecycle.conclusion`; the second half (告知 … 归档) is
`services.cases.lifecycle.decision` and `services.cases.lifecycle.execution`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import LEGAL_TZ, today_legal
from kit import errors
from kit.events import Outbox
from services.cases import deadlines
from services.cases.approvals import require_head
from services.cases.clients import agency_named, qualified_officers
from services.cases.context import Ctx
from services.cases.errors import ActionNotAllowed, LimitationExpired, MatterNotHeld
from services.cases.lifecycle import minors, schemas
from services.cases.lifecycle import states as st
from services.cases.links import ensure_licence_link
from services.cases.matters import service as matters
from services.cases.models import Case, CaseOfficer, CaseRecord, Evidence, Matter
from services.cases.numbering import next_number
from services.cases.recusal import service as recusal
from services.cases.timeline.service import append_entry

__all__ = ["Ctx", "agency_prefix", "emit_status", "record", "require_action"]


def require_action(case: Case, action: str) -> None:
    allowed = st.allowed_actions(case)
    if action not in allowed:
        raise ActionNotAllowed(
            f"案件当前状态为“{case.status}”，不能执行 {action}",
            rule="行政处罚法第五章普通程序的法定顺序", case_status=case.status,
            allowed_actions=allowed)


async def record(ctx: Ctx, case: Case, action: str, officer_ids: list[str],
                 payload: dict[str, Any], new_status: str | None = None) -> None:
    """Apply a transition (if any), refresh `next_due_on`, append the timeline entry and emit
    `case.status_changed` — the one way case actions end."""
    previous = case.status
    if new_status is not None:
        case.status = new_status
    case.next_due_on = deadlines.next_due_on(case, ctx.calendar,
                                             ctx.settings.lead_check_working_days)
    await append_entry(ctx, case, action, officer_ids,
                       {**payload, "status": case.status})
    if new_status is not None and new_status != previous:
        await emit_status(ctx.outbox, ctx.session, case, previous)


async def emit_status(outbox: Outbox, session: AsyncSession, case: Case,
                      previous: str | None) -> None:
    await outbox.emit(session, "case.status_changed", {
        "case_id": str(case.id), "status": case.status, "previous_status": previous,
        "agency_id": str(case.agency_id), "region_code": case.region_code,
        "source": case.source, "source_ref": case.source_ref,
        "at": datetime.now(LEGAL_TZ).isoformat()}, aggregate_id=str(case.id))


def _held(matter: Matter, agency_id: uuid.UUID) -> None:
    if matter.kind != "penalty":
        raise MatterNotHeld(f"事项“{matter.name}”不是行政处罚事项", rule="权责清单")
    if matter.agency_id != agency_id and matter.source != "entrusted":
        raise MatterNotHeld(f"本机关不享有事项“{matter.name}”的处罚权",
                            rule="行政处罚法第二十四条（权责清单/赋权事项）")


async def agency_prefix(ctx: Ctx, agency_id: uuid.UUID) -> tuple[str, dict[str, Any]]:
    """The agency's short name for numbers, and {id, name, uscc} (best effort: personnel down
    → empty prefix, the number stays unique by its counter)."""
    try:
        agency = await agency_named(ctx.up, str(agency_id))
    except errors.Problem:
        return "", {"id": str(agency_id), "name": "", "uscc": None}
    return (agency.short_name or agency.name or ""), {
        "id": agency.id, "name": agency.name, "uscc": agency.uscc}


async def create_case(ctx: Ctx, body: schemas.CaseCreate) -> Case:
    p = ctx.principal
    if p.is_service or p.has("sysadmin"):
        if body.agency_id is None:
            raise errors.UnprocessableEntity("服务调用须在请求体中指明 agency_id")
        agency_id = body.agency_id
        agency = await ctx.up.personnel.get_agency(
            ctx.up.headers, str(agency_id))
        region = agency.region_code or ""
    else:
        if not p.agency_id:
            raise errors.Forbidden("当前账号不属于任何执法机关")
        agency_id, region = uuid.UUID(str(p.agency_id)), p.region_code or ""
        if body.agency_id and body.agency_id != agency_id:
            raise errors.Forbidden("只能为本机关登记案件线索")
    matter = await matters.version_on(ctx.session, body.matter_id, body.discovered_on)
    _held(matter, agency_id)
    if body.licence_id is not None:
        await ensure_licence_link(ctx.session, body.licence_id, agency_id, region)
    party = body.party
    case = Case(agency_id=agency_id, region_code=region, matter_id=matter.id,
                matter_snapshot=matters.snapshot(matter), party_kind=party.kind,
                party_name=party.name, party_id_number=party.id_number, party_uscc=party.uscc,
                party_address=party.address, party_phone=party.phone,
                party_is_minor=minors.is_minor(party.id_number, body.act_date, party.is_minor),
                source=body.source, source_ref=body.source_ref, harm_kind=body.harm_kind,
                licence_id=body.licence_id,
                act_date=body.act_date, act_end_date=body.act_end_date,
                discovered_on=body.discovered_on, facts=body.facts, status=st.LEAD,
                created_by=p.username or p.subject, officer_ids=[], clock={}, flags=[],
                remedy_periods=[], legal_review_reasons=[])
    ctx.session.add(case)
    await ctx.session.flush()
    await record(ctx, case, "register", [], {
        "matter_id": str(matter.id), "party_kind": party.kind, "source": body.source,
        "act_date": body.act_date, "discovered_on": body.discovered_on})
    await emit_status(ctx.outbox, ctx.session, case, None)
    return case


async def file_case(ctx: Ctx, case: Case, body: schemas.FileCase) -> Case:
    """立案 (行政处罚法第五十四条): matter held on that date, within the limitation period
    (第三十六条), two qualified officers (第四十二条), case number."""
    require_action(case, "file")
    filed_on = body.filed_on or today_legal()
    matter = await matters.version_on(ctx.session, case.matter_id, filed_on)
    _held(matter, case.agency_id)
    snap = matters.snapshot(matter)
    years = deadlines.limitation_years(case)
    end = deadlines.limitation_end(case.act_date, case.act_end_date, years)
    if case.discovered_on > end:
        raise LimitationExpired(
            f"违法行为自{case.act_end_date or case.act_date}起{years}年内"
            f"未被发现（时效届满日 {end}），不再给予行政处罚", rule="行政处罚法第三十六条",
            limitation_years=years, expired_on=end.isoformat())
    if matter.source == "entrusted" and matter.agency_id != case.agency_id:
        from services.cases.entrustment.service import require_valid_agreement
        agreement = await require_valid_agreement(ctx.session, matter, case.agency_id, filed_on)
        case.entrustment_id = agreement.id
        case.deciding_agency_id = agreement.delegating_agency_id or matter.agency_id
        snap["deciding_agency"] = {"id": str(case.deciding_agency_id),
                                   "name": agreement.delegating_agency_name,
                                   "uscc": agreement.delegating_agency_uscc}
    check = await qualified_officers(ctx.up, body.officer_ids, matter.domain, filed_on,
                                     case.region_code)
    await require_head(ctx.up, case.agency_id, body.approver_id, "file")
    officers = check.qualified_ids()
    prefix, agency = await agency_prefix(ctx, case.agency_id)
    snap.setdefault("deciding_agency", agency)
    case.number = await next_number(ctx.session, case.agency_id, filed_on.year, "case",
                                    ctx.settings.case_number_pattern, prefix)
    case.matter_id, case.matter_snapshot = matter.id, snap
    case.filed_on, case.approver_id, case.officer_ids = filed_on, body.approver_id, officers
    ctx.session.add_all([CaseOfficer(case_id=case.id, officer_id=o, case_created_at=case.created_at)
                         for o in officers])
    await record(ctx, case, "file", officers, {
        "number": case.number, "filed_on": filed_on, "approver_id": body.approver_id,
        "matter_version": str(matter.id),
        "certificates": {r.officer_id: r.certificate_numbers for r in check.results}},
        st.INVESTIGATING)
    return case


async def decline_case(ctx: Ctx, case: Case, body: schemas.DeclineCase) -> Case:
    """不予立案 with the reason (审批表)."""
    require_action(case, "decline")
    if body.approver_id is not None:
        await require_head(ctx.up, case.agency_id, body.approver_id, "decline")
    case.declined_reason = body.reason
    case.approver_id = body.approver_id
    await record(ctx, case, "decline", [], {"reason": body.reason,
                                            "approver_id": body.approver_id}, st.DECLINED)
    return case


async def add_evidence(ctx: Ctx, case: Case, *, kind: str, description: str, filename: str,
                       content_type: str, stored: Any, officer_ids: list[str]) -> Evidence:
    """证据 (行政处罚法第四十六条) collected by two qualified officers (第四十二条, 第五十五条);
    its SHA-256 goes into the timeline chain."""
    require_action(case, "evidence")
    await recusal.ensure_not_recused(ctx.session, case, officer_ids)
    check = await qualified_officers(ctx.up, officer_ids,
                                     case.matter_snapshot["domain"], today_legal(),
                                     case.region_code)
    ev = Evidence(case_id=case.id, kind=kind, description=description, filename=filename,
                  content_type=content_type, size=stored.size, sha256=stored.sha256,
                  storage_key=stored.key, officer_ids=check.qualified_ids(),
                  created_by=ctx.principal.username or ctx.principal.subject)
    ctx.session.add(ev)
    await ctx.session.flush()
    await record(ctx, case, "evidence", ev.officer_ids, {
        "evidence_id": str(ev.id), "kind": kind, "sha256": ev.sha256, "size": ev.size,
        "filename": filename, "description": description})
    return ev


async def add_record(ctx: Ctx, case: Case, body: schemas.RecordCreate) -> CaseRecord:
    """笔录 (现场检查/询问, 行政处罚法第五十五条) with two qualified officers present."""
    require_action(case, "records")
    await recusal.ensure_not_recused(ctx.session, case, body.officer_ids)
    on = today_legal(body.started_at)
    check = await qualified_officers(ctx.up, body.officer_ids,
                                     case.matter_snapshot["domain"], on, case.region_code)
    rec = CaseRecord(case_id=case.id, kind=body.kind, officer_ids=check.qualified_ids(),
                     started_at=body.started_at, ended_at=body.ended_at, place=body.place,
                     interviewee=body.interviewee, content=body.content)
    ctx.session.add(rec)
    await ctx.session.flush()
    from services.cases.timeline.service import digest
    await record(ctx, case, "record", rec.officer_ids, {
        "record_id": str(rec.id), "kind": body.kind, "place": body.place,
        "interviewee": body.interviewee, "started_at": body.started_at.isoformat(),
        "ended_at": body.ended_at.isoformat(), "content_sha256": digest(body.content)})
    return rec
