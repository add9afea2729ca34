"""调查终结 (行政处罚法第五十七条): the proposed outcome checked against the 裁量基准
(第三十四条), the minors' and soft-enforcement rules, the hearing right (第六十三条), and the
法制审核 request (第五十八条) sent through the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.calendar import LEGAL_TZ, today_legal
from common.money import fen_to_yuan
from kit import errors
from services.cases import penalties as penalty_kinds
from services.cases.approvals import require_head
from services.cases.context import Ctx
from services.cases.errors import ActionNotAllowed, AgeOrCapacityRule, FineOutsideTier
from services.cases.lifecycle import minors, schemas, soft
from services.cases.lifecycle import states as st
from services.cases.lifecycle.repository import CaseRepository
from services.cases.lifecycle.service import record, require_action
from services.cases.matters import service as matters
from services.cases.models import Case


def penalties_store(items: list[schemas.PenaltyItem]) -> list[dict[str, Any]]:
    return [{"kind": p.kind, "amount_fen": p.amount} for p in items]


def _tier_check(case: Case, body: schemas.ConcludeCase) -> bool:
    """裁量基准 (第三十四条): the fine must lie in the applied tier, else a written reason."""
    tiers = {t["tier"]: t for t in case.matter_snapshot.get("discretion_tiers", [])}
    if body.discretion_tier is None:
        return False
    tier = tiers.get(body.discretion_tier)
    if tier is None:
        raise errors.UnprocessableEntity(f"裁量档次“{body.discretion_tier}”不在该事项的裁量基准中",
                                         known_tiers=sorted(tiers))
    outside = [p for p in body.penalties if p.kind == "fine"
               and not tier["min_fine_fen"] <= p.amount <= tier["max_fine_fen"]]
    if outside and not body.outside_discretion_reason:
        raise FineOutsideTier(
            f"罚款超出裁量档次“{tier['tier']}”的幅度 {fen_to_yuan(tier['min_fine_fen'])}–"
            f"{fen_to_yuan(tier['max_fine_fen'])} 元，须书面说明理由",
            rule="行政处罚法第三十四条", tier=tier["tier"])
    return bool(outside)


async def hearing_eligibility(ctx: Ctx, case: Case,
                              penalties: list[dict[str, Any]]) -> tuple[bool, list[str]]:
    """听证权利 (行政处罚法第六十三条): 较大数额 fine/confiscation per configured thresholds,
    and the kinds of its third and fourth items (`services.cases.penalties`)."""
    th = await matters.hearing_threshold(
        ctx.session, case.agency_id, case.region_code, case.matter_snapshot["domain"],
        case.matter_snapshot, {"person_fen": ctx.settings.hearing_threshold_person_fen,
                               "organization_fen": ctx.settings.hearing_threshold_organization_fen})
    limit = th["person_fen"] if case.party_kind == "person" else th["organization_fen"]
    reasons = penalty_kinds.hearing_reasons(((p["kind"], p["amount_fen"]) for p in penalties),
                                            limit, ctx.settings.hearing_extra_kinds)
    return bool(reasons), reasons


async def request_legal_review(ctx: Ctx, case: Case, reasons: list[str]) -> None:
    """Open a new 法制审核 round and send `case.review_requested` through the outbox (delivery
    is retried until review is back, so neither side loses the request)."""
    case.legal_review_required, case.legal_review_status = True, "pending"
    case.legal_review_round += 1
    case.legal_review_reasons = reasons
    ev = await CaseRepository(ctx.session).evidence(case.id)
    conclusion = case.conclusion or {}
    await ctx.outbox.emit(ctx.session, "case.review_requested", {
        "case_id": str(case.id), "round": case.legal_review_round,
        "agency_id": str(case.agency_id), "region_code": case.region_code,
        "case_number": case.number,
        "matter": {k: case.matter_snapshot.get(k) for k in ("id", "code", "name", "domain")},
        "party": {"kind": case.party_kind, "name": case.party_name}, "facts": case.facts,
        "proposed": {"outcome": conclusion.get("outcome"),
                     "penalties": conclusion.get("penalties", [])},
        "discretion_tier": conclusion.get("discretion_tier"), "reasons": reasons,
        "evidence": [{"id": str(e.id), "kind": e.kind, "sha256": e.sha256, "size": e.size,
                      "description": e.description} for e in ev],
        "hearing": case.hearing, "officer_ids": case.officer_ids,
        "requested_at": datetime.now(LEGAL_TZ).isoformat()}, aggregate_id=str(case.id))


async def conclude_case(ctx: Ctx, case: Case, body: schemas.ConcludeCase) -> dict[str, Any]:
    """调查终结 (行政处罚法第五十七条): proposed outcome; asks review whether 法制审核 is
    required (第五十八条, fail closed) and states whether 集体讨论 is (第五十七条第二款)."""
    require_action(case, "conclude")
    if case.legal_review_status == "pending":
        raise ActionNotAllowed("法制审核进行中，不能重新作出调查终结意见",
                               rule="行政处罚法第五十八条", case_status=case.status,
                               allowed_actions=st.allowed_actions(case))
    outside = _tier_check(case, body)
    tiers = {t["tier"]: t for t in case.matter_snapshot.get("discretion_tiers", [])}
    try:
        minors.check_conclusion(case, body, tiers.get(body.discretion_tier or ""),
                                ctx.settings.minor_lighter_tier_share)
    except minors.Refusal as exc:
        raise AgeOrCapacityRule(exc.detail, rule=exc.rule, **exc.extra) from exc
    await soft.check(ctx.session, ctx.settings, case, body)
    if body.complex_case or body.major_violation:
        await require_head(ctx.up, case.agency_id, body.assessed_by, "assessment")
    penalties = penalties_store(body.penalties)
    eligible, hearing_reasons = await hearing_eligibility(ctx, case, penalties)
    check = await ctx.up.review.major_decision_check(
        ctx.up.headers, {
            "agency_id": str(case.agency_id), "region_code": case.region_code,
            "party_kind": case.party_kind,
            "penalties": [{"kind": p.kind, "amount": fen_to_yuan(p.amount)}
                          for p in body.penalties],
            "hearing_held": bool((case.hearing or {}).get("held_on")),
            "outside_discretion": outside,
            "transfer_judicial": body.outcome == "transfer_judicial",
            "complex_case": body.complex_case, "other_law": body.other_law_review,
            "major_public_interest": body.major_public_interest})
    collective = body.complex_case or body.major_violation
    case.conclusion = {"outcome": body.outcome, "penalties": penalties,
                       "discretion_tier": body.discretion_tier, "reasoning": body.reasoning,
                       "outside_discretion": outside,
                       "outside_discretion_reason": body.outside_discretion_reason,
                       "education_record": body.education_record,
                       "complex_case": body.complex_case,
                       "major_violation": body.major_violation,
                       "assessed_by": body.assessed_by,
                       "assessment_reasons": body.assessment_reasons,
                       "major_public_interest": body.major_public_interest,
                       "hearing_eligible": eligible, "hearing_reasons": hearing_reasons,
                       "mitigation": body.mitigation, "circumstances": body.circumstances,
                       "no_penalty_ground": body.no_penalty_ground,
                       "party_age": minors.party_age(case),
                       "concluded_on": today_legal().isoformat()}
    case.collective_discussion_required = collective
    if check.required:
        await request_legal_review(ctx, case, check.reasons)
    else:
        case.legal_review_required, case.legal_review_status = False, "not_required"
        case.legal_review_reasons = []
    await record(ctx, case, "conclude", case.officer_ids, {
        "outcome": body.outcome, "penalties": penalties, "discretion_tier": body.discretion_tier,
        "legal_review_required": check.required, "review_reasons": check.reasons,
        "round": case.legal_review_round}, st.CONCLUDED)
    return {"legal_review": {"required": check.required, "reasons": check.reasons,
                             "status": case.legal_review_status,
                             "round": case.legal_review_round},
            "collective_discussion": {
                "required": collective,
                "reasons": (["情节复杂或重大违法行为（行政处罚法第五十七条第二款）"]
                            if collective else [])},
            "hearing_eligible": eligible}
