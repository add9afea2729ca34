"""先行登记保存证据 (行政处罚法第五十六条), issue 16 point 12.

- Only when the evidence may be lost or be hard to obtain later (`reason` required) and with
  the approval of the agency head (负责人, checked in personnel: `require_head`, rule
  第五十六条); two qualified officers (第四十二条, 第五十五条: they show the 执法证).
- A handling decision is due within 7 days of the preservation, working days under 第八十五条
  (`decision_due_on`, kit calendar). A decision after that date is recorded (the evidence is
  there) and flagged `decided_late`; undecided ones past the date are on the overdue list.
- The handling choices follow 市场监督管理行政处罚程序规定第三十四条 [S]: 证据保全记录/复制,
  送检, 依法查封扣押, 解除.
- Allowed while the case is open and before its decision (线索 or 调查)."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar
from services.cases.approvals import require_head
from services.cases.clients import qualified_officers
from services.cases.context import Ctx
from services.cases.lifecycle import states as st
from services.cases.matters.models import Matter
from services.cases.models import Case
from services.cases.preservation import schemas
from services.cases.preservation.errors import PreservationNotAllowed, PreservationNotFound
from services.cases.preservation.models import EvidencePreservation
from services.cases.preservation.repository import PreservationRepository
from services.cases.recusal.service import ensure_not_recused
from services.cases.timeline.service import append_entry

RULE = "行政处罚法第五十六条"
DECISION_DAYS = 7  # 行政处罚法第五十六条 (working days, 第八十五条)
OPEN_FOR_PRESERVATION = (st.LEAD, st.INVESTIGATING, st.CONCLUDED)


def decision_due(cal: WorkingCalendar, preserved_on: date) -> tuple[date, bool]:
    due = cal.add_days(preserved_on, DECISION_DAYS, "working", basis=RULE)
    return due.due_on, due.provisional


def is_overdue(row: EvidencePreservation, on: date) -> bool:
    return row.status == "preserved" and on > row.decision_due_on


async def preserve(ctx: Ctx, case: Case,
                   body: schemas.PreservationCreate) -> EvidencePreservation:
    if case.status not in OPEN_FOR_PRESERVATION:
        raise PreservationNotAllowed("案件当前状态不得先行登记保存证据", rule=RULE,
                                     case_status=case.status)
    await ensure_not_recused(ctx.session, case, body.officer_ids)
    matter = await ctx.session.get(Matter, case.matter_id)
    domain = matter.domain if matter else case.matter_snapshot.get("domain", "")
    await qualified_officers(ctx.up, body.officer_ids, domain, body.preserved_on,
                             rule="行政处罚法第四十二条、第五十五条")
    await require_head(ctx.up, case.agency_id, body.approver_id, "preservation")
    due_on, provisional = decision_due(ctx.calendar, body.preserved_on)
    row = EvidencePreservation(
        case_id=case.id, agency_id=case.agency_id, region_code=case.region_code,
        reason=body.reason, place=body.place, items=[i.model_dump() for i in body.items],
        officer_ids=[str(o) for o in dict.fromkeys(body.officer_ids)],
        approver_id=body.approver_id, approved_at=body.approved_at,
        preserved_on=body.preserved_on, notice_served_on=body.notice_served_on,
        decision_due_on=due_on, due_provisional=provisional, created_by=ctx.principal.subject)
    await PreservationRepository(ctx.session).add(row)
    await append_entry(ctx, case, "preservation.started", row.officer_ids, {
        "preservation_id": str(row.id), "approver_id": body.approver_id,
        "preserved_on": body.preserved_on.isoformat(), "items": row.items,
        "decision_due_on": due_on.isoformat()})
    return row


async def load(session: AsyncSession, case: Case,
               preservation_id: uuid.UUID) -> EvidencePreservation:
    row = await PreservationRepository(session).get_for_case(case.id, preservation_id)
    if row is None:
        raise PreservationNotFound(preservation_id=str(preservation_id))
    return row


async def decide(ctx: Ctx, case: Case, row: EvidencePreservation,
                 body: schemas.PreservationDecide) -> None:
    """处理决定 (第五十六条): once; late ones are recorded and flagged."""
    if row.status != "preserved":
        raise PreservationNotAllowed(f"已于{row.decided_on}作出处理决定", rule=RULE)
    if body.decided_on < row.preserved_on:
        raise PreservationNotAllowed("处理决定日期早于先行登记保存日期", rule=RULE)
    row.status, row.decided_on, row.handling = "decided", body.decided_on, body.handling
    row.handling_note, row.decided_late = body.note, body.decided_on > row.decision_due_on
    await ctx.session.flush()
    await append_entry(ctx, case, "preservation.decided", [], {
        "preservation_id": str(row.id), "handling": body.handling,
        "decided_on": body.decided_on.isoformat(), "late": row.decided_late})


def to_read(row: EvidencePreservation, on: date) -> schemas.PreservationRead:
    return schemas.PreservationRead.model_validate(row).model_copy(
        update={"overdue": is_overdue(row, on)})


async def list_preservations(ctx: Ctx, *, limit: int, cursor: str | None,
                             overdue_on: date | None
                             ) -> tuple[list[EvidencePreservation], str | None]:
    return await PreservationRepository(ctx.session).list(ctx.principal, limit=limit,
                                                          cursor=cursor, overdue_on=overdue_on)


async def for_case(session: AsyncSession, case: Case) -> list[EvidencePreservation]:
    return await PreservationRepository(session).for_case(case.id)
