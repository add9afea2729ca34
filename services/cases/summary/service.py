"""简易程序 (当场处罚, 行政处罚法第五十一条–第五十二条).

Rules and the decisions taken where the brief left a choice:
- Only a 警告 or a fine of at most 200 元 (公民) / 3,000 元 (法人或者其他组织), facts clear
  (第五十一条, [V]; the law's figures, not configurable). Anything else → 422
  `summary-procedure-not-allowed` naming 第五十一条.
- Officers: 第五十二条 only says the officer shows the 执法证, but 第四十二条 (two officers
  "unless a law provides otherwise") sits in the general provisions of chapter 5 that cover the
  simple procedure too, and no law applicable to these matters provides otherwise. So two
  officers qualified on that date for the matter's domain are required, and the certificate
  numbers shown are stored on the decision.
- Numbers: the officer may enter the number printed on the pre-numbered form; otherwise the
  agency's next number (shared `number_counters`, kind ``summary``) with the agency's pattern
  (`summary_numberings`, default `DEFAULT_PATTERN`).
- 备案: a `Case` with `procedure="summary"` is written with the decision contents; the form is
  handed over on the spot (当场交付), so it is served at once: a fine waits for payment
  (`served`, 15-day payment clock, or `executed` when collected on the spot, 第六十八条); a
  warning is `executed`. All count as decided cases (`decided_on`, `decision_number`).
- Entrusted matters need a valid agreement and are decided in the delegating department's name.
"""

import uuid
from datetime import datetime
from typing import Any

from common.calendar import LEGAL_TZ, today_legal
from common.money import fen_to_yuan
from kit import errors
from services.cases import deadlines
from services.cases.clients import qualified_officers
from services.cases.context import Ctx
from services.cases.entrustment.service import require_valid_agreement
from services.cases.errors import LimitationExpired, MatterNotHeld
from services.cases.identifiers import age_on, mask_id_number
from services.cases.lifecycle import states as st
from services.cases.lifecycle.decision import decided_payload, set_statistics
from services.cases.lifecycle.minors import is_minor
from services.cases.lifecycle.service import agency_prefix, emit_status
from services.cases.matters import service as matters
from services.cases.models import Case, CaseOfficer, Payment
from services.cases.numbering import next_seq, render_number, validate_pattern
from services.cases.summary import collection, schemas
from services.cases.summary.errors import (
    DocumentNumberTaken,
    OnSpotCollectionNotAllowed,
    SummaryDecisionNotFound,
    SummaryProcedureNotAllowed,
)
from services.cases.summary.models import SummaryDecision, SummaryNumbering
from services.cases.summary.repository import SummaryRepository
from services.cases.timeline.service import append_entry

RULE = "行政处罚法第五十一条"
PERSON_LIMIT_FEN = 20_000          # 二百元以下 (公民)
ORGANIZATION_LIMIT_FEN = 300_000   # 三千元以下 (法人或者其他组织)
OFFICER_RULE = "行政处罚法第四十二条、第五十二条"
DEFAULT_PATTERN = "{prefix}当罚〔{year}〕{seq:05d}号"


def summary_refusal(party_kind: str, penalty_kind: str, amount_fen: int,
                    facts_clear: bool) -> str | None:
    """Why the summary procedure may not be used (None = it may), 行政处罚法第五十一条."""
    if not facts_clear:
        return "违法事实不确凿的，不得适用简易程序"
    if penalty_kind == "warning":
        return None if amount_fen == 0 else "警告不得附带金额"
    if penalty_kind != "fine":
        return "简易程序只适用于警告或者小额罚款"
    limit = PERSON_LIMIT_FEN if party_kind == "person" else ORGANIZATION_LIMIT_FEN
    who = "公民" if party_kind == "person" else "法人或者其他组织"
    if amount_fen <= 0:
        return "罚款金额应大于零"
    if amount_fen > limit:
        return (f"对{who}当场罚款不得超过{fen_to_yuan(limit)}元，"
                f"本次{fen_to_yuan(amount_fen)}元应适用普通程序")
    return None


async def _number(ctx: Ctx, agency_id: uuid.UUID, year: int, prefix: str,
                  given: str | None) -> str:
    repo = SummaryRepository(ctx.session)
    if given:
        if await repo.number_taken(agency_id, given):
            raise DocumentNumberTaken(f"当场处罚决定书 {given} 已使用", document_number=given)
        return given
    row = await repo.numbering(agency_id)
    pattern = row.pattern if row else DEFAULT_PATTERN
    for _ in range(20):  # skip numbers already typed in by hand from the printed pads
        number = render_number(pattern, prefix=prefix, year=year,
                               seq=await next_seq(ctx.session, agency_id, year, "summary"))
        if not await repo.number_taken(agency_id, number):
            return number
    raise DocumentNumberTaken("无法生成未使用的当场处罚决定书编号")


