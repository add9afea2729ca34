"""柔性执法 (soft enforcement) recorded so the yearly figures can be counted, issue 16 point 3.

At conclusion (调查终结) a 不予处罚 (`outcome="no_penalty"`) names its ground, each an article
of 行政处罚法第三十三条 [V]:
- `first_violation` 首违不罚 (第一款第二句: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚):
  the matter must be on the agency's soft-enforcement list (首违不罚清单, `Matter.
  soft_enforcement`; `CasesSettings.first_violation_requires_list`, default on [S]) and the party
  must have no earlier decided penalty or 首违不罚 for the same matter (初次违法);
- `minor` 轻微不罚 (第一款第一句: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚);
- `no_fault` 无主观过错 (第二款: 当事人有证据足以证明没有主观过错的，不予行政处罚).
Every 不予处罚 records the education of the party (第三款, checked by the schema).
从轻/减轻 of a penalty (第三十条–第三十二条) is the conclusion's `mitigation`.

On decision the case gets three plain columns for statistics: `decision_outcome`
(penalty | no_penalty | not_established | minor_no_penalty), `no_penalty_ground`
(first_violation | minor | no_fault) and `mitigation` (lighter | reduced; NULL when none)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.errors import SoftEnforcementRule
from services.cases.lifecycle.repository import CaseRepository

GROUND_RULES = {
    "first_violation": "行政处罚法第三十三条第一款（初次违法且危害后果轻微并及时改正的，可以不予"
                       "行政处罚）",
    "minor": "行政处罚法第三十三条第一款（违法行为轻微并及时改正，没有造成危害后果的，不予"
             "行政处罚）",
    "no_fault": "行政处罚法第三十三条第二款（当事人有证据足以证明没有主观过错的，不予行政处罚）",
}
ART33 = "行政处罚法第三十三条"


class Refusal(Exception):
    def __init__(self, detail: str, rule: str) -> None:
        super().__init__(detail)
        self.detail, self.rule = detail, rule


def check_conclusion(case: Any, body: Any, *, require_list: bool, prior_decisions: int) -> None:
    """Raise `Refusal` when the 不予处罚 ground is missing or does not hold."""
    ground = body.no_penalty_ground
    if body.outcome != "no_penalty":
        if ground is not None:
            raise Refusal("只有不予处罚的结论才记录不予处罚的情形", ART33)
        return
    if ground is None:
        raise Refusal("不予处罚须写明情形：首违不罚（first_violation）、轻微不罚（minor）"
                      "或没有主观过错（no_fault）", ART33)
    if ground != "first_violation":
        return
    if require_list and not case.matter_snapshot.get("soft_enforcement"):
        raise Refusal(f"事项“{case.matter_snapshot.get('name', '')}”不在本机关首违不罚清单内",
                      GROUND_RULES[ground])
    if prior_decisions:
        raise Refusal(f"当事人此前已因同一事项被处理{prior_decisions}次，不属于初次违法",
                      GROUND_RULES[ground])


def decision_columns(conclusion: dict[str, Any] | None) -> dict[str, str | None]:
    """The statistics columns written on the case at decision."""
    c = conclusion or {}
    mitigation = c.get("mitigation")
    return {"decision_outcome": c.get("outcome"),
            "no_penalty_ground": c.get("no_penalty_ground"),
            "mitigation": mitigation if mitigation in ("lighter", "reduced") else None}


async def check(session: AsyncSession, settings: Any, case: Any, body: Any) -> None:
    """`check_conclusion` with the party's earlier decisions, as a problem naming 第三十三条."""
    prior = 0
    if body.no_penalty_ground == "first_violation":
        prior = await CaseRepository(session).prior_decisions(case)
    try:
        check_conclusion(case, body, prior_decisions=prior,
                         require_list=settings.first_violation_requires_list)
    except Refusal as exc:
        raise SoftEnforcementRule(exc.detail, rule=exc.rule) from exc
