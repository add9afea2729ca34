"""Issue 16 point 1: 回避 (行政处罚法第四十三条) — the party's application or the officer's own
declaration, the head's decision, the investigation going on meanwhile, a recused officer
kept off the case and its hearing, and every officer who took a step counted as an
investigator for the host rule (第六十四条第四项)."""

from __future__ import annotations

from typing import Any

from factories import C, World, problem, world
from harness import Platform

ART43 = "行政处罚法第四十三条"
HEAD_RULE = ("行政处罚法第四十三条第三款（当事人提出回避申请的，行政机关应当依法审查，"
             "由行政机关负责人决定）")


def inquiry(officers: list[str]) -> dict[str, Any]:
    return {"kind": "inquiry", "officer_ids": officers, "started_at": "2026-03-04T02:00:00Z",
            "ended_at": "2026-03-04T02:30:00Z", "place": "询问室", "interviewee": "张三",
            "content": "问：……答：……"}


async def post(w: World, case_id: str, action: str, body: dict[str, Any]) -> Any:
    return await w.client.post(f"{C}/cases/{case_id}/{action}", headers=w.officer_headers(),
                               json=body)


class TestRecusal:
    async def test_application_decision_and_its_effects(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = (await w.filed())["id"]
        a, b, head = w.officers[:3]
        helper, host = await w.create_officer(), await w.create_officer()
        await w.act(case, "records", inquiry([a, helper]), expect=201)  # helper took a step
        rec = await w.act(case, "recusals", {
            "officer_id": b, "initiated_by": "party", "reason": "执法人员系当事人的近亲属",
            "requested_on": "2026-03-05"}, expect=201)
        assert rec["status"] == "pending"
        # 决定作出之前，不停止调查: the named officer still acts while it is pending
        await w.act(case, "records", inquiry([a, b]), expect=201)
        url = f"recusals/{rec['id']}/decide"
        decide = {"granted": True, "decided_on": "2026-03-06", "reason": "存在近亲属关系"}
        body = problem(await post(w, case, url, {**decide, "decided_by": b}), 409,
                       "recusal-not-allowed")
        assert body["rule"] == ART43
        body = problem(await post(w, case, url, {**decide, "decided_by": helper}), 409,
                       "approver-not-head")
        assert body["rule"] == HEAD_RULE
        out = await w.act(case, url, {**decide, "decided_by": head})
        assert (out["status"], out["decided_by"]) == ("granted", head)
        assert b not in (await w.get(case))["officer_ids"]
        body = problem(await post(w, case, "records", inquiry([a, b])), 409, "officer-recused")
        assert body["rule"] == ART43 and body["officer_ids"] == [b]
        body = problem(await post(w, case, url, {**decide, "decided_by": head}), 409,
                       "recusal-not-allowed")
        assert body["rule"] == ART43

        await w.act(case, "conclude", {
            "outcome": "penalty", "penalties": [{"kind": "fine", "amount": "20000.00"}],
            "discretion_tier": "一般", "reasoning": "占道经营，情节一般"})
        await w.act(case, "notify", {"served_on": "2026-03-20", "method": "direct"})
        await w.act(case, "hearing-request", {"requested_on": "2026-03-23"})
        hearing = {"notice_served_on": "2026-03-24", "held_on": "2026-04-03",
                   "outcome": "held", "record": "听证笔录……"}
        body = problem(await post(w, case, "hearing", {**hearing, "host_id": helper}), 409,
                       "hearing-not-allowed")
        assert body["rule"] == "行政处罚法第六十四条第四项"  # took a step: an investigator
        body = problem(await post(w, case, "hearing", {**hearing, "host_id": b}), 409,
                       "officer-recused")
        assert body["rule"] == "行政处罚法第六十四条第四项"
        await w.act(case, "hearing", {**hearing, "host_id": host})
        listed = await w.client.get(f"{C}/cases/{case}/recusals", headers=w.officer_headers())
        assert [(r["officer_id"], r["status"]) for r in listed.json()] == [(b, "granted")]

    async def test_refused_declaration_changes_nothing(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = (await w.filed())["id"]
        a, b, head = w.officers[:3]
        rec = await w.act(case, "recusals", {
            "officer_id": a, "initiated_by": "officer", "reason": "曾与当事人有业务往来",
            "requested_on": "2026-03-05"}, expect=201)
        out = await w.act(case, f"recusals/{rec['id']}/decide", {
            "granted": False, "decided_on": "2026-03-05", "reason": "往来已结束，不影响公正",
            "decided_by": head})
        assert out["status"] == "refused"
        assert a in (await w.get(case))["officer_ids"]
        await w.act(case, "records", inquiry([a, b]), expect=201)
