"""回避 (行政处罚法第四十三条), issue 16 point 1.

- An officer declares a conflict (自行回避) or the party applies for the recusal of a named
  officer (当事人申请回避), also of the hearing host (第六十四条第四项); the application is
  examined and decided by the agency head (负责人, `require_head`, 第四十三条第三款), never by
  the officer concerned; the investigation does not stop meanwhile (决定作出之前，不停止调查):
  a pending application blocks nothing.
- A granted recusal removes the officer from the case (`officer_ids`, `case_officers`); from
  then on `ensure_not_recused` refuses them on every step that names officers (证据, 笔录,
  查封扣押, 先行登记保存) and as hearing host.
- The hearing host may not be an investigator (第六十四条第四项): every officer named on a step
  of the case's timeline counts, not only those named at filing (`investigators`).
- The head adds a replacement officer (`assign_officer`, e.g. after a recusal): not a recused
  one, approved by a head (`require_head`), and the team with them passes the filing check of
  personnel (第四十二条: every named officer holds a valid certificate for the matter's domain
  on that date, at least two)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.approvals import require_head
from services.cases.clients import qualified_officers
from services.cases.context import Ctx
from services.cases.models import Case, CaseOfficer
from services.cases.recusal import schemas
from services.cases.recusal.errors import (
    OfficerAssignmentRefused,
    OfficerRecused,
    RecusalNotAllowed,
    RecusalNotFound,
)
from services.cases.recusal.models import Recusal
from services.cases.recusal.repository import RecusalRepository
from services.cases.timeline.service import append_entry

ART43 = "行政处罚法第四十三条"
HOST_RULE = "行政处罚法第六十四条第四项"
# the open states of lifecycle/states.py (not imported: lifecycle imports this module)
OPEN_STATES = ("lead", "investigating", "concluded", "notified", "hearing_requested",
               "decided", "served", "executed")


async def ensure_not_recused(session: AsyncSession, case: Case, officer_ids: list[Any],
                             rule: str = ART43) -> None:
    """Refuse a step naming an officer whose recusal was granted on this case."""
    named = {str(o) for o in officer_ids}
    recused = named & await RecusalRepository(session).recused(case.id)
    if recused:
        raise OfficerRecused("已决定回避的执法人员不得继续参与本案：" + "、".join(sorted(recused)),
                             rule=rule, officer_ids=sorted(recused))


async def investigators(session: AsyncSession, case: Case) -> set[str]:
    return {str(o) for o in case.officer_ids} | await RecusalRepository(session).step_officers(
        case.id)


async def request_recusal(ctx: Ctx, case: Case, body: schemas.RecusalCreate) -> Recusal:
    if case.status not in OPEN_STATES:
        raise RecusalNotAllowed("案件已办结，不再受理回避申请", rule=ART43,
                                case_status=case.status)
    repo = RecusalRepository(ctx.session)
    if body.officer_id in await repo.recused(case.id):
        raise RecusalNotAllowed("该执法人员已决定回避", rule=ART43)
    row = Recusal(case_id=case.id, agency_id=case.agency_id, officer_id=body.officer_id,
                  role=body.role, initiated_by=body.initiated_by, reason=body.reason,
                  requested_on=body.requested_on, created_by=ctx.principal.subject)
    ctx.session.add(row)
    await ctx.session.flush()
    await append_entry(ctx, case, "recusal.requested", [], {
        "recusal_id": str(row.id), "officer_id": body.officer_id, "role": body.role,
        "initiated_by": body.initiated_by, "requested_on": body.requested_on.isoformat()})
    return row


async def decide_recusal(ctx: Ctx, case: Case, recusal_id: uuid.UUID,
                         body: schemas.RecusalDecide) -> Recusal:
    repo = RecusalRepository(ctx.session)
    row = await repo.get_for_case(case.id, recusal_id)
    if row is None:
        raise RecusalNotFound(recusal_id=str(recusal_id))
    if row.status != "pending":
        raise RecusalNotAllowed("该回避申请已作出决定", rule=ART43, recusal_status=row.status)
    if body.decided_by == row.officer_id:
        raise RecusalNotAllowed("被申请回避的人员不得决定本人的回避", rule=ART43)
    if body.decided_on < row.requested_on:
        raise RecusalNotAllowed("决定日期早于申请日期", rule=ART43)
    await require_head(ctx.up, case.agency_id, body.decided_by, "recusal")
    row.status = "granted" if body.granted else "refused"
    row.decided_by, row.decided_on, row.decision_reason = (body.decided_by, body.decided_on,
                                                           body.reason)
    if body.granted and row.officer_id in {str(o) for o in case.officer_ids}:
        case.officer_ids = [o for o in case.officer_ids if str(o) != row.officer_id]
        await repo.remove_officer(case.id, row.officer_id)
    await ctx.session.flush()
    await append_entry(ctx, case, "recusal.decided", [], {
        "recusal_id": str(row.id), "officer_id": row.officer_id, "granted": body.granted,
        "decided_by": body.decided_by, "decided_on": body.decided_on.isoformat()})
    return row


async def for_case(session: AsyncSession, case: Case) -> list[Recusal]:
    return await RecusalRepository(session).for_case(case.id)


async def assign_officer(ctx: Ctx, case: Case, body: schemas.OfficerAssign) -> Case:
    """增派执法人员 to a case by the head (after a 回避, or to strengthen the team)."""
    if case.status not in OPEN_STATES:
        raise OfficerAssignmentRefused("案件已办结，不得增派执法人员", rule=ART43,
                                       case_status=case.status)
    current = [str(o) for o in case.officer_ids]
    if body.officer_id in current:
        raise OfficerAssignmentRefused("该执法人员已是本案承办人员", rule=ART43)
    await ensure_not_recused(ctx.session, case, [body.officer_id])
    await require_head(ctx.up, case.agency_id, body.approver_id, "officer_replacement")
    await qualified_officers(ctx.up, [*current, body.officer_id],
                             case.matter_snapshot["domain"], body.assigned_on, case.region_code)
    case.officer_ids = [*current, body.officer_id]
    ctx.session.add(CaseOfficer(case_id=case.id, officer_id=body.officer_id,
                                case_created_at=case.created_at))
    await ctx.session.flush()
    await append_entry(ctx, case, "officer.assigned", [body.officer_id], {
        "officer_id": body.officer_id, "approver_id": body.approver_id,
        "assigned_on": body.assigned_on.isoformat(), "reason": body.reason})
    return case
