"""行政机关自行强制执行 of an unpaid fine, issue 16 point 13 (行政强制法第四十六条), beside the
court path of `services/cases/enforcement`.

[V] rules, each refused with its article:
- 第四十六条第一款: enforcement may start only once 加处罚款 (行政处罚法第七十二条) has run for
  more than 30 days (days while 复议/诉讼 is pending do not count, 行政处罚法第七十三条) and a
  催告 has gone unanswered; only an agency given 行政强制执行权 by law may do so
  (`self_enforcement_powers`, per agency, with the manners the law grants it).
- 第四十六条第三款: an agency without that power applies to the court (the court path) — but
  one that already sealed or seized property on the case may auction it to offset the fine
  when the party did not apply for 复议 or 诉讼 within the statutory periods and, after the
  催告, still does not pay (`basis = seized_property`: auction only, after the remedy periods,
  and only if no remedy was ever pending).
- 第三十五条: the 催告书 states the time limit (`perform_by`, after service), the manner and the
  amount owed (fine + 加处罚款 − paid, as of service); 第三十八条 service is recorded.
- 第三十六条: the party's 陈述申辩 is recorded with its 复核; an accepted one bars enforcement.
- 第三十七条: the 强制执行决定 only after `perform_by` has passed unpaid, unless the party shows
  signs of moving or hiding property during the 催告 (立即强制执行, with the reason); the head
  approves it (issue 16 point 8, `require_head`).
- 第四十七条: 划拨 only by an agency the law names (a manner in its powers), naming the bank;
  第四十八条: 拍卖 through an auction house, of items still held under a 查封/扣押 of the case
  (第四十六条第二款: seizing first follows chapter 3).
- 第四十三条: not at night (`enforcement_night_hours`, default 22–6 [S]) nor on a 法定节假日 —
  decision: any non-working day of the calendar (weekends and holidays, after 调休) — unless
  urgent, with the reason recorded.
- 第四十九条: the proceeds go to the treasury or the fiscal account; the amount is booked as
  a payment of the case (so a fully paid case becomes `executed`), the auctioned items are
  marked `auctioned` and their measures `disposed`."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import LEGAL_TZ, WorkingCalendar, today_legal
from common.money import fen_to_yuan
from kit.db import utcnow
from services.cases import deadlines
from services.cases.approvals import require_head
from services.cases.context import Ctx
from services.cases.enforcement.service import remedy_end
from services.cases.lifecycle import execution
from services.cases.lifecycle import states as st
from services.cases.lifecycle.schemas import PaymentCreate
from services.cases.models import Case
from services.cases.self_enforcement import schemas
from services.cases.self_enforcement.errors import SelfEnforcementNotFound, SelfEnforcementRefused
from services.cases.self_enforcement.models import SelfEnforcement
from services.cases.self_enforcement.repository import SelfEnforcementRepository
from services.cases.timeline.service import append_entry

SURCHARGE_DAYS = 30  # 行政强制法第四十六条第一款 (calendar days, DOMAIN.md §11)
ART35, ART36, ART37 = "行政强制法第三十五条", "行政强制法第三十六条", "行政强制法第三十七条"
ART43, ART46 = "行政强制法第四十三条", "行政强制法第四十六条第一款"
ART46_2, ART46_3 = "行政强制法第四十六条第二款", "行政强制法第四十六条第三款"
ART47, ART48 = "行政强制法第四十七条", "行政强制法第四十八条"


def refuse(detail: str, rule: str, **extra: Any) -> SelfEnforcementRefused:
    return SelfEnforcementRefused(detail, rule=rule, **extra)


def surcharge_days(due_on: date, on: date, pauses: list[dict[str, Any]]) -> int:
    """Days of 加处罚款 accrued by `on` (行政处罚法第七十二条), without those while 复议/诉讼 was
    pending (第七十三条) — the same count as `deadlines.surcharge_fen`."""
    if on <= due_on:
        return 0
    days = (on - due_on).days
    for p in pauses:
        start = max(date.fromisoformat(p["from"]), due_on + timedelta(days=1))
        end = min(date.fromisoformat(p["to"]) if p.get("to") else on + timedelta(days=1),
                  on + timedelta(days=1))
        days -= max(0, (end - start).days)
    return max(0, days)


def powers(ctx: Ctx, case: Case) -> list[str]:
    return list(ctx.settings.self_enforcement_powers.get(str(case.agency_id), []))


async def demand(ctx: Ctx, case: Case, body: schemas.DemandCreate) -> SelfEnforcement:
    """催告 (第三十五条) on the way to the agency's own enforcement."""
    due = deadlines.payment_due(case, ctx.calendar)
    if case.status != st.SERVED or due is None or case.paid_fen >= case.fine_fen:
        raise refuse("只有已送达且逾期未缴清罚款的处罚决定才能强制执行", ART46,
                     case_status=case.status)
    repo = SelfEnforcementRepository(ctx.session)
    if await repo.for_case(case.id) is not None:
        raise refuse("本案已催告，自行强制执行进行中", ART35)
    if await repo.court_status(case.id) == "applied":
        raise refuse("本案已申请人民法院强制执行", ART46_3)
    if body.basis == "own_power" and not powers(ctx, case):
        raise refuse("本机关没有法律授予的行政强制执行权，应当申请人民法院强制执行；"
                     "已查封、扣押财物的，可以依照第四十六条第三款拍卖抵缴罚款", ART46_3)
    if body.basis == "seized_property" and not await repo.held_measures(case.id):
        raise refuse("本案未在实施行政管理过程中查封、扣押财物，不得拍卖抵缴罚款", ART46_3)
    days = surcharge_days(due.due_on, body.served_on, case.remedy_periods)
    if days <= SURCHARGE_DAYS:
        raise refuse(f"加处罚款已计{days}日，超过三十日后方可催告并强制执行", ART46,
                     payment_due_on=due.due_on.isoformat(), surcharge_days=days)
    if body.perform_by <= body.served_on:
        raise refuse("催告书应当载明送达后的履行期限", ART35)
    surcharge = deadlines.surcharge_fen(case.fine_fen, due.due_on, body.served_on,
                                        case.remedy_periods)
    row = SelfEnforcement(
        case_id=case.id, agency_id=case.agency_id, region_code=case.region_code,
        basis=body.basis, payment_due_on=due.due_on, surcharge_days=days,
        demand_served_on=body.served_on, perform_by=body.perform_by, surcharge_fen=surcharge,
        demand_amount_fen=case.fine_fen + surcharge - case.paid_fen, measure_ids=[],
        created_by=ctx.principal.subject)
    ctx.session.add(row)
    await ctx.session.flush()
    await append_entry(ctx, case, "self_enforcement.demand", [], {
        "basis": body.basis, "served_on": body.served_on.isoformat(),
        "perform_by": body.perform_by.isoformat(), "amount_fen": row.demand_amount_fen})
    return row


