"""Ordinary procedure, second half: 事先告知 (第四十四条), 陈述申辩 (第四十五条), 听证
(第六十三条、第六十四条), 决定 (第五十七条–第六十二条) and 撤销决定 (第四十八条). After the
decision (送达, 缴纳, 结案, 归档): `services.cases.lifecycle.execution`."""

from __future__ import annotations

from datetime import date
from typing import Any

from common.calendar import today_legal
from common.money import fen_to_yuan
from kit import errors
from kit.db import new_id
from services.cases import deadlines
from services.cases import penalties as penalty_kinds
from services.cases.context import Ctx
from services.cases.errors import (
    ActionNotAllowed,
    HearingNotAllowed,
    LegalReviewNotApproved,
    PenaltyIncreased,
    StatementWindowOpen,
)
from services.cases.lifecycle import collective, schemas, social, soft
from services.cases.lifecycle import states as st
from services.cases.lifecycle.conclusion import penalties_store, request_legal_review
from services.cases.lifecycle.service import agency_prefix, record, require_action
from services.cases.models import Case, Statement
from services.cases.numbering import next_number
from services.cases.recusal import service as recusal
from services.cases.timeline.service import digest


def _refuse(cls: type[errors.Problem], case: Case, detail: str, rule: str, **kw: Any) -> None:
    raise cls(detail, rule=rule, case_status=case.status, allowed_actions=st.allowed_actions(case),
              **kw)


async def notify(ctx: Ctx, case: Case, body: schemas.NotifyCase) -> Case:
    """事先告知 served: opens the statement window and, where the penalty carries the hearing
    right, the 5-working-day hearing-request window (第六十四条第一项). A new 告知 after a
    corrected proposal starts afresh: an earlier waiver, hearing or closed window does not
    carry over (第四十四条、第六十二条)."""
    require_action(case, "notify")
    previous = case.notice
    case.statements_waived = False
    conclusion = case.conclusion or {}
    cal, days = ctx.calendar, ctx.settings.statement_window_working_days
    stmt_due = cal.add_days(body.served_on, days, "working",
                            basis="行政处罚法第四十四条（陈述申辩期限，可配置）")
    notice: dict[str, Any] = {
        "served_on": body.served_on.isoformat(), "method": body.method,
        "penalties": conclusion.get("penalties", []),
        "statement_due_on": stmt_due.due_on.isoformat(),
        "statement_due_provisional": stmt_due.provisional,
        "hearing_eligible": bool(conclusion.get("hearing_eligible")),
        "hearing_reasons": conclusion.get("hearing_reasons", []),
        "hearing_due_on": None, "hearing_waived": False,
        "round": int((previous or {}).get("round", 0)) + 1,
        "previous_hearing": case.hearing if previous else None}
    case.hearing = None
    if notice["hearing_eligible"]:
        h = cal.add_days(body.served_on, deadlines.HEARING_REQUEST_DAYS, "working",
                         basis="行政处罚法第六十四条第一项")
        notice["hearing_due_on"] = h.due_on.isoformat()
        notice["hearing_due_provisional"] = h.provisional
    case.notice = notice
    await record(ctx, case, "notify", case.officer_ids, notice, st.NOTIFIED)
    return case


async def add_statement(ctx: Ctx, case: Case, body: schemas.StatementCreate) -> Statement:
    """陈述申辩 and its 复核 (第四十五条), or an explicit waiver (第六十二条)."""
    require_action(case, "statements")
    received = body.received_on or today_legal()
    # the id set here, not at a flush: the timeline entry names it, and one flush (the
    # entry's) then writes the statement and the case in one UPDATE
    stmt = Statement(id=new_id("statements"), case_id=case.id, waived=body.waived,
                     content=body.content, recheck_result=body.recheck_result,
                     adopted=body.adopted, received_on=received)
    ctx.session.add(stmt)
    if body.waived:
        case.statements_waived = True
    if body.waive_hearing:
        case.notice = {**(case.notice or {}), "hearing_waived": True}
    await record(ctx, case, "statement", [], {
        "statement_id": str(stmt.id), "waived": body.waived, "waive_hearing": body.waive_hearing,
        "content_sha256": digest(body.content), "adopted": body.adopted,
        "received_on": received})
    return stmt