async def create_summary_decision(ctx: Ctx, body: schemas.SummaryDecisionCreate
                                  ) -> tuple[SummaryDecision, Case]:
    p = ctx.principal
    if reason := summary_refusal(body.party.kind, body.penalty.kind, body.penalty.amount,
                                 body.facts_clear):
        raise SummaryProcedureNotAllowed(reason, rule=RULE, penalty=body.penalty.kind,
                                         amount=fen_to_yuan(body.penalty.amount))
    if not p.agency_id or not p.region_code:
        raise errors.Forbidden("令牌未携带机构信息")
    agency_id, decided_on = uuid.UUID(p.agency_id), today_legal(body.decided_at)
    act_date = body.act_date or decided_on
    years = 5 if body.harm_kind else 2
    end = deadlines.limitation_end(act_date, None, years)
    if decided_on > end:
        raise LimitationExpired(f"违法行为自{act_date}起{years}年内未被发现（时效届满日 {end}），"
                                "不再给予行政处罚", rule="行政处罚法第三十六条",
                                limitation_years=years, expired_on=end.isoformat())
    age = age_on(body.party.id_number, act_date)
    if body.party.kind == "person" and age is not None and age < 14:
        raise SummaryProcedureNotAllowed(
            f"当事人实施违法行为时未满十四周岁（{age}周岁），不予行政处罚，不得当场处罚",
            rule="行政处罚法第三十条", penalty=body.penalty.kind,
            amount=fen_to_yuan(body.penalty.amount))
    matter = await matters.version_on(ctx.session, body.matter_id, decided_on)
    if matter.kind != "penalty" or (matter.agency_id != agency_id
                                    and matter.source != "entrusted"):
        raise MatterNotHeld(f"本机关不享有事项“{matter.name}”的处罚权",
                            rule="行政处罚法第二十四条（权责清单/赋权事项）")
    snap = matters.snapshot(matter)
    entrustment_id, deciding_id = None, agency_id
    if matter.source == "entrusted" and matter.agency_id != agency_id:
        agreement = await require_valid_agreement(ctx.session, matter, agency_id, decided_on)
        entrustment_id = agreement.id
        deciding_id = agreement.delegating_agency_id or matter.agency_id
        snap["deciding_agency"] = {"id": str(deciding_id),
                                   "name": agreement.delegating_agency_name,
                                   "uscc": agreement.delegating_agency_uscc}
    check = await qualified_officers(ctx.up, body.officer_ids, matter.domain, decided_on,
                                     p.region_code, rule=OFFICER_RULE)
    prefix, agency = await agency_prefix(ctx, agency_id)
    deciding = snap.setdefault("deciding_agency", agency)
    number = await _number(ctx, agency_id, decided_on.year, prefix, body.document_number)
    case = _case(ctx, body, agency_id, number, snap, check.qualified_ids())
    case.entrustment_id, case.deciding_agency_id = entrustment_id, deciding_id
    set_statistics(case, case.decision["penalties"])
    ctx.session.add(case)
    await ctx.session.flush()
    ctx.session.add_all([CaseOfficer(case_id=case.id, officer_id=o, case_created_at=case.created_at)
                         for o in case.officer_ids])
    officers = [{"officer_id": r.officer_id, "name": r.name,
                 "certificate_numbers": r.certificate_numbers} for r in check.results]
    decision = SummaryDecision(
        case_id=case.id, agency_id=agency_id, region_code=p.region_code,
        document_number=number, decided_at=body.decided_at, place=body.place,
        penalty_kind=body.penalty.kind, amount_fen=body.penalty.amount, officers=officers,
        party_refused_to_sign=body.party_refused_to_sign,
        collected_on_spot=body.collected_on_spot, receipt_number=body.receipt_number,
        remarks=body.remarks, created_by=p.subject)
    ctx.session.add(decision)
    if body.collected_on_spot and body.penalty.amount:
        try:
            record = collection.on_spot(body, decided_on, ctx.calendar)
        except collection.Refusal as exc:
            raise OnSpotCollectionNotAllowed(exc.detail, rule=exc.rule) from exc
        case.decision = {**case.decision, "on_spot_collection": record}
        await ctx.session.flush()
        ctx.session.add(collection.collection_row(decision, record, body.landed_on))
        ctx.session.add(Payment(case_id=case.id, amount_fen=body.penalty.amount,
                                paid_on=decided_on, receipt_number=body.receipt_number))
        case.paid_fen = body.penalty.amount
    case.next_due_on = deadlines.next_due_on(case, ctx.calendar,
                                             ctx.settings.lead_check_working_days)
    await ctx.session.flush()
    await append_entry(ctx, case, "summary_decision", case.officer_ids, {
        "document_number": number, "decided_at": body.decided_at.isoformat(),
        "place": body.place, "penalty": case.decision["penalties"], "officers": officers,
        "party_refused_to_sign": body.party_refused_to_sign,
        "collected_on_spot": body.collected_on_spot, "status": case.status})
    await emit_status(ctx.outbox, ctx.session, case, None)
    await ctx.outbox.emit(ctx.session, "case.decided",
                          decided_payload(case, case.decision["penalties"], deciding),
                          aggregate_id=str(case.id))
    return decision, case