async def load(session: AsyncSession, case: Case) -> SelfEnforcement:
    row = await SelfEnforcementRepository(session).for_case(case.id)
    if row is None:
        raise SelfEnforcementNotFound("强制执行决定前须先催告（行政强制法第三十五条）", rule=ART35)
    return row


async def statement(ctx: Ctx, case: Case, body: schemas.StatementCreate) -> SelfEnforcement:
    """陈述申辩 after the 催告, recorded and 复核 (第三十六条)."""
    row = await load(ctx.session, case)
    if row.status != "demanded" or row.statement is not None:
        raise refuse("催告阶段的陈述申辩已记录或已作出强制执行决定", ART36)
    if body.received_on < row.demand_served_on:
        raise refuse("陈述申辩日期早于催告书送达日期", ART36)
    row.statement = {"received_on": body.received_on.isoformat(), "text": body.text,
                     "review": body.review, "accepted": body.accepted}
    await ctx.session.flush()
    await append_entry(ctx, case, "self_enforcement.statement", [],
                       {"received_on": body.received_on.isoformat(),
                        "accepted": body.accepted})
    return row


def decision_refusal(ctx: Ctx, case: Case, row: SelfEnforcement,
                     body: schemas.DecisionCreate) -> tuple[str, str] | None:
    if row.status != "demanded":
        return "已作出强制执行决定", ART37
    if case.paid_fen >= case.fine_fen or case.status != st.SERVED:
        return "当事人已履行或案件不在待执行状态", ART37
    if (row.statement or {}).get("accepted"):
        return "当事人提出的事实、理由或者证据成立，已予采纳，不得强制执行", ART36
    if body.decided_on < row.demand_served_on:
        return "决定日期早于催告书送达日期", ART37
    if body.immediate and body.decided_on > row.perform_by:
        return "立即强制执行仅适用于催告期间", ART37
    if not body.immediate and body.decided_on <= row.perform_by:
        return f"催告期限至{row.perform_by}届满后当事人仍不履行的，方可作出强制执行决定", ART37
    if row.basis == "seized_property":
        if body.manner != "auction":
            return "无强制执行权的行政机关只能将查封、扣押的财物拍卖抵缴罚款", ART46_3
        if case.remedy_pending or case.remedy_periods:
            return "当事人已申请行政复议或者提起行政诉讼，应当申请人民法院强制执行", ART46_3
        end = remedy_end(case, ctx.calendar, ctx.settings.remedy)
        if body.decided_on <= end:
            return f"复议、诉讼的法定期限至{end}届满后方可拍卖抵缴罚款", ART46_3
    elif body.manner not in powers(ctx, case):
        if body.manner == "transfer":
            return "划拨存款、汇款应当由法律规定的行政机关决定，本机关无此权限", ART47
        return "法律未授予本机关以拍卖方式强制执行", ART46
    return None