async def request_hearing(ctx: Ctx, case: Case, body: schemas.HearingRequest) -> Case:
    require_action(case, "hearing-request")
    due = (case.notice or {}).get("hearing_due_on")
    if due and body.requested_on > date.fromisoformat(due):
        _refuse(HearingNotAllowed, case, f"听证申请应在告知后五日内提出（截止 {due}）",
                "行政处罚法第六十四条第一项")
    case.hearing = {"requested_on": body.requested_on.isoformat()}
    clock = dict(case.clock or {})
    clock["pauses"] = [*clock.get("pauses", []), {"from": body.requested_on.isoformat(),
                                                  "to": None, "reason": "听证"}]
    case.clock = clock
    await record(ctx, case, "hearing_request", [], case.hearing, st.HEARING_REQUESTED)
    return case


async def hold_hearing(ctx: Ctx, case: Case, body: schemas.HearingHeld) -> Case:
    """听证 (第六十四条): host not an investigator, notice ≥7 working days before; no-show or
    leaving counts as waiver. A held hearing makes 法制审核 required (第五十八条第一款第二项)."""
    require_action(case, "hearing")
    await recusal.ensure_not_recused(ctx.session, case, [body.host_id], recusal.HOST_RULE)
    if body.host_id in await recusal.investigators(ctx.session, case):
        _refuse(HearingNotAllowed, case, "听证主持人不得由本案调查人员担任",
                "行政处罚法第六十四条第四项")
    earliest = ctx.calendar.add_days(body.notice_served_on, deadlines.HEARING_NOTICE_DAYS,
                                     "working", basis="行政处罚法第六十四条第二项")
    if body.held_on < earliest.due_on:
        _refuse(HearingNotAllowed, case,
                f"应当在举行听证的七日前通知当事人，最早可于 {earliest.due_on} 举行",
                "行政处罚法第六十四条第二项", earliest_on=earliest.due_on.isoformat())
    hearing = {**(case.hearing or {}), "host_id": body.host_id,
               "notice_served_on": body.notice_served_on.isoformat(),
               "held_on": body.held_on.isoformat(), "outcome": body.outcome,
               "public": body.public, "record_sha256": digest(body.record)}
    case.hearing = hearing
    clock = dict(case.clock or {})
    clock["pauses"] = [{**p, "to": p["to"] or body.held_on.isoformat()}
                       if p.get("reason") == "听证" else p for p in clock.get("pauses", [])]
    case.clock = clock
    if body.outcome == "held":
        reasons = list(dict.fromkeys([*case.legal_review_reasons,
                                      "经过听证程序（行政处罚法第五十八条第一款第二项）"]))
        await request_legal_review(ctx, case, reasons)
    else:
        case.notice = {**(case.notice or {}), "hearing_waived": True}
    await record(ctx, case, "hearing", [body.host_id], hearing, st.NOTIFIED)
    return case


def _heavier(decided: list[dict[str, Any]], notified: list[dict[str, Any]]) -> list[str]:
    """Decided penalties heavier than the notified ones (第四十五条第二款)."""
    most = {}
    for p in notified:
        most[p["kind"]] = max(most.get(p["kind"], 0), p["amount_fen"])
    out = []
    for p in decided:
        if p["kind"] not in most:
            out.append(f"增加了告知书中没有的处罚种类 {p['kind']}")
        elif p["amount_fen"] > most[p["kind"]]:
            out.append(f"{p['kind']} 由 {fen_to_yuan(most[p['kind']])} 元提高到 "
                       f"{fen_to_yuan(p['amount_fen'])} 元")
    return out


