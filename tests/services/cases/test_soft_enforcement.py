"""Issue 16 point 3: 柔性执法 recorded for the statistics — a 不予处罚 names its ground of
行政处罚法第三十三条 (首违不罚 / 轻微不罚 / 没有主观过错), 首违不罚 only for a listed matter and a
first violation, and the decision writes `decision_outcome`, `no_penalty_ground` and
`mitigation` (从轻/减轻) on the case."""

from __future__ import annotations

from typing import Any

from factories import C, World, id_number, problem, world
from harness import Platform

FIRST = "行政处罚法第三十三条第一款（初次违法且危害后果轻微并及时改正的，可以不予行政处罚）"
NO_PENALTY = {"outcome": "no_penalty", "penalties": [], "education_record": "已当场批评教育",
              "reasoning": "初次违法且及时改正"}


async def conclude(w: World, case_id: str, **body: Any) -> Any:
    return await w.client.post(f"{C}/cases/{case_id}/conclude", headers=w.officer_headers(),
                               json=body)


async def decide_no_penalty(w: World, ground: str, **lead: Any) -> dict[str, Any]:
    case = await w.lead(**lead)
    await w.act(case["id"], "file", {"officer_ids": w.officers[:2],
                                     "approver_id": w.officers[2], "filed_on": "2026-03-03"})
    await w.act(case["id"], "conclude", {**NO_PENALTY, "no_penalty_ground": ground})
    return await w.act(case["id"], "decide", {"decided_on": "2026-03-30"})


class TestNoPenaltyGround:
    async def test_ground_is_required_and_only_for_no_penalty(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        body = problem(await conclude(w, case["id"], **NO_PENALTY), 422, "soft-enforcement-rule")
        assert body["rule"] == "行政处罚法第三十三条"
        body = problem(await conclude(w, case["id"], outcome="penalty",
                                      penalties=[{"kind": "warning"}], reasoning="事实清楚",
                                      no_penalty_ground="minor"), 422, "soft-enforcement-rule")
        assert body["rule"] == "行政处罚法第三十三条"

    async def test_first_violation_needs_the_list_and_a_first_offence(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        party = {"kind": "person", "name": "王五", "id_number": id_number(),
                 "address": "木耳镇人民路2号"}
        decided = await decide_no_penalty(w, "first_violation", party=party)
        assert (decided["decision_outcome"], decided["no_penalty_ground"],
                decided["mitigation"]) == ("no_penalty", "first_violation", None)
        again = await w.filed(party=party)  # the same party, the same matter: not the first
        body = problem(await conclude(w, again["id"], **NO_PENALTY,
                                      no_penalty_ground="first_violation"),
                       422, "soft-enforcement-rule")
        assert body["rule"] == FIRST and "初次违法" in body["detail"]
        # 轻微不罚 (第三十三条第一款第一句) is the law's own ground: no list, no history
        await w.act(again["id"], "conclude", {**NO_PENALTY, "no_penalty_ground": "minor"})
        unlisted = await w.create_matter(soft_enforcement=False)
        case = await w.filed(matter_id=unlisted["id"])
        body = problem(await conclude(w, case["id"], **NO_PENALTY,
                                      no_penalty_ground="first_violation"),
                       422, "soft-enforcement-rule")
        assert body["rule"] == FIRST and "首违不罚清单" in body["detail"]

    async def test_no_fault_and_mitigated_penalty_are_counted(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        decided = await decide_no_penalty(w, "no_fault")
        assert (decided["decision_outcome"], decided["no_penalty_ground"]) == (
            "no_penalty", "no_fault")
        case = await w.concluded("1000.00", mitigation="lighter",
                                 circumstances=["harm_eliminated"])
        await w.act(case["id"], "notify", {"served_on": "2026-03-20", "method": "direct"})
        out = await w.act(case["id"], "decide", {"decided_on": "2026-03-30"})
        assert (out["decision_outcome"], out["no_penalty_ground"], out["mitigation"]) == (
            "penalty", None, "lighter")
