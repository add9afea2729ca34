"""cases ⇄ review end to end: the 法制审核 gate (行政处罚法第五十八条), needs_correction and a
second round, a review requested while review is down, complaint → lead, and 案卷评查 over
real closed cases. All through the real services in one process."""

from __future__ import annotations

import socket
from typing import Any

import httpx
from factories import CHECKLIST, REV, TOWN, C, World, id_number, problem, world
from harness import Platform
from sqlalchemy import select, update

from services.cases.models import platform as cases_platform
from services.review.evaluation.service import draw
from services.review.legal.models import LegalReview

DISTRICT = "500112"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _reviewer(w: World, **over: Any) -> tuple[str, dict[str, str]]:
    user = f"rev-{id_number()[-6:]}"
    resp = await w.client.post(f"{REV}/reviewers", headers=w.admin_headers(), json={
        "user_id": user, "name": "法制审核员", "agency_id": w.agency_id, "region_code": TOWN,
        "has_legal_qualification": True, **over})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"], w.zhifa.headers("legal_reviewer", agency_id=w.agency_id,
                                              region_code=TOWN, subject=user)


async def _queue(w: World, headers: dict[str, str], case_id: str) -> list[dict[str, Any]]:
    resp = await w.client.get(f"{REV}/legal-reviews", headers=headers)
    assert resp.status_code == 200, resp.text
    return sorted((r for r in resp.json()["items"] if r["case_id"] == case_id),
                  key=lambda r: r["round"])


async def _review(w: World, case_id: str, outcome: str) -> dict[str, Any]:
    """Assign the open round of `case_id` to a new reviewer and record `outcome`."""
    reviewer_id, rh = await _reviewer(w)
    review = [r for r in await _queue(w, rh, case_id) if r["status"] == "pending"][-1]
    resp = await w.client.post(f"{REV}/legal-reviews/{review['id']}/assign",
                               headers=w.admin_headers(), json={"reviewer_id": reviewer_id})
    assert resp.status_code == 200, resp.text
    ok = outcome == "approved"
    resp = await w.client.post(f"{REV}/legal-reviews/{review['id']}/opinion", headers=rh, json={
        "outcome": outcome, "opinion": "同意" if ok else "证据不足，退回补充调查",
        "checklist": {k: {"passed": ok or k != "evidence", "note": "" if ok else "缺现场照片"}
                      for k in CHECKLIST}})
    assert resp.status_code == 200, resp.text
    await w.zhifa.drain()
    return resp.json()


async def _decide(w: World, case_id: str) -> httpx.Response:
    return await w.client.post(f"{C}/cases/{case_id}/decide", headers=w.officer_headers(),
                               json={"decided_on": "2026-03-30"})


class TestLegalReviewGate:
    async def test_major_case_blocked_at_decide_until_review_approves(self, zhifa: Platform):
        w = await world(zhifa)
        case = await w.notified("20000.00")  # a person fined ≥ 10000 元: default catalogue
        await w.act(case["id"], "statements", {"waived": True, "waive_hearing": True})
        await zhifa.drain()
        body = problem(await _decide(w, case["id"]), 409, "legal-review-not-approved")
        assert body["rule"] == "行政处罚法第五十八条"
        queue = await _queue(w, w.admin_headers(), case["id"])
        assert [(r["round"], r["status"]) for r in queue] == [(1, "pending")]
        assert queue[0]["request"]["officer_ids"] == w.officers[:2]
        await _review(w, case["id"], "approved")
        assert (await w.get(case["id"]))["legal_review"]["status"] == "approved"
        resp = await _decide(w, case["id"])
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "decided"

    async def test_below_the_catalogue_no_review_is_opened(self, zhifa: Platform):
        w = await world(zhifa)
        case = await w.concluded("1000.00")
        await zhifa.drain()
        assert (await w.get(case["id"]))["legal_review"]["required"] is False
        assert await _queue(w, w.admin_headers(), case["id"]) == []

    async def test_case_officer_cannot_review_own_case(self, zhifa: Platform):
        w = await world(zhifa)
        case = await w.concluded("20000.00")
        await zhifa.drain()
        reviewer_id, rh = await _reviewer(w, officer_id=w.officers[0])
        review = (await _queue(w, rh, case["id"]))[0]
        resp = await w.client.post(f"{REV}/legal-reviews/{review['id']}/assign",
                                   headers=w.admin_headers(), json={"reviewer_id": reviewer_id})
        assert problem(resp, 422, "reviewer-recused")["rule"] == "行政处罚法第四十三条"

    async def test_needs_correction_sends_it_back_and_a_second_round_follows(
            self, zhifa: Platform):
        w = await world(zhifa)
        case = await w.concluded("20000.00")
        await zhifa.drain()
        await _review(w, case["id"], "needs_correction")
        after = await w.get(case["id"])
        assert after["legal_review"]["status"] == "needs_correction"
        assert "conclude" in after["allowed_actions"]
        await w.act(case["id"], "conclude", {
            "outcome": "penalty", "penalties": [{"kind": "fine", "amount": "20000.00"}],
            "discretion_tier": "一般", "reasoning": "已补充现场照片，事实清楚"})
        await zhifa.drain()
        queue = await _queue(w, w.admin_headers(), case["id"])
        assert [(r["round"], r["status"], r["outcome"]) for r in queue] == [
            (1, "completed", "needs_correction"), (2, "pending", None)]
        await _review(w, case["id"], "approved")
        await w.act(case["id"], "notify", {"served_on": "2026-03-20", "method": "direct"})
        await w.act(case["id"], "statements", {"waived": True, "waive_hearing": True})
        assert (await _decide(w, case["id"])).status_code == 200