def _check_decidable(case: Case, body: schemas.DecideCase, penalties: list[dict[str, Any]]
                     ) -> None:
    if case.legal_review_required and case.legal_review_status != "approved":
        _refuse(LegalReviewNotApproved, case,
                f"法制审核状态为“{case.legal_review_status}”，未经审核或审核未通过的不得作出决定",
                "行政处罚法第五十八条", legal_review_status=case.legal_review_status)
    if case.collective_discussion_required and not body.collective_discussion_record:
        _refuse(ActionNotAllowed, case, "情节复杂或重大违法的案件须经负责人集体讨论决定",
                "行政处罚法第五十七条第二款")
    if (case.conclusion or {}).get("outcome") != "penalty":
        return
    notice = case.notice or {}
    stmt_due = date.fromisoformat(notice["statement_due_on"])
    if not case.statements_waived and body.decided_on <= stmt_due:
        _refuse(StatementWindowOpen, case,
                f"陈述申辩期限至 {stmt_due} 届满，当事人未明确放弃，不得作出决定",
                "行政处罚法第六十二条", due_on=stmt_due.isoformat())
    hearing_due = notice.get("hearing_due_on")
    if (hearing_due and not notice.get("hearing_waived") and not (case.hearing or {})
            and body.decided_on <= date.fromisoformat(hearing_due)):
        _refuse(StatementWindowOpen, case,
                f"听证申请期限至 {hearing_due} 届满，当事人未明确放弃，不得作出决定",
                "行政处罚法第六十二条、第六十四条", due_on=hearing_due)
    heavier = _heavier(penalties, notice.get("penalties", []))
    if heavier:
        _refuse(PenaltyIncreased, case, "；".join(heavier), "行政处罚法第四十五条第二款",
                differences=heavier)


async def decide(ctx: Ctx, case: Case, body: schemas.DecideCase) -> Case:
    """处罚决定 / 不予处罚决定 with the contents of 第五十九条; emits `case.decided`."""
    require_action(case, "decide")
    outcome = (case.conclusion or {}).get("outcome")
    penalties = (penalties_store(body.penalties) if body.penalties
                 else list((case.notice or {}).get("penalties", [])))
    if outcome != "penalty" and penalties:
        raise errors.UnprocessableEntity("不予处罚的决定不得列处罚")
    if outcome == "penalty" and not penalties:
        raise errors.UnprocessableEntity("处罚决定须列明处罚种类")
    _check_decidable(case, body, penalties)
    evaluation = await social.require_answer(ctx, case, penalties)  # 社会评议 (issue 15)
    discussion = (await collective.check_record(ctx, case, body.collective_discussion_record,
                                                body.decided_on)
                  if body.collective_discussion_record else None)
    prefix, agency = await agency_prefix(ctx, case.agency_id)
    deciding = case.matter_snapshot.get("deciding_agency") or agency
    number = body.document_number or await next_number(
        ctx.session, case.agency_id, body.decided_on.year, "decision",
        ctx.settings.decision_number_pattern, prefix)
    fine = sum(p["amount_fen"] for p in penalties if p["kind"] == "fine")
    snap = case.matter_snapshot
    case.decision = {
        "document_number": number,
        "kind": outcome if outcome in ("penalty", "minor_no_penalty") else "no_penalty",
        "mitigation": (case.conclusion or {}).get("mitigation", "none"),
        "party": {"kind": case.party_kind, "name": case.party_name,
                  "address": case.party_address},
        "facts": case.facts, "evidence_summary": "见案卷证据目录",
        "penalties": penalties, "legal_basis": snap["legal_basis"],
        "penalty_basis": snap["penalty_basis"],
        "payment": {"how": "到指定银行或者通过电子支付系统缴纳",
                    "deadline": "自收到本决定书之日起十五日内（行政处罚法第六十七条）"}
        if fine else None,
        "remedies": ctx.settings.remedy.decision_texts(),
        "agency": deciding, "decided_on": body.decided_on.isoformat(),
        "collective_discussion_record": discussion,
        **({"social_evaluation": evaluation} if evaluation else {})}
    case.decided_on, case.decision_number, case.fine_fen = body.decided_on, number, fine
    set_statistics(case, penalties)
    case.decision_outcome = soft.decision_columns(case.conclusion)["decision_outcome"]
    await record(ctx, case, "decide", case.officer_ids, {
        "document_number": number, "decided_on": body.decided_on, "penalties": penalties,
        "decision_digest": digest(case.decision)}, st.DECIDED)
    if outcome == "penalty":
        await ctx.outbox.emit(ctx.session, "case.decided", decided_payload(case, penalties,
                                                                          deciding),
                              aggregate_id=str(case.id))
    return case


