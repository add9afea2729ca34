"""Issue 16 point 10: 送达 dates and refusals (行政处罚法第六十一条; 民事诉讼法第八十九条、
第九十条、第九十五条): late service refused, 公告送达 deemed served 30 days after issue with
the payment clock starting then, 留置 with reason and witness, 电子 dated by its arrival."""

from __future__ import annotations

from typing import Any

from factories import C, World, problem, world
from harness import Platform


async def _serve(w: World, case_id: str, **body: Any) -> Any:
    return await w.client.post(f"{C}/cases/{case_id}/serve", headers=w.officer_headers(),
                               json=body)


class TestServiceRules:
    async def test_late_service_and_public_notice(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.decided("1000.00")  # decided 2026-03-30; 清明 4-04..4-06 are off
        body = problem(await _serve(w, case["id"], method="direct", served_on="2026-04-10"),
                       409, "service-refused")
        assert (body["rule"], body["due_on"]) == ("行政处罚法第六十一条第一款", "2026-04-09")
        body = problem(await _serve(w, case["id"], method="public_notice",
                                    served_on="2026-04-09"), 409, "service-refused")
        assert body["rule"] == "民事诉讼法第九十五条"
        out = await w.act(case["id"], "serve", {
            "method": "public_notice", "served_on": "2026-04-09",
            "public_notice_reason": "受送达人下落不明，以其他方式无法送达"})
        # deemed served 30 days after issue (2026-05-09, an adjusted working Saturday); the 15
        # payment days run from then: 05-24 is a Sunday → 05-25 (民诉法第八十五条)
        assert out["served_on"] == "2026-05-09"
        assert [(d["name"], d["due_on"]) for d in out["deadlines"]] == [
            ("罚款缴纳期限", "2026-05-25")]

    async def test_left_and_electronic_service(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.decided("1000.00")
        body = problem(await _serve(w, case["id"], method="left", served_on="2026-03-31",
                                    refusal_reason="当事人拒绝签收"), 409, "service-refused")
        assert body["rule"] == "民事诉讼法第八十九条"
        body = problem(await _serve(w, case["id"], method="electronic", served_on="2026-03-31",
                                    consent_confirmed=True), 409, "service-refused")
        assert body["rule"] == "民事诉讼法第九十条"
        out = await w.act(case["id"], "serve", {
            "method": "electronic", "served_on": "2026-03-31", "consent_confirmed": True,
            "arrived_at": "2026-03-31T17:30:00Z"})  # 2026-04-01 01:30 in Asia/Shanghai
        assert out["served_on"] == "2026-04-01"
        other = await w.decided("1000.00")
        out = await w.act(other["id"], "serve", {
            "method": "left", "served_on": "2026-03-31", "refusal_reason": "当事人拒绝签收",
            "witness": "木耳镇人民路社区居委会王某"})
        assert out["served_on"] == "2026-03-31" and out["status"] == "served"
