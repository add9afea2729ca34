"""Issue 16 point 1: 回避 (行政处罚法第四十三条) — the party's application or the officer's own
declaration, the head's decision, the investigation going on meanwhile, a recused officer
kept off the case and its hearing, and every officer who took a step counted as an
investigator for the host rule (第六十四条第四项)."""

from __future__ import annotations

from typing import Any

from factories import CHECKLIST, REV, TOWN, C, World, problem, world
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

    async def test_replacement_officer_and_recused_kept_off_the_legal_review(
            self, zhifa: Platform) -> None:
        """第四十三条: the head adds a replacement (qualified as at filing, 第四十二条); review
        asks cases for the recusals and refuses a recused officer as reviewer — at assignment
        and again at the opinion, so a recusal decided after assignment still counts."""
        w = await world(zhifa)
        case = (await w.filed())["id"]
        a, b, head = w.officers[:3]
        c, lapsed = await w.create_officer(), await w.create_officer(expires_on="2026-02-28")
        rec = await w.act(case, "recusals", {
            "officer_id": b, "initiated_by": "party", "reason": "执法人员系当事人的近亲属",
            "requested_on": "2026-03-05"}, expect=201)
        await w.act(case, f"recusals/{rec['id']}/decide", {
            "granted": True, "decided_on": "2026-03-06", "reason": "存在近亲属关系",
            "decided_by": head})
        assign = {"approver_id": head, "assigned_on": "2026-03-06", "reason": "原承办人员已回避"}
        body = problem(await post(w, case, "officers", {**assign, "officer_id": b}), 409,
                       "officer-recused")
        assert (body["rule"], body["officer_ids"]) == (ART43, [b])
        body = problem(await post(w, case, "officers", {**assign, "officer_id": a}), 409,
                       "officer-assignment-refused")
        assert body["rule"] == ART43
        body = problem(await post(w, case, "officers", {**assign, "officer_id": c,
                                                        "approver_id": a}),
                       409, "approver-not-head")
        assert body["rule"].startswith("行政处罚法第四十三条、第四十二条")
        body = problem(await post(w, case, "officers", {**assign, "officer_id": lapsed}), 409,
                       "officers-not-qualified")
        assert body["rule"] == "行政处罚法第四十二条"
        assert [o["officer_id"] for o in body["officers"] if not o["qualified"]] == [lapsed]
        out = await w.act(case, "officers", {**assign, "officer_id": c})
        assert out["officer_ids"] == [a, c]
        assert (await w.get(case))["officer_ids"] == [a, c]
        await w.act(case, "records", inquiry([a, c]), expect=201)  # the new team acts

        # 法制审核 (第五十八条) opened at conclusion; b is no longer among the case's officers
        await w.act(case, "conclude", {
            "outcome": "penalty", "penalties": [{"kind": "fine", "amount": "20000.00"}],
            "discretion_tier": "一般", "reasoning": "占道经营，情节一般"})
        await zhifa.drain()
        admin, d = w.admin_headers(), await w.create_officer()

        async def reviewer(officer_id: str) -> tuple[str, dict[str, str]]:
            user = f"reviewer-{officer_id[:8]}"
            resp = await w.client.post(f"{REV}/reviewers", headers=admin, json={
                "user_id": user, "name": "审核员", "agency_id": w.agency_id,
                "region_code": TOWN, "has_legal_qualification": True,
                "officer_id": officer_id})
            assert resp.status_code == 201, resp.text
            return resp.json()["id"], zhifa.headers("legal_reviewer", agency_id=w.agency_id,
                                                    region_code=TOWN, subject=user)

        rb, _ = await reviewer(b)
        rd, dh = await reviewer(d)
        resp = await w.client.get(f"{REV}/legal-reviews?status=pending", headers=dh)
        review = [r for r in resp.json()["items"] if r["case_id"] == case][0]["id"]
        resp = await w.client.post(f"{REV}/legal-reviews/{review}/assign", headers=admin,
                                   json={"reviewer_id": rb})
        assert problem(resp, 422, "reviewer-recused")["rule"] == ART43
        resp = await w.client.post(f"{REV}/legal-reviews/{review}/assign", headers=admin,
                                   json={"reviewer_id": rd})
        assert resp.status_code == 200, resp.text
        # the party now challenges the reviewer d; the head grants it
        rec = await w.act(case, "recusals", {
            "officer_id": d, "initiated_by": "party", "reason": "审核人员与当事人有利害关系",
            "requested_on": "2026-03-21"}, expect=201)
        await w.act(case, f"recusals/{rec['id']}/decide", {
            "granted": True, "decided_on": "2026-03-21", "reason": "存在利害关系",
            "decided_by": head})
        checklist = {k: {"passed": True, "note": ""} for k in CHECKLIST}
        resp = await w.client.post(f"{REV}/legal-reviews/{review}/opinion", headers=dh,
                                   json={"outcome": "approved", "checklist": checklist,
                                         "opinion": "同意"})
        assert problem(resp, 422, "reviewer-recused")["rule"] == ART43
        resp = await w.client.get(f"{REV}/legal-reviews/{review}", headers=admin)
        assert resp.json()["status"] == "pending"