def _case(ctx: Ctx, body: schemas.SummaryDecisionCreate, agency_id: uuid.UUID, number: str,
          snap: dict[str, Any], officer_ids: list[str]) -> Case:
    decided_on = today_legal(body.decided_at)
    fine = body.penalty.amount if body.penalty.kind == "fine" else 0
    penalties = [{"kind": body.penalty.kind, "amount_fen": body.penalty.amount}]
    if body.penalty.kind == "warning" or (body.collected_on_spot and fine):
        status = st.EXECUTED
    else:
        status = st.SERVED
    party = body.party
    return Case(
        agency_id=agency_id, region_code=ctx.principal.region_code, kind="penalty",
        procedure="summary", matter_id=uuid.UUID(snap["id"]), matter_snapshot=snap,
        party_kind=party.kind, party_name=party.name, party_id_number=party.id_number,
        party_uscc=party.uscc, party_address=party.address, party_phone=party.phone,
        party_is_minor=is_minor(party.id_number, body.act_date or decided_on, party.is_minor),
        source="inspection", harm_kind=body.harm_kind, act_date=body.act_date or decided_on,
        discovered_on=decided_on, facts=body.facts, status=status, number=number,
        filed_on=decided_on, officer_ids=officer_ids, decided_on=decided_on,
        decision_number=number, fine_fen=fine, served_on=decided_on, serve_method="direct",
        decision_outcome="penalty",
        decision={
            "document_number": number, "kind": "penalty", "procedure": "summary",
            "party": {"kind": party.kind, "name": party.name, "address": party.address},
            "facts": body.facts, "penalties": penalties, "place": body.place,
            "decided_at": body.decided_at.isoformat(), "legal_basis": snap["legal_basis"],
            "penalty_basis": snap["penalty_basis"],
            "remedies": ctx.settings.remedy.decision_texts(),
            "agency": snap.get("deciding_agency"), "decided_on": decided_on.isoformat(),
            "party_refused_to_sign": body.party_refused_to_sign},
        created_by=ctx.principal.subject)


def to_read(decision: SummaryDecision, case: Case) -> schemas.SummaryDecisionRead:
    snap = case.matter_snapshot
    return schemas.SummaryDecisionRead(
        id=decision.id, case_id=case.id, document_number=decision.document_number,
        decided_at=decision.decided_at,
        decided_on=case.decided_on or today_legal(decision.decided_at), place=decision.place,
        penalty=schemas.SummaryPenalty(kind=decision.penalty_kind,
                                       amount=fen_to_yuan(decision.amount_fen)),
        officers=[schemas.OfficerShown.model_validate(o) for o in decision.officers],
        party={"kind": case.party_kind, "name": case.party_name,
               "id_number": mask_id_number(case.party_id_number), "uscc": case.party_uscc,
               "address": case.party_address, "phone": None, "is_minor": case.party_is_minor},
        facts=case.facts, matter={k: snap.get(k) for k in ("id", "code", "name", "domain")},
        deciding_agency=snap.get("deciding_agency") or {},
        party_refused_to_sign=decision.party_refused_to_sign,
        collected_on_spot=decision.collected_on_spot, receipt_number=decision.receipt_number,
        status=case.status, procedure=case.procedure)


async def load(ctx: Ctx, decision_id: uuid.UUID) -> tuple[SummaryDecision, Case]:
    found = await SummaryRepository(ctx.session).get(decision_id, ctx.principal)
    if found is None:
        raise SummaryDecisionNotFound(decision_id=str(decision_id))
    return found


async def set_numbering(ctx: Ctx, body: schemas.NumberingUpdate) -> schemas.NumberingRead:
    principal = ctx.principal
    if not principal.agency_id:
        raise errors.Forbidden("令牌未携带机构信息")
    agency_id = uuid.UUID(principal.agency_id)
    validate_pattern(body.pattern)
    example = render_number(body.pattern, prefix="木耳综执", year=datetime.now(LEGAL_TZ).year,
                            seq=1)
    repo = SummaryRepository(ctx.session)
    row = await repo.numbering(agency_id)
    if row is None:
        row = SummaryNumbering(agency_id=agency_id, pattern=body.pattern,
                               updated_by=principal.subject)
        ctx.session.add(row)
    row.pattern, row.updated_by = body.pattern, principal.subject
    await ctx.session.flush()
    return schemas.NumberingRead(agency_id=agency_id, pattern=row.pattern, example=example)


async def list_decisions(ctx: Ctx, *, cursor: str | None,
                         limit: int) -> tuple[list[tuple[SummaryDecision, Case]], str | None]:
    """当场处罚决定 in scope, newest first, keyset-paged."""
    return await SummaryRepository(ctx.session).list(ctx.principal, limit=limit,
                                                     cursor=cursor)
