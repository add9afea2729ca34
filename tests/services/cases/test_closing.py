"""Issue 16 point 11: 结案 only after the decision was served (行政处罚法第六十一条), whatever the
penalty kind, and a case concluded as 涉嫌犯罪 only after the judicial transfer (第二十七条、
第八十二条)."""

from __future__ import annotations

from factories import C, problem, world
from harness import Platform


class TestClosing:
    async def test_decided_cases_close_only_after_service(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        fined = await w.decided()
        no_penalty = await w.concluded("0.00", outcome="no_penalty", penalties=[],
                                       no_penalty_ground="minor", discretion_tier=None,
                                       reasoning="违法行为轻微并及时改正",
                                       education_record="已当场批评教育")
        await w.act(no_penalty["id"], "decide", {"decided_on": "2026-03-30"})
        for case in (fined, no_penalty):
            resp = await w.client.post(f"{C}/cases/{case['id']}/close",
                                       headers=w.officer_headers(), json={})
            body = problem(resp, 409, "case-not-closable")
            assert body["rule"] == "行政处罚法第六十一条"
            assert (await w.get(case["id"]))["status"] == "decided"
        await w.act(no_penalty["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
        assert (await w.act(no_penalty["id"], "close"))["status"] == "closed"

    async def test_suspected_crime_closes_only_after_the_transfer(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.concluded("0.00", outcome="transfer_judicial", penalties=[],
                                 discretion_tier=None, reasoning="涉嫌犯罪")
        assert "close" not in (await w.get(case["id"]))["allowed_actions"]
        resp = await w.client.post(f"{C}/cases/{case['id']}/close", headers=w.officer_headers(),
                                   json={})
        body = problem(resp, 409, "case-not-closable")
        assert body["rule"] == "行政处罚法第二十七条、第八十二条"
        t = await w.act(case["id"], "transfers", {
            "kind": "judicial", "target_name": "重庆市公安局巴南区分局", "reason": "涉嫌犯罪",
            "report": "涉嫌犯罪案件情况调查报告", "officer_ids": w.officers[:2],
            "reported_at": "2026-03-20T01:00:00Z"}, expect=201)
        await w.act(case["id"], f"transfers/{t['id']}/decision", {
            "approved": True, "approver_id": w.officers[2], "decided_at": "2026-03-21T01:00:00Z"})
        await w.act(case["id"], f"transfers/{t['id']}/send", {
            "sent_at": "2026-03-21T08:00:00Z", "documents": ["涉嫌犯罪案件移送书"]})
        assert (await w.act(case["id"], "close"))["status"] == "closed"
