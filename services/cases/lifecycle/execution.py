"""Ordinary procedure, after the decision: 送达 (行政处罚法第六十一条), 缴纳与加处罚款
(第六十六条、第六十七条、第七十二条、第七十三条), 复议/诉讼期间, 办案期限延长 (第六十条),
结案 and 归档."""

from __future__ import annotations

from datetime import date
from typing import Any

from common.calendar import today_legal
from common.money import fen_to_yuan
from kit import errors
from kit.db import new_id
from services.cases import deadlines
from services.cases.approvals import require_head
from services.cases.context import Ctx
from services.cases.errors import ActionNotAllowed, CaseNotClosable, ServiceRefused
from services.cases.lifecycle import delivery, schemas
from services.cases.lifecycle import states as st
from services.cases.lifecycle.closing import close_refusal
from services.cases.lifecycle.decision import _refuse
from services.cases.lifecycle.service import record, require_action
from services.cases.models import Case, Payment

SERVE_NAMES = {"direct": "直接送达", "left": "留置送达", "electronic": "电子送达",
               "post": "邮寄送达", "entrusted": "委托送达", "forwarded": "转交送达",
               "public_notice": "公告送达"}


async def serve(ctx: Ctx, case: Case, body: schemas.ServeCase) -> Case:
    """送达 (第六十一条): electronic only with the party's signed consent; the service date and
    refusals of `services.cases.lifecycle.delivery` (late service is refused)."""
    require_action(case, "serve")
    if body.method == "electronic" and not body.consent_confirmed:
        _refuse(ActionNotAllowed, case, "电子送达须当事人同意并签订确认书",
                "行政处罚法第六十一条第二款")
    try:
        served_on, facts = delivery.service_date(case.decided_on or body.served_on, body,
                                                 ctx.calendar)
    except delivery.Refusal as exc:
        _refuse(ServiceRefused, case, exc.detail, exc.rule, **exc.extra)
    case.served_on, case.serve_method = served_on, body.method
    await record(ctx, case, "serve", case.officer_ids, {
        "method": body.method, "method_name": SERVE_NAMES[body.method],
        "served_on": served_on, "handed_on": body.served_on, **facts}, st.SERVED)
    return case


def amounts(case: Case, on: date, ctx: Ctx) -> tuple[int, int]:
    """(surcharge owed on `on`, total owed) — 加处罚款 per 第七十二条/第七十三条."""
    due = deadlines.payment_due(case, ctx.calendar)
    surcharge = deadlines.surcharge_fen(case.fine_fen, due.due_on, on, case.remedy_periods) \
        if due else 0
    return surcharge, case.fine_fen + surcharge


async def pay(ctx: Ctx, case: Case, body: schemas.PaymentCreate) -> dict[str, Any]:
    require_action(case, "payments")
    if body.amount <= 0:
        raise errors.UnprocessableEntity("缴款金额须大于零")
    surcharge, total = amounts(case, body.paid_on, ctx)
    # the id set here, not at a flush: one flush (the timeline entry's) writes the payment and
    # the case in one UPDATE
    payment = Payment(id=new_id("payments"), case_id=case.id, amount_fen=body.amount,
                      paid_on=body.paid_on, surcharge_due_fen=surcharge,
                      receipt_number=body.receipt_number)
    ctx.session.add(payment)
    case.paid_fen += body.amount
    done = case.paid_fen >= total
    await record(ctx, case, "payment", [], {
        "payment_id": str(payment.id), "amount_fen": body.amount, "paid_on": body.paid_on,
        "surcharge_fen": surcharge, "total_due_fen": total, "paid_total_fen": case.paid_fen},
        st.EXECUTED if done else None)
    return {"id": payment.id, "amount": fen_to_yuan(body.amount), "paid_on": body.paid_on,
            "surcharge_due": fen_to_yuan(surcharge), "total_paid": fen_to_yuan(case.paid_fen),
            "outstanding": fen_to_yuan(max(0, total - case.paid_fen)), "status": case.status}


async def arrange_payment(ctx: Ctx, case: Case, body: schemas.PaymentArrangement) -> Case:
    """暂缓或者分期缴纳 approved on the party's application (第六十六条第二款)."""
    require_action(case, "payment-arrangement")
    await require_head(ctx.up, case.agency_id, body.approver_id, "arrangement")
    case.payment_arrangement = {"kind": body.kind, "until": body.until.isoformat(),
                                "approver_id": body.approver_id,
                                "instalments": body.instalments}
    await record(ctx, case, "payment_arrangement", [], case.payment_arrangement)
    return case


async def set_remedy(ctx: Ctx, case: Case, body: schemas.RemedyFlag) -> Case:
    """复议/诉讼 pending: 加处罚款 does not accrue meanwhile (第七十三条第三款)."""
    require_action(case, "remedy")
    periods = list(case.remedy_periods or [])
    if body.pending and not case.remedy_pending:
        periods.append({"from": body.on.isoformat(), "to": None, "kind": body.kind})
    elif not body.pending and case.remedy_pending:
        periods[-1] = {**periods[-1], "to": body.on.isoformat()}
    else:
        raise errors.Conflict("复议/诉讼状态未改变", remedy_pending=case.remedy_pending)
    case.remedy_periods, case.remedy_pending = periods, body.pending
    await record(ctx, case, "remedy", [], {"pending": body.pending, "kind": body.kind,
                                           "on": body.on})
    return case


async def extend_deadline(ctx: Ctx, case: Case, body: schemas.ExtendDeadline) -> Case:
    """Extension of the 90-day decision period (第六十条 “法律、法规、规章另有规定的”;
    default rule [S]: first +30 days by the head, later ones by 集体讨论)."""
    require_action(case, "extend-deadline")
    clock = dict(case.clock or {})
    ext = list(clock.get("extensions", []))
    if ext and not body.collective_discussion:
        _refuse(ActionNotAllowed, case, "再次延长办案期限须经负责人集体讨论决定",
                "行政处罚法第六十条；市场监督管理行政处罚程序规定第六十四条")
    if not ext and body.days > 30 and not body.collective_discussion:
        _refuse(ActionNotAllowed, case, "经负责人批准可延长不超过三十日",
                "行政处罚法第六十条；市场监督管理行政处罚程序规定第六十四条")
    await require_head(ctx.up, case.agency_id, body.approver_id, "extend")
    ext.append({"days": body.days, "approver_id": body.approver_id, "reason": body.reason,
                "collective_discussion": body.collective_discussion,
                "on": today_legal().isoformat()})
    clock["extensions"] = ext
    case.clock = clock
    await record(ctx, case, "extend_deadline", [], ext[-1])
    return case


async def close(ctx: Ctx, case: Case, body: schemas.CloseCase) -> Case:
    """结案 (`services.cases.lifecycle.closing`: served decision, completed judicial transfer)."""
    if refusal := close_refusal(case):
        _refuse(CaseNotClosable, case, *refusal)
    require_action(case, "close")
    case.closed_on = body.closed_on or today_legal()
    await record(ctx, case, "close", [], {"closed_on": case.closed_on,
                                          "summary": body.summary}, st.CLOSED)
    return case


async def archive(ctx: Ctx, case: Case) -> Case:
    """归档: the file becomes read-only (`CaseForAction` refuses every later change)."""
    require_action(case, "archive")
    from kit.db import utcnow
    case.archived_at = utcnow()
    await record(ctx, case, "archive", [], {"archived_at": case.archived_at.isoformat()},
                 st.ARCHIVED)
    return case
