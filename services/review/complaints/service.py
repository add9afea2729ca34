"""投诉举报 rules.

Decisions where the issue was silent:
- The tracking code is 12 characters of Crockford base32 drawn from `secrets` (60 bits), never
  sequential; the public status endpoint is rate-limited like the submission.
- Deadlines count from the receipt date (Asia/Shanghai): accept/refuse 5 working days, reply 15
  working days, conclude 30 days (+20 once with approval, services/review/complaint_deadlines)
  by default (ReviewSettings). Overdue = not closed/refused and a step is past its date.
- A citizen without a token may name the channel `platform` (网上) or `qr_scan` (扫码); staff
  registering a 12345 / 信访 / 来电 / 来信 item name it with its external ticket id.
- A `violation_report` becomes a lead in cases when staff call `/lead` with the matter and the
  party (cases needs both); the complaint then follows the lead: when the lead reaches a final
  status (declined/closed/archived/revoked) the complaint gets a reply if it had none and closes.
- Scope: agency roles see complaints against their agency (`target_agency_id`), supervisors
  their region prefix, sysadmin all.
- Response rate = answered (responded_at set) / received; completion rate = closed / received,
  per target agency, by the year of receipt (Asia/Shanghai).
"""

import secrets
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import LEGAL_TZ, today_legal
from common.principal import Principal
from common.scope import AgencyRegionLookup, check_agency_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.clients import CasesClient
from services.review.complaints import errors
from services.review.complaints.models import Complaint
from services.review.complaints.repository import ComplaintRepository
from services.review.complaints.schemas import (
    PUBLIC_CHANNELS,
    ComplaintCreate,
    ComplaintStats,
    LeadCreate,
)
from services.review.context import Ctx

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
LEAD_STATUS_LABELS = {"declined": "经核查不予立案", "closed": "已依法办结",
                      "archived": "已依法办结归档", "revoked": "原处理决定已撤销"}


def contact_visible(complaint: Complaint, principal: Principal) -> bool:
    """Complainant contact data (投诉人姓名、电话) only for the handling supervisor: a
    supervisor whose subject or username is the complaint's handler. Everyone else — the
    agency (whose officer may be the one complained about), other supervisors, sysadmin — sees
    it masked."""
    return bool(principal.has("supervisor") and complaint.handler
                and complaint.handler in (principal.subject, principal.username))


def mask_name(name: str | None) -> str | None:
    return None if not name else name.strip()[:1] + "*" * max(len(name.strip()) - 1, 1)


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = "".join(c for c in phone if c.isdigit())
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "*" * len(digits)


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


async def submit(ctx: Ctx, body: ComplaintCreate) -> Complaint:
    """A complaint received now; `ctx.principal` is the staff member registering it, or None
    for a citizen without a token."""
    session, principal, calendar, settings = ctx.session, ctx.principal, ctx.calendar, ctx.settings
    repo = ComplaintRepository(session)
    code = new_tracking_code()
    while await repo.code_taken(code):
        code = new_tracking_code()
    now = utcnow()
    today = today_legal(now)
    region = body.region_code or (principal.region_code if principal else None) or ""
    channel = body.channel if principal or body.channel in PUBLIC_CHANNELS else "platform"
    complaint = Complaint(
        tracking_code=code, category=body.category, channel=channel, content=body.content,
        contact_name=body.contact_name, contact_phone=body.contact_phone,
        location=body.location, target_agency_id=body.target_agency_id, region_code=region,
        status="received", received_at=now,
        acknowledge_by=calendar.add_days(
            today, settings.complaint_acknowledge_working_days, "working").due_on,
        respond_by=calendar.add_days(
            today, settings.complaint_respond_working_days, "working").due_on,
        close_by=calendar.add_days(
            today, settings.complaint_close_working_days,
            settings.complaint_close_day_unit).due_on,
        external_ticket_id=body.external_ticket_id if principal else None)
    session.add(complaint)
    await session.flush()
    return complaint


async def public_status(session: AsyncSession, code: str) -> Complaint:
    complaint = await ComplaintRepository(session).by_code(code.strip().upper())
    if complaint is None:
        raise errors.ComplaintNotFound("查询码不存在")
    return complaint


async def load(ctx: Ctx, complaint_id: uuid.UUID) -> Complaint:
    complaint = await ComplaintRepository(ctx.session).get_scoped(ctx.principal, complaint_id)
    if complaint is None:
        raise errors.ComplaintNotFound(f"投诉举报 {complaint_id} 不存在")
    return complaint


def _require(complaint: Complaint, allowed: tuple[str, ...], action: str) -> None:
    if complaint.status not in allowed:
        raise errors.ComplaintStateConflict(f"当前状态为 {complaint.status}，不能{action}",
                                            status_now=complaint.status)


async def assign(ctx: Ctx, complaint_id: uuid.UUID, handler: str,
                 target_agency_id: uuid.UUID | None,
                 regions: AgencyRegionLookup) -> Complaint:
    """Reassignment to another agency only inside the supervisor's region, checked against the
    agency's REAL region (personnel); the complaint then carries that region."""
    principal = ctx.principal
    complaint = await load(ctx, complaint_id)
    _require(complaint, ("received", "assigned"), "分派")
    if target_agency_id is not None:
        if not principal.has("supervisor", "sysadmin"):
            raise kit_errors.Forbidden("只有监督人员可以改派被投诉单位")
        if real := await check_agency_region(principal, target_agency_id, regions):
            complaint.region_code = real
        complaint.target_agency_id = target_agency_id
    complaint.handler, complaint.assigned_at, complaint.status = handler, utcnow(), "assigned"
    await ctx.session.flush()
    return complaint