async def decide(ctx: Ctx, case: Case, body: schemas.DecisionCreate) -> SelfEnforcement:
    """强制执行决定 (第三十七条), approved by the head."""
    row = await load(ctx.session, case)
    if refusal := decision_refusal(ctx, case, row, body):
        raise refuse(refusal[0], refusal[1], perform_by=row.perform_by.isoformat())
    measures = await SelfEnforcementRepository(ctx.session).held_measures(case.id)
    if body.manner == "auction" and not measures:
        raise refuse("拍卖抵缴须先依照行政强制法第三章查封、扣押财物", ART46_2)
    await require_head(ctx.up, case.agency_id, body.approver_id, "self_enforcement")
    row.status, row.decided_on, row.approver_id = "decided", body.decided_on, body.approver_id
    row.manner, row.institution, row.immediate = body.manner, body.institution, body.immediate
    row.decision_reason = body.reason
    row.measure_ids = [str(m.id) for m in measures] if body.manner == "auction" else []
    await ctx.session.flush()
    await append_entry(ctx, case, "self_enforcement.decided", [], {
        "decided_on": body.decided_on.isoformat(), "manner": body.manner,
        "institution": body.institution, "immediate": body.immediate,
        "approver_id": body.approver_id, "measure_ids": row.measure_ids})
    return row


def off_hours(cal: WorkingCalendar, hours: tuple[int, int], at: Any) -> str | None:
    """Why `at` is barred by 第四十三条 (night or a non-working day), or None."""
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(LEGAL_TZ)  # naive: UTC
    start, end = hours
    if local.hour >= start or local.hour < end:
        return f"{local:%H:%M}属于夜间（{start}时至次日{end}时）"
    if not cal.is_workday(local.date()).working:
        return f"{local.date()}为法定节假日"
    return None


async def execute(ctx: Ctx, case: Case, body: schemas.ExecutionCreate) -> SelfEnforcement:
    """拍卖/划拨 carried out (第四十三条, 第四十七条–第四十九条); the proceeds are booked."""
    row = await load(ctx.session, case)
    if row.status != "decided":
        raise refuse("尚未作出强制执行决定或已执行完毕", ART37, enforcement_status=row.status)
    hours = tuple(ctx.settings.enforcement_night_hours)
    why = off_hours(ctx.calendar, (hours[0], hours[1]), body.executed_at)
    if why and not body.emergency_reason:
        raise refuse(f"{why}，不得实施行政强制执行（情况紧急的除外，须写明理由）", ART43)
    executed_on = today_legal(body.executed_at)
    if row.decided_on is not None and executed_on < row.decided_on:
        raise refuse("执行日期早于强制执行决定日期", ART37)
    _, total = execution.amounts(case, executed_on, ctx)
    if body.recovered <= 0 or body.recovered > total - case.paid_fen:
        raise refuse("抵缴金额须大于零且不超过尚欠的罚款和加处罚款", ART48 if
                     row.manner == "auction" else ART47, outstanding_fen=total - case.paid_fen)
    if row.manner == "auction":
        repo = SelfEnforcementRepository(ctx.session)
        measures = {m.id: m for m in await repo.held_measures(case.id)
                    if str(m.id) in row.measure_ids}
        for item in await repo.held_items(list(measures)):
            item.status, item.disposed_on = "auctioned", executed_on
        for m in measures.values():
            m.status, m.closed_on, m.updated_at = "disposed", executed_on, utcnow()
    row.status, row.executed_at, row.emergency_reason = "executed", body.executed_at, \
        body.emergency_reason
    row.recovered_fen, row.proceeds_account = body.recovered, body.proceeds_account
    row.receipt_number = body.receipt_number
    await ctx.session.flush()
    await append_entry(ctx, case, "self_enforcement.executed", [], {
        "executed_at": body.executed_at.isoformat(), "manner": row.manner,
        "recovered_fen": body.recovered, "proceeds_account": body.proceeds_account,
        "emergency_reason": body.emergency_reason})
    await execution.pay(ctx, case, PaymentCreate(amount=fen_to_yuan(body.recovered),
                                                 paid_on=executed_on,
                                                 receipt_number=body.receipt_number))
    return row


def to_read(row: SelfEnforcement, on: date) -> schemas.SelfEnforcementRead:
    return schemas.SelfEnforcementRead.model_validate(row).model_copy(update={
        "demand_amount": row.demand_amount_fen, "surcharge": row.surcharge_fen,
        "recovered": row.recovered_fen,
        "may_decide": row.status == "demanded" and on > row.perform_by
        and not (row.statement or {}).get("accepted")})


async def list_paths(ctx: Ctx, *, limit: int, cursor: str | None, status: str | None
                     ) -> tuple[list[SelfEnforcement], str | None]:
    return await SelfEnforcementRepository(ctx.session).list(ctx.principal, limit=limit,
                                                             cursor=cursor, status=status)