class TestReviewServiceDown:
    async def test_review_requested_while_review_is_stopped_arrives_after_restart(
            self, zhifa: Platform):
        w = await world(zhifa)
        outbox = zhifa.apps["cases"].state.outbox
        original = outbox.clients["review"]
        dead = httpx.AsyncClient(base_url=f"http://127.0.0.1:{_closed_port()}", timeout=2)
        outbox.clients["review"] = dead
        try:
            case = await w.concluded("20000.00")
            await zhifa.drain()
        finally:
            outbox.clients["review"] = original
            await dead.aclose()
        Outbox = cases_platform.Outbox
        async with zhifa.session("cases") as s:
            row = (await s.scalars(select(Outbox).where(
                Outbox.event_type == "case.review_requested"))).one()
            assert (row.status, row.attempts) == ("pending", 1) and row.last_error
            await s.execute(update(Outbox).where(Outbox.id == row.id)
                            .values(next_attempt_at=row.occurred_at))
            await s.commit()
        async with zhifa.session("review") as s:
            assert (await s.scalars(select(LegalReview))).all() == []
        await zhifa.drain()
        await zhifa.drain()
        async with zhifa.session("review") as s:
            reviews = (await s.scalars(select(LegalReview))).all()
        assert [(str(r.case_id), r.round) for r in reviews] == [(case["id"], 1)]
        async with zhifa.session("cases") as s:
            assert (await s.get(Outbox, row.id)).status == "delivered"


class TestComplaintBecomesLead:
    async def test_violation_report_turned_into_a_lead_and_followed(self, zhifa: Platform):
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{REV}/complaints", json={
            "category": "violation_report", "content": "人行道上有人长期摆摊经营",
            "contact_name": "赵六", "contact_phone": "13900000000",
            "target_agency_id": w.agency_id, "location": "人民路1号", "region_code": TOWN})
        assert resp.status_code == 201, resp.text
        code = resp.json()["tracking_code"]
        listed = await zhifa.client.get(f"{REV}/complaints", headers=w.admin_headers())
        complaint = listed.json()["items"][0]
        resp = await zhifa.client.post(f"{REV}/complaints/{complaint['id']}/lead",
                                       headers=w.officer_headers(), json={
            "matter_id": w.matter["id"], "act_date": "2026-03-01",
            "party": {"kind": "person", "name": "张三", "id_number": id_number()}})
        assert resp.status_code == 200, resp.text
        case_id = resp.json()["lead_case_id"]
        case = await w.get(case_id)
        assert (case["status"], case["source"], case["source_ref"]) == (
            "lead", "complaint", complaint["id"])
        await w.act(case_id, "decline", {"reason": "经核查不属实", "approver_id": w.officers[2]})
        await zhifa.drain()
        status = (await zhifa.client.get(f"{REV}/complaints/{code}/status")).json()
        assert status["status"] == "closed" and "不予立案" in status["reply"]
        assert "赵六" not in str(status)


class TestEvaluationOverRealCases:
    async def _closed(self, w: World) -> str:
        case = await w.concluded("0.00", outcome="no_penalty", penalties=[],
                                 no_penalty_ground="minor", discretion_tier=None,
                                 reasoning="违法行为轻微并及时改正",
                                 education_record="已当场批评教育，当事人承诺不再摆摊")
        await w.act(case["id"], "decide", {"decided_on": "2026-03-30"})
        await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
        await w.act(case["id"], "close", {})
        return case["id"]

    async def test_batch_draws_reproducibly_from_closed_cases(self, zhifa: Platform):
        w = await world(zhifa)
        closed = [await self._closed(w) for _ in range(3)]
        await w.lead()  # an open case is never drawn
        sup = zhifa.headers("supervisor", region_code=DISTRICT)
        rubric = await zhifa.client.post(f"{REV}/evaluation-rubrics", headers=sup, json={
            "code": "district", "name": "案卷评查标准",
            "veto_items": [{"code": "two_officers", "label": "执法人员少于2人"}],
            "scored_items": [{"code": "cover", "stage": "卷面", "label": "卷面规范",
                              "max_points": 100}]})
        resp = await zhifa.client.post(f"{REV}/evaluation-batches", headers=sup, json={
            "rubric_id": rubric.json()["id"], "agency_ids": [w.agency_id], "sample_size": 2,
            "seed": "2026年第四季度"})
        assert resp.status_code == 201, resp.text
        batch = resp.json()
        assert batch["population"] == {w.agency_id: 3}
        assert [f["case_id"] for f in batch["files"]] == draw(
            "2026年第四季度", w.agency_id, closed, 2, None)
        assert batch["files"][0]["case_number"]
        first = batch["files"][0]
        resp = await zhifa.client.post(
            f"{REV}/evaluation-batches/{batch['id']}/files/{first['id']}/score", headers=sup,
            json={"vetoes": ["two_officers"]})
        assert resp.json()["grade"] == "不合格"
        ranking = (await zhifa.client.get(f"{REV}/evaluation-batches/{batch['id']}/ranking",
                                          headers=sup)).json()
        assert ranking["agencies"][0]["vetoed"] == 1
