"""社会评议 before `/decide` (issue 15 point 4): review keeps the region's class of decisions
that need it, the panel and the answer; cases asks review (`POST /api/v1/review/social-
evaluations/check`, service token) and refuses the decision while a required evaluation is
missing, unfinished or unanswered. The answer is recorded on the case's decision. Fails closed:
if review cannot answer, the decision waits (503)."""

from __future__ import annotations

from typing import Any

from kit import errors
from services.cases.errors import SocialEvaluationUnanswered
from services.cases.lifecycle import states as st
from services.cases.models import Case

CHECK_PATH = "/api/v1/review/social-evaluations/check"


async def require_answer(ctx: Any, case: Case, penalties: list[dict[str, Any]]
                         ) -> dict[str, Any] | None:
    """None when no evaluation is required (nor held); else what goes on the decision."""
    client = ctx.up.clients.get("review")
    if client is None:
        raise errors.ServiceUnavailable("审核服务不可用，无法确认社会评议", upstream="review")
    resp = await client.call("POST", CHECK_PATH, headers=ctx.up.service_headers(), json={
        "case_id": str(case.id), "agency_id": str(case.agency_id),
        "region_code": case.region_code, "party_kind": case.party_kind,
        "fine_fen": sum(p["amount_fen"] for p in penalties if p["kind"] == "fine"),
        "penalty_kinds": sorted({p["kind"] for p in penalties}),
        "matter_code": (case.matter_snapshot or {}).get("code"),
        "major_decision": bool(case.legal_review_required)})
    check = resp.json()
    if check["required"] and not check["answered"]:
        status = check.get("status")
        why = ("尚未提交社会评议" if status is None else
               "社会评议尚未结束" if status == "open" else "尚未对社会评议意见作出答复")
        raise SocialEvaluationUnanswered(
            f"{why}（{'；'.join(check['reasons'])}），不得作出决定", rule=check["rule"],
            reasons=check["reasons"], evaluation_id=check.get("evaluation_id"),
            evaluation_status=status, case_status=case.status,
            allowed_actions=st.allowed_actions(case))
    if check.get("evaluation_id") is None or not check["answered"]:
        return None
    return {"evaluation_id": check["evaluation_id"], "required": check["required"],
            "outcome": check.get("outcome"), "answer": check["answer"],
            "answer_reasons": check["answer_reasons"]}
