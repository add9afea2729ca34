"""Issue 16 point 7: 负责人集体讨论 (行政处罚法第五十七条第二款) is a record — date, at least the
quorum (default 3) of the agency's heads, each one's opinion, the conclusion — not free text."""

from __future__ import annotations

from typing import Any

from factories import C, problem, world
from harness import Platform


def record(participants: list[str], **over: Any) -> dict[str, Any]:
    return {"held_on": "2026-03-30", "participants": participants,
            "opinions": [{"officer_id": p, "opinion": "同意罚款一千元"} for p in participants],
            "conclusion": "给予罚款一千元的行政处罚", **over}


class TestCollectiveDiscussion:
    async def test_record_needs_the_quorum_of_heads(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        heads = [w.officers[2], await w.create_officer(position="deputy_head"),
                 await w.create_officer(position="deputy_head")]
        case = await w.filed()
        cid = case["id"]
        await w.act(cid, "conclude", {
            "outcome": "penalty", "penalties": [{"kind": "fine", "amount": "1000.00"}],
            "discretion_tier": "轻微", "reasoning": "事实清楚", "complex_case": True,
            "assessed_by": heads[0], "assessment_reasons": "涉及多个法律关系"})
        await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
        await w.act(cid, "statements", {"waived": True})
        await w.approve_review(cid)
        url = f"{C}/cases/{cid}/decide"
        for body, slug in (({}, "action-not-allowed"),
                           ({"collective_discussion_record": record(heads[:2])},
                            "collective-discussion-invalid"),
                           ({"collective_discussion_record": record([*heads[:2],
                                                                     w.officers[0]])},
                            "approver-not-head")):
            resp = await zhifa.client.post(url, headers=w.officer_headers(),
                                           json={"decided_on": "2026-03-30", **body})
            assert problem(resp, 409, slug)["rule"].startswith("行政处罚法第五十七条第二款")
        missing = record(heads)
        missing["opinions"] = missing["opinions"][:2]
        resp = await zhifa.client.post(url, headers=w.officer_headers(), json={
            "decided_on": "2026-03-30", "collective_discussion_record": missing})
        assert "未记录意见" in problem(resp, 409, "collective-discussion-invalid")["detail"]
        out = await w.act(cid, "decide", {"decided_on": "2026-03-30",
                                          "collective_discussion_record": record(heads)})
        kept = out["decision"]["collective_discussion_record"]
        assert kept["participants"] == heads and len(kept["opinions"]) == 3
