"""Issue 16 point 9: after a rejected 法制审核 leads to a new conclusion and a new 告知, an earlier
waiver or closed window does not carry over (行政处罚法第四十四条、第六十二条)."""

from __future__ import annotations

from factories import C, problem, world
from harness import Platform


class TestRenotification:
    async def test_new_notice_reopens_the_windows(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("20000.00")  # 法制审核 required (≥10,000 元)
        cid = case["id"]
        await w.act(cid, "statements", {"waived": True, "waive_hearing": True})
        await w.approve_review(cid, outcome="rejected")
        await w.act(cid, "conclude", {"outcome": "penalty", "discretion_tier": "轻微",
                                      "reasoning": "按审核意见改正",
                                      "penalties": [{"kind": "fine", "amount": "1000.00"}]})
        notified = await w.act(cid, "notify", {"served_on": "2026-04-01", "method": "direct"})
        assert notified["notice"]["round"] == 2
        resp = await zhifa.client.post(f"{C}/cases/{cid}/decide", headers=w.officer_headers(),
                                       json={"decided_on": "2026-04-02"})
        body = problem(resp, 409, "statement-window-open")
        # 5 working days from 04-01 (清明 04-04..06 off)
        assert body["rule"] == "行政处罚法第六十二条" and body["due_on"] == "2026-04-09"
        await w.act(cid, "statements", {"waived": True})
        assert (await w.act(cid, "decide", {"decided_on": "2026-04-02"}))["status"] == "decided"
