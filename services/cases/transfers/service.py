"""移送 (行政处罚法第二十七条; 国务院令第310号《行政执法机关移送涉嫌犯罪案件的规定》第五条、
第六条 [S]; 行政强制法第二十一条).

Steps: a written report by at least two qualified officers → the head decides within 3 days
(`decision_due_on`; late decisions are recorded and flagged, not refused, so the record stays
true) → if approved, the case goes within 24 hours (`send_due_at`, clock hours; flagged when
late) with its documents and, for a judicial transfer, the seized property (行政强制法第二十一条:
the held items of the case's active measures become `transferred`) → the receiver's answer.

Case status (the state machine belongs to cases-core, `services.cases.lifecycle.states`).
``transferred`` is added to its table of allowed actions (only ``close``, then ``archive``;
minimal glue, cases-core may move it). The case moves to ``transferred`` when the file is
sent; a ``declined`` or ``returned`` answer (公安不予立案 / 司法机关移回作行政处罚,
第二十七条第一款) puts it back where it was so the agency continues.
Unit of the decree's 3 days: the 行政处罚法第八十五条 working-day rule covers only that law, so
calendar days are the default; `CasesSettings.transfer_approval_unit` ("calendar"|"working")
overrides it when present."""

import uuid
from datetime import timedelta

from common.calendar import today_legal
from kit.db import utcnow
from services.cases.approvals import require_head
from services.cases.clients import qualified_officers
from services.cases.coercion.service import transfer_items
from services.cases.context import Ctx
from services.cases.lifecycle import states as st
from services.cases.lifecycle.service import record
from services.cases.models import Case
from services.cases.transfers import schemas
from services.cases.transfers.errors import TransferNotAllowed, TransferNotFound
from services.cases.transfers.models import CaseTransfer
from services.cases.transfers.repository import TransferRepository

TRANSFERRED = "transferred"
OPEN_FOR_TRANSFER = (st.LEAD, st.INVESTIGATING, st.CONCLUDED, st.NOTIFIED, st.HEARING_REQUESTED)
RUNNING = ("pending_approval", "approved", "sent")
APPROVAL_DAYS = 3       # 国务院令第310号第五条
SEND_HOURS = 24         # 国务院令第310号第六条
RULES = {"judicial": "行政处罚法第二十七条、国务院令第310号",
         "agency": "行政处罚法第二十二条、第二十五条"}


async def _transfers(ctx: Ctx, case_id: uuid.UUID) -> list[CaseTransfer]:
    return await TransferRepository(ctx.session).of_case(case_id)


async def list_transfers(ctx: Ctx, case: Case) -> list[CaseTransfer]:
    return await _transfers(ctx, case.id)


async def load(ctx: Ctx, case: Case, transfer_id: uuid.UUID) -> CaseTransfer:
    transfer = await TransferRepository(ctx.session).get_for_update(case.id, transfer_id)
    if transfer is None:
        raise TransferNotFound(transfer_id=str(transfer_id))
    return transfer


def _require(transfer: CaseTransfer, *statuses: str) -> None:
    if transfer.status not in statuses:
        raise TransferNotAllowed(f"移送当前状态为“{transfer.status}”，不能执行该操作",
                                 rule=RULES[transfer.kind], transfer_status=transfer.status)