def set_statistics(case: Case, penalties: list[dict[str, Any]]) -> None:
    """The decision's 统计年报 columns (services.cases.statistics counts them by GROUP BY)."""
    decision = case.decision or {}
    case.decision_kind = decision.get("kind", "penalty")
    case.report_rank = (penalty_kinds.report_rank(p["kind"] for p in penalties)
                        if case.decision_kind == "penalty" else None)
    case.confiscation_fen = sum(p.get("amount_fen", 0) for p in penalties
                                if p["kind"] in penalty_kinds.CONFISCATION_KINDS)
    mitigation = decision.get("mitigation") or (case.conclusion or {}).get("mitigation")
    case.mitigation = mitigation if mitigation in ("lighter", "reduced") else None  # 从轻/减轻
    case.no_penalty_ground = (case.conclusion or {}).get("no_penalty_ground") \
        if case.decision_kind != "penalty" else None


def decided_payload(case: Case, penalties: list[dict[str, Any]],
                    deciding: dict[str, Any]) -> dict[str, Any]:
    snap = case.matter_snapshot
    return {
        "case_id": str(case.id), "procedure": case.procedure,
        "document_number": case.decision_number, "decided_on": case.decided_on.isoformat()
        if case.decided_on else None, "agency_id": str(case.agency_id),
        "region_code": case.region_code, "deciding_agency": deciding,
        "matter": {k: snap.get(k) for k in ("code", "name", "domain", "legal_basis",
                                            "penalty_basis")},
        "party": {"kind": case.party_kind, "name": case.party_name,
                  "id_number": case.party_id_number, "uscc": case.party_uscc,
                  "address": case.party_address, "phone": case.party_phone,
                  "is_minor": case.party_is_minor},
        "facts": case.facts, "penalties": penalties,
        "fine_fen": sum(p["amount_fen"] for p in penalties if p["kind"] == "fine"),
        "confiscation_fen": sum(p["amount_fen"] for p in penalties
                                if p["kind"] in penalty_kinds.CONFISCATION_KINDS),
        "license_affected": any(p["kind"] in ("license_suspension", "qualification_downgrade",
                                              "license_revocation") for p in penalties),
        "report_column": penalty_kinds.report_column(p["kind"] for p in penalties),
        "legal_basis": snap.get("penalty_basis") or snap.get("legal_basis")}


async def revoke_decision(ctx: Ctx, case: Case, body: schemas.RevokeDecision) -> Case:
    """变更、撤销、确认违法或无效: publicity withdraws within 3 working days (第四十八条第二款)."""
    require_action(case, "revoke-decision")
    case.revoked_on, case.revoke_reason = body.revoked_on or today_legal(), body.reason
    await record(ctx, case, "revoke_decision", [], {
        "kind": body.kind, "reason": body.reason, "revoked_on": case.revoked_on},
        st.REVOKED)
    await ctx.outbox.emit(ctx.session, "case.decision_revoked", {
        "case_id": str(case.id), "document_number": case.decision_number,
        "reason": body.reason, "revoked_on": case.revoked_on.isoformat()},
        aggregate_id=str(case.id))
    return case