async def acknowledge(ctx: Ctx, complaint_id: uuid.UUID,
                      reason: str | None = None) -> Complaint:
    complaint = await load(ctx, complaint_id)
    _require(complaint, ("received", "assigned"), "受理")
    complaint.acknowledged_at, complaint.status = utcnow(), "acknowledged"
    complaint.decision_reason = reason or complaint.decision_reason
    complaint.handler = complaint.handler or ctx.principal.subject
    await ctx.session.flush()
    return complaint


async def respond(ctx: Ctx, complaint_id: uuid.UUID, reply: str) -> Complaint:
    complaint = await load(ctx, complaint_id)
    _require(complaint, ("received", "assigned", "acknowledged"), "答复")
    now = utcnow()
    complaint.acknowledged_at = complaint.acknowledged_at or now
    complaint.responded_at, complaint.reply, complaint.status = now, reply, "responded"
    await ctx.session.flush()
    return complaint


async def close(ctx: Ctx, complaint_id: uuid.UUID, result: str) -> Complaint:
    complaint = await load(ctx, complaint_id)
    _require(complaint, ("responded",), "办结（须先答复）")
    complaint.closed_at, complaint.result, complaint.status = utcnow(), result, "closed"
    await ctx.session.flush()
    return complaint


def lead_body(complaint: Complaint, body: LeadCreate) -> dict[str, Any]:
    return {"agency_id": str(complaint.target_agency_id), "matter_id": str(body.matter_id),
            "party": body.party, "source": "complaint", "source_ref": str(complaint.id),
            "act_date": body.act_date.isoformat(),
            "discovered_on": today_legal(complaint.received_at).isoformat(),
            "facts": body.facts or f"群众举报（{complaint.tracking_code}）：{complaint.content}"}


def check_lead_allowed(complaint: Complaint) -> None:
    if complaint.category != "violation_report":
        raise errors.ComplaintNotAViolationReport("执法行为投诉由监督部门处理，不转为案件线索")
    if complaint.lead_case_id is not None:
        raise errors.ComplaintStateConflict("该举报已转为案件线索")
    if complaint.target_agency_id is None:
        raise errors.ComplaintNeedsAgency("请先分派被举报事项的执法单位")
    _require(complaint, ("received", "assigned", "acknowledged"), "转为线索")


async def make_lead(ctx: Ctx, complaint_id: uuid.UUID, body: LeadCreate,
                    regions: AgencyRegionLookup) -> Complaint:
    """Open a lead (线索) in cases for a violation report; if cases refuses nothing changes.
    A supervisor opens leads only for agencies of their region (the agency's REAL region)."""
    complaint = await load(ctx, complaint_id)
    check_lead_allowed(complaint)
    await check_agency_region(ctx.principal, complaint.target_agency_id, regions)
    case = await CasesClient(ctx.up).create_lead(lead_body(complaint, body))
    record_lead(complaint, case.id, case.status)
    await ctx.session.flush()
    return complaint


def record_lead(complaint: Complaint, case_id: str, status: str | None) -> None:
    now = utcnow()
    complaint.lead_case_id, complaint.lead_status = uuid.UUID(case_id), status or "lead"
    complaint.acknowledged_at = complaint.acknowledged_at or now
    if complaint.status in ("received", "assigned"):
        complaint.status = "acknowledged"


async def follow_lead(session: AsyncSession, final_statuses: list[str],
                      payload: dict[str, Any]) -> None:
    """`case.status_changed`: the complaint follows its lead; a final status answers and
    closes it."""
    try:
        case_id = uuid.UUID(str(payload["case_id"]))
    except (KeyError, ValueError):
        return
    ref = payload.get("source_ref") if payload.get("source") == "complaint" else None
    complaint = await ComplaintRepository(session).by_lead(case_id, ref)
    if complaint is None:
        return
    status = str(payload.get("status") or "")
    complaint.lead_case_id = complaint.lead_case_id or case_id
    complaint.lead_status = status
    if status in final_statuses and complaint.status != "closed":
        now = utcnow()
        label = LEAD_STATUS_LABELS.get(status, status)
        if complaint.responded_at is None:
            complaint.responded_at = now
            complaint.reply = f"您反映的问题已转执法单位立案核查，处理结果：{label}。"
        complaint.acknowledged_at = complaint.acknowledged_at or now
        complaint.closed_at, complaint.status = now, "closed"
        complaint.result = f"案件线索处理结果：{label}"
    await session.flush()


async def list_complaints(ctx: Ctx, *, status: str | None, overdue: bool, cursor: str | None,
                          limit: int) -> tuple[list[Complaint], str | None]:
    return await ComplaintRepository(ctx.session).list(
        ctx.principal, status=status, overdue_on=today_legal() if overdue else None, cursor=cursor,
        limit=limit)


async def stats(ctx: Ctx, year: int) -> list[ComplaintStats]:
    start = datetime(year, 1, 1, tzinfo=LEGAL_TZ)
    end = datetime(year + 1, 1, 1, tzinfo=LEGAL_TZ)
    rows = await ComplaintRepository(ctx.session).stats(ctx.principal, start, end)
    out = [ComplaintStats(agency_id=agency, year=year, total=total, responded=responded,
                          completed=closed, response_rate=round(responded / total, 4),
                          completion_rate=round(closed / total, 4))
           for agency, total, responded, closed in rows if total]
    return sorted(out, key=lambda s: str(s.agency_id or ""))


def is_overdue(complaint: Complaint) -> bool:
    today = today_legal()
    if complaint.status in ("closed", "refused"):
        return False
    return ((complaint.acknowledged_at is None and complaint.acknowledge_by < today)
            or (complaint.responded_at is None and complaint.respond_by < today)
            or complaint.close_by < today)