async def report_transfer(ctx: Ctx, case: Case, body: schemas.TransferCreate) -> CaseTransfer:
    if case.status not in OPEN_FOR_TRANSFER:
        raise TransferNotAllowed("案件当前状态不能移送", rule=RULES[body.kind],
                                 case_status=case.status)
    if any(t.status in RUNNING for t in await _transfers(ctx, case.id)):
        raise TransferNotAllowed("该案件已有正在进行的移送", rule=RULES[body.kind])
    matter = await TransferRepository(ctx.session).matter(case.matter_id)
    domain = matter.domain if matter else (case.matter_snapshot or {}).get("domain", "")
    reported_at = body.reported_at or utcnow()
    reported_on = today_legal(reported_at)
    check = await qualified_officers(ctx.up, body.officer_ids, domain, reported_on,
                                     rule="国务院令第310号第五条" if body.kind == "judicial"
                                     else "行政处罚法第四十二条")
    unit = getattr(ctx.settings, "transfer_approval_unit", "calendar")
    due = ctx.calendar.add_days(reported_on, APPROVAL_DAYS, unit,
                                basis="国务院令第310号第五条")
    transfer = CaseTransfer(
        case_id=case.id, agency_id=case.agency_id, region_code=case.region_code,
        kind=body.kind, previous_case_status=case.status, target_name=body.target_name,
        target_agency_id=body.target_agency_id, reason=body.reason, report=body.report,
        officer_ids=check.qualified_ids(), reported_at=reported_at, decision_due_on=due.due_on,
        created_by=ctx.principal.subject)
    await TransferRepository(ctx.session).add(transfer)
    await record(ctx, case, "transfer.reported", transfer.officer_ids, {
        "transfer_id": str(transfer.id), "kind": body.kind, "target": body.target_name,
        "reason": body.reason, "decision_due_on": due.due_on})
    return transfer


async def decide_transfer(ctx: Ctx, case: Case, transfer: CaseTransfer,
                          body: schemas.TransferDecision) -> None:
    """The head's decision; refusals keep their reasons (第五条)."""
    _require(transfer, "pending_approval")
    if not body.approved and not body.reason:
        raise TransferNotAllowed("不批准移送的，应当记录不予批准的理由", rule=RULES[transfer.kind])
    await require_head(ctx.up, case.agency_id, body.approver_id, "transfer",
                       principal_only=True)
    transfer.approver_id, transfer.decided_at = body.approver_id, body.decided_at
    transfer.decision_late = today_legal(body.decided_at) > \
        transfer.decision_due_on
    if body.approved:
        transfer.status = "approved"
        transfer.send_due_at = body.decided_at + timedelta(hours=SEND_HOURS)
    else:
        transfer.status, transfer.refusal_reason = "refused", body.reason
    await ctx.session.flush()
    await record(ctx, case, "transfer.decided", [], {
        "transfer_id": str(transfer.id), "approved": body.approved,
        "approver_id": body.approver_id, "decided_at": body.decided_at.isoformat(),
        "late": transfer.decision_late, "reason": body.reason})


async def send_transfer(ctx: Ctx, case: Case, transfer: CaseTransfer,
                        body: schemas.TransferSend) -> None:
    """Hand the case over; seized property goes with a judicial transfer (行政强制法第二十一条)."""
    _require(transfer, "approved")
    sent_on = today_legal(body.sent_at)
    ids = [str(m) for m in body.measure_ids] if body.measure_ids is not None else None
    if transfer.kind == "agency" and ids is None:
        ids = []
    items = await transfer_items(ctx.session, case, ids, sent_on)
    transfer.status, transfer.sent_at, transfer.documents = "sent", body.sent_at, body.documents
    transfer.measure_ids = sorted({i["measure_id"] for i in items} | set(ids or []))
    transfer.send_late = bool(transfer.send_due_at and body.sent_at > transfer.send_due_at)
    await ctx.session.flush()
    await record(ctx, case, "transfer.sent", transfer.officer_ids, {
        "transfer_id": str(transfer.id), "sent_at": body.sent_at.isoformat(),
        "documents": body.documents, "items": items, "late": transfer.send_late}, TRANSFERRED)


async def answer_transfer(ctx: Ctx, case: Case, transfer: CaseTransfer,
                          body: schemas.TransferAnswer) -> None:
    """The receiver's answer; declined or returned → the case continues here."""
    _require(transfer, "sent")
    transfer.status, transfer.answer = body.answer, body.answer
    transfer.answered_on, transfer.answer_note = body.answered_on, body.note
    await ctx.session.flush()
    back = transfer.previous_case_status if body.answer in ("declined", "returned") else None
    await record(ctx, case, "transfer.answered", [], {
        "transfer_id": str(transfer.id), "answer": body.answer,
        "answered_on": body.answered_on, "note": body.note}, back)
