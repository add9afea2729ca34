"""申请人民法院强制执行 of an unpaid fine, issue 16 point 13 (the court path).

An agency without its own enforcement power (a township 综合执法 has none) that is not paid:
- serves a 催告书 (行政强制法第三十五条、第五十四条) once the payment period has run out
  (行政处罚法第六十七条 15 days, or the approved deferral, 第六十六条); the 催告 states the amount
  owed that day, fine plus 加处罚款 (行政处罚法第七十二条, paused under 第七十三条);
- may apply to the court only after 10 days from service of the 催告书 have run (第五十四条;
  working days, 第六十九条) and after the 复议/诉讼 periods (60 days, 6 months: the remedy
  settings) or a deferral have ended (第五十三条; 行政处罚法第七十二条第二款), and not while a
  复议/诉讼 is pending;
- must apply within 3 months of the end of those periods (第五十三条): `apply_by`; an
  unapplied path past that date is `lapsed` and listed."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar
from services.cases import deadlines
from services.cases.context import Ctx
from services.cases.enforcement import schemas
from services.cases.enforcement.errors import CourtEnforcementNotFound, CourtEnforcementRefused
from services.cases.enforcement.models import CourtEnforcement
from services.cases.enforcement.repository import EnforcementRepository
from services.cases.lifecycle import states as st
from services.cases.models import Case
from services.cases.timeline.service import append_entry

WAIT_DAYS = 10    # 行政强制法第五十四条 (working days, 第六十九条)
APPLY_MONTHS = 3  # 行政强制法第五十三条
ART53, ART54 = "行政强制法第五十三条", "行政强制法第五十四条"


def remedy_end(case: Case, cal: WorkingCalendar, remedy: Any) -> date:
    """The later end of the 复议 and 诉讼 periods from service, or of an approved deferral."""
    served = case.served_on
    assert served is not None
    end = max(cal.add_days(served, remedy.reconsideration_days, "calendar").due_on,
              cal.add_months(served, remedy.litigation_months).due_on)
    until = (case.payment_arrangement or {}).get("until")
    return max(end, date.fromisoformat(until)) if until else end


async def demand(ctx: Ctx, case: Case, body: schemas.DemandCreate) -> CourtEnforcement:
    cal = ctx.calendar
    due = deadlines.payment_due(case, cal)
    if case.status != st.SERVED or due is None or case.paid_fen >= case.fine_fen:
        raise CourtEnforcementRefused("只有已送达且逾期未缴清罚款的处罚决定才能催告",
                                      rule=ART54, case_status=case.status)
    if body.served_on <= due.due_on:
        raise CourtEnforcementRefused(f"缴款期限至{due.due_on}届满，当事人尚未逾期",
                                      rule=ART54, payment_due_on=due.due_on.isoformat())
    repo = EnforcementRepository(ctx.session)
    if await repo.for_case(case.id) is not None:
        raise CourtEnforcementRefused("本案已催告", rule=ART54)
    surcharge = deadlines.surcharge_fen(case.fine_fen, due.due_on, body.served_on,
                                        case.remedy_periods)
    end = remedy_end(case, cal, ctx.settings.remedy)
    row = CourtEnforcement(
        case_id=case.id, agency_id=case.agency_id, region_code=case.region_code,
        demand_served_on=body.served_on, surcharge_fen=surcharge,
        demand_amount_fen=case.fine_fen + surcharge - case.paid_fen,
        wait_ends_on=cal.add_days(body.served_on, WAIT_DAYS, "working", basis=ART54).due_on,
        remedy_ends_on=end, apply_by=cal.add_months(end, APPLY_MONTHS, basis=ART53).due_on,
        created_by=ctx.principal.subject)
    ctx.session.add(row)
    await ctx.session.flush()
    await append_entry(ctx, case, "enforcement.demand", [], {
        "served_on": body.served_on.isoformat(), "amount_fen": row.demand_amount_fen,
        "wait_ends_on": row.wait_ends_on.isoformat(), "apply_by": row.apply_by.isoformat()})
    return row


async def load(session: AsyncSession, case: Case) -> CourtEnforcement:
    row = await EnforcementRepository(session).for_case(case.id)
    if row is None:
        raise CourtEnforcementNotFound("申请人民法院强制执行前须先催告（行政强制法第五十四条）",
                                       rule=ART54)
    return row


def application_refusal(case: Case, row: CourtEnforcement, on: date) -> tuple[str, str] | None:
    if row.status == "applied":
        return f"已于{row.applied_on}申请强制执行", ART53
    if case.paid_fen >= case.fine_fen or case.status != st.SERVED:
        return "当事人已履行或案件不在待执行状态", ART53
    if case.remedy_pending:
        return "行政复议或者行政诉讼进行中，不得申请强制执行", ART53
    if on <= row.wait_ends_on:
        return f"催告书送达十日后（{row.wait_ends_on}之后）当事人仍未履行的，方可申请", ART54
    if on <= row.remedy_ends_on:
        return f"复议、诉讼期限至{row.remedy_ends_on}届满后方可申请", ART53
    if on > row.apply_by:
        return f"应当自期限届满之日起三个月内（至{row.apply_by}）申请，已逾期", ART53
    return None


async def apply(ctx: Ctx, case: Case, body: schemas.ApplicationCreate) -> CourtEnforcement:
    row = await load(ctx.session, case)
    if refusal := application_refusal(case, row, body.applied_on):
        raise CourtEnforcementRefused(refusal[0], rule=refusal[1],
                                      wait_ends_on=row.wait_ends_on.isoformat(),
                                      remedy_ends_on=row.remedy_ends_on.isoformat(),
                                      apply_by=row.apply_by.isoformat())
    row.status, row.applied_on, row.court_name = "applied", body.applied_on, body.court_name
    await ctx.session.flush()
    await append_entry(ctx, case, "enforcement.applied", [], {
        "applied_on": body.applied_on.isoformat(), "court_name": body.court_name})
    return row


def to_read(row: CourtEnforcement, on: date) -> schemas.CourtEnforcementRead:
    open_ = row.status == "demanded"
    return schemas.CourtEnforcementRead.model_validate(row).model_copy(update={
        "demand_amount": row.demand_amount_fen, "surcharge": row.surcharge_fen,
        "may_apply": open_ and max(row.wait_ends_on, row.remedy_ends_on) < on <= row.apply_by,
        "lapsed": open_ and on > row.apply_by})


async def list_paths(ctx: Ctx, *, limit: int, cursor: str | None, status: str | None,
                     lapsed_on: date | None) -> tuple[list[CourtEnforcement], str | None]:
    return await EnforcementRepository(ctx.session).list(
        ctx.principal, limit=limit, cursor=cursor, status=status, lapsed_on=lapsed_on)
