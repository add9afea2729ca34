"""法制审核: opening by event, queue, assignment (回避, 法律职业资格), opinion."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, update

from services.review.legal.models import LegalReview, Reviewer

P = "https://zhifa.dev/problems/"
AGENCY = "11111111-1111-4111-8111-111111111111"
CHECKLIST_KEYS = ("subject", "qualification", "authority", "procedure", "facts", "evidence",
                  "legal_basis", "discretion", "documents", "criminal_transfer")


def checklist(failed: tuple[str, ...] = (), note: str = "见意见书") -> dict:
    return {k: {"passed": k not in failed, "note": note if k in failed else ""}
            for k in CHECKLIST_KEYS}


async def open_one(send_event, helpers, **kw) -> dict:
    payload = helpers.request(**kw)
    resp = await send_event("case.review_requested", payload)
    assert resp.status_code == 200 and resp.json()["status"] == "processed"
    return payload


async def review_of(zhifa, case_id: str) -> LegalReview:
    async with zhifa.session("review") as s:
        return (await s.scalars(select(LegalReview).where(
            LegalReview.case_id == uuid.UUID(case_id)))).one()


class TestReviewRequested:
    async def test_opens_one_review_due_in_ten_working_days(self, zhifa, send_event, helpers):
        payload = await open_one(send_event, helpers)
        row = await review_of(zhifa, payload["case_id"])
        # requested 2026-11-02 (Mon): 10 working days later is 2026-11-16 (Mon)
        assert (row.status, row.round, row.due_date) == ("pending", 1, date(2026, 11, 16))
        assert row.request["proposed"]["penalties"][0]["amount_fen"] == 20_000_000

    async def test_a_second_request_for_the_same_round_opens_nothing(self, zhifa, send_event,
                                                                   helpers):
        payload = await open_one(send_event, helpers)
        await send_event("case.review_requested", payload)  # new event id, same round
        async with zhifa.session("review") as s:
            rows = (await s.scalars(select(LegalReview))).all()
        assert len(rows) == 1

    async def test_a_second_round_opens_a_second_review(self, zhifa, send_event, helpers):
        payload = await open_one(send_event, helpers)
        await open_one(send_event, helpers, case_id=payload["case_id"], round=2)
        async with zhifa.session("review") as s:
            rounds = sorted((await s.scalars(select(LegalReview.round))).all())
        assert rounds == [1, 2]


class TestListLegalReviews:
    async def test_requires_a_token(self, review):
        resp = await review.get("/api/v1/review/legal-reviews")
        assert resp.status_code == 401 and resp.json()["type"] == P + "unauthorized"

    async def test_officers_may_not_read_the_queue(self, zhifa, review, helpers):
        resp = await review.get("/api/v1/review/legal-reviews",
                                headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403 and resp.json()["type"] == P + "forbidden"

    async def test_reviewer_sees_own_agency_pending_queue(self, zhifa, review, send_event,
                                                         helpers):
        mine = await open_one(send_event, helpers)
        await open_one(send_event, helpers, agency_id=str(helpers.OTHER_AGENCY))
        resp = await review.get("/api/v1/review/legal-reviews", params={"status": "pending"},
                                headers=helpers.agency_headers(zhifa, "legal_reviewer"))
        assert resp.status_code == 200
        assert [i["case_id"] for i in resp.json()["items"]] == [mine["case_id"]]

    async def test_supervisor_sees_region(self, zhifa, review, send_event, helpers):
        await open_one(send_event, helpers)
        await open_one(send_event, helpers, region_code="500113001")
        resp = await review.get("/api/v1/review/legal-reviews",
                                headers=zhifa.headers("supervisor", region_code="500112"))
        assert [i["region_code"] for i in resp.json()["items"]] == ["500112100"]

    async def test_overdue_lists_pending_past_due(self, zhifa, review, send_event, helpers):
        late = await open_one(send_event, helpers, requested_at="2026-01-05T02:00:00+00:00")
        await open_one(send_event, helpers, requested_at="2099-01-05T02:00:00+00:00")
        resp = await review.get("/api/v1/review/legal-reviews", params={"overdue": "true"},
                                headers=zhifa.headers("sysadmin"))
        items = resp.json()["items"]
        assert [i["case_id"] for i in items] == [late["case_id"]] and items[0]["is_overdue"]

    async def test_pages_with_a_cursor(self, zhifa, review, send_event, helpers):
        for _ in range(3):
            await open_one(send_event, helpers)
        first = (await review.get("/api/v1/review/legal-reviews", params={"limit": 2},
                                  headers=zhifa.headers("sysadmin"))).json()
        second = (await review.get("/api/v1/review/legal-reviews",
                                   params={"limit": 2, "cursor": first["next_cursor"]},
                                   headers=zhifa.headers("sysadmin"))).json()
        ids = [i["id"] for i in first["items"] + second["items"]]
        assert len(ids) == 3 == len(set(ids)) and second["next_cursor"] is None


class TestGetLegalReview:
    async def test_another_agency_gets_404(self, zhifa, review, send_event, helpers):
        payload = await open_one(send_event, helpers)
        row = await review_of(zhifa, payload["case_id"])
        resp = await review.get(f"/api/v1/review/legal-reviews/{row.id}", headers=(
            helpers.agency_headers(zhifa, "legal_reviewer", agency=helpers.OTHER_AGENCY)))
        assert resp.status_code == 404 and resp.json()["type"] == P + "legal-review-not-found"


class TestAssignLegalReview:
    async def _assign(self, zhifa, review, review_id, reviewer_id):
        return await review.post(f"/api/v1/review/legal-reviews/{review_id}/assign",
                                 json={"reviewer_id": reviewer_id},
                                 headers=zhifa.headers("agency_admin", agency_id=AGENCY,
                                                       region_code="500112"))

    async def test_assigns_a_qualified_reviewer(self, zhifa, review, send_event, helpers,
                                                make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        reviewer = await make_reviewer()
        resp = await self._assign(zhifa, review, row.id, reviewer["id"])
        assert resp.status_code == 200
        assert (resp.json()["reviewer_id"], resp.json()["reviewer_name"]) == (
            reviewer["id"], "王审核")

    async def test_case_officer_must_recuse(self, zhifa, review, send_event, helpers,
                                            make_reviewer):
        """行政处罚法第四十三条 (回避): an officer of the case may not review it."""
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        reviewer = await make_reviewer(officer_id=helpers.OFFICERS[0])
        resp = await self._assign(zhifa, review, row.id, reviewer["id"])
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "reviewer-recused"
        assert resp.json()["rule"] == "行政处罚法第四十三条"

    async def test_first_review_needs_legal_qualification(self, zhifa, review, send_event,
                                                          helpers, make_reviewer):
        """行政处罚法第五十八条第二款: 初次从事法制审核的人员应当取得法律职业资格."""
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        reviewer = await make_reviewer(has_legal_qualification=False)
        resp = await self._assign(zhifa, review, row.id, reviewer["id"])
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "reviewer-not-qualified"
        assert resp.json()["rule"] == "行政处罚法第五十八条第二款"

    async def test_experienced_reviewer_without_qualification_may_review(
            self, zhifa, review, send_event, helpers, make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        reviewer = await make_reviewer(has_legal_qualification=False)
        async with zhifa.session("review") as s:
            await s.execute(update(Reviewer).where(Reviewer.id == uuid.UUID(reviewer["id"]))
                            .values(completed_reviews=3))
            await s.commit()
        resp = await self._assign(zhifa, review, row.id, reviewer["id"])
        assert resp.status_code == 200

    async def test_external_lawyer_of_the_region_may_review(self, zhifa, review, send_event,
                                                            helpers, make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        lawyer = await make_reviewer(agency_id=None, is_external=True, name="外聘律师")
        resp = await self._assign(zhifa, review, row.id, lawyer["id"])
        assert resp.status_code == 200

    async def test_reviewer_of_another_agency_is_refused(self, zhifa, review, send_event,
                                                         helpers, make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        other = await make_reviewer(agency_id=str(helpers.OTHER_AGENCY))
        resp = await self._assign(zhifa, review, row.id, other["id"])
        assert resp.status_code == 422 and resp.json()["type"] == P + "reviewer-out-of-scope"

    async def test_requires_a_token(self, review):
        resp = await review.post(f"/api/v1/review/legal-reviews/{uuid.uuid4()}/assign",
                                 json={"reviewer_id": str(uuid.uuid4())})
        assert resp.status_code == 401

    async def test_officers_may_not_assign(self, zhifa, review, helpers):
        resp = await review.post(f"/api/v1/review/legal-reviews/{uuid.uuid4()}/assign",
                                 json={"reviewer_id": str(uuid.uuid4())},
                                 headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403


class TestRecordOpinion:
    async def _ready(self, zhifa, review, send_event, helpers, make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        reviewer = await make_reviewer()
        await review.post(f"/api/v1/review/legal-reviews/{row.id}/assign",
                          json={"reviewer_id": reviewer["id"]}, headers=zhifa.headers("sysadmin"))
        headers = zhifa.headers("legal_reviewer", subject=reviewer["user_id"],
                                agency_id=str(helpers.AGENCY), region_code=helpers.REGION)
        return row, headers

    async def test_approval_completes_and_emits_the_result(self, zhifa, review, send_event,
                                                           helpers, make_reviewer):
        row, headers = await self._ready(zhifa, review, send_event, helpers, make_reviewer)
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json={
            "outcome": "approved", "checklist": checklist(), "opinion": "同意"}, headers=headers)
        assert resp.status_code == 200
        assert (resp.json()["status"], resp.json()["outcome"]) == ("completed", "approved")
        async with zhifa.session("review") as s:
            out = (await s.scalars(select(zhifa.apps["review"].state.outbox.model))).one()
        assert out.event_type == "review.completed" and out.destination == "service:cases"
        assert out.payload["outcome"] == "approved" and out.payload["round"] == 1

    async def test_approval_with_a_failed_point_is_refused(self, zhifa, review, send_event,
                                                           helpers, make_reviewer):
        row, headers = await self._ready(zhifa, review, send_event, helpers, make_reviewer)
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json={
            "outcome": "approved", "checklist": checklist(("evidence",)), "opinion": "同意"},
            headers=headers)
        assert resp.status_code == 422 and resp.json()["type"] == P + "checklist-inconsistent"

    async def test_all_ten_points_are_required(self, zhifa, review, send_event, helpers,
                                               make_reviewer):
        row, headers = await self._ready(zhifa, review, send_event, helpers, make_reviewer)
        items = checklist()
        del items["criminal_transfer"]
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json={
            "outcome": "rejected", "checklist": items, "opinion": "不同意"}, headers=headers)
        assert resp.status_code == 422 and resp.json()["type"] == P + "validation-error"

    async def test_only_the_assigned_reviewer_may_record(self, zhifa, review, send_event,
                                                         helpers, make_reviewer):
        row, _ = await self._ready(zhifa, review, send_event, helpers, make_reviewer)
        other = await make_reviewer()
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json={
            "outcome": "approved", "checklist": checklist(), "opinion": "同意"},
            headers=zhifa.headers("legal_reviewer", subject=other["user_id"],
                                  agency_id=str(helpers.AGENCY), region_code=helpers.REGION))
        assert resp.status_code == 403 and resp.json()["type"] == P + "review-not-assigned"

    async def test_a_completed_review_cannot_be_recorded_twice(self, zhifa, review, send_event,
                                                               helpers, make_reviewer):
        row, headers = await self._ready(zhifa, review, send_event, helpers, make_reviewer)
        body = {"outcome": "needs_correction", "checklist": checklist(("facts",)),
                "opinion": "事实不清，退回补充调查"}
        await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json=body,
                          headers=headers)
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json=body,
                                 headers=headers)
        assert resp.status_code == 409 and resp.json()["type"] == P + "review-already-completed"

    async def test_supervisors_may_not_record(self, zhifa, review):
        resp = await review.post(f"/api/v1/review/legal-reviews/{uuid.uuid4()}/opinion",
                                 json={"outcome": "approved", "checklist": checklist(),
                                       "opinion": "x"},
                                 headers=zhifa.headers("supervisor", region_code="500112"))
        assert resp.status_code == 403


class TestCreateReviewer:
    async def test_agency_admin_registers_own_agency_only(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/reviewers", json={
            "user_id": "x1", "name": "李", "agency_id": str(helpers.OTHER_AGENCY),
            "region_code": "500112", "has_legal_qualification": True},
            headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403

    async def test_duplicate_user_conflicts(self, zhifa, review, make_reviewer):
        first = await make_reviewer()
        resp = await review.post("/api/v1/review/reviewers", json={
            "user_id": first["user_id"], "name": "李", "region_code": "500112",
            "has_legal_qualification": True}, headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 409 and resp.json()["type"] == P + "reviewer-exists"

    async def test_requires_a_token(self, review):
        resp = await review.post("/api/v1/review/reviewers", json={})
        assert resp.status_code == 401

    async def test_officers_may_not_register(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/reviewers", json={},
                                 headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403


class TestMalformedRequest:
    async def test_is_acknowledged_and_opens_nothing(self, zhifa, send_event):
        resp = await send_event("case.review_requested", {"case_id": "not-a-uuid"})
        assert resp.status_code == 200
        async with zhifa.session("review") as s:
            assert (await s.scalars(select(LegalReview))).all() == []


class TestMyQueue:
    async def test_mine_lists_only_reviews_assigned_to_me(self, zhifa, review, send_event,
                                                          helpers, make_reviewer):
        first = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        await open_one(send_event, helpers)
        me = await make_reviewer()
        await review.post(f"/api/v1/review/legal-reviews/{first.id}/assign",
                          json={"reviewer_id": me["id"]}, headers=zhifa.headers("sysadmin"))
        resp = await review.get("/api/v1/review/legal-reviews",
                                params={"status": "pending", "mine": "true"},
                                headers=zhifa.headers("legal_reviewer", subject=me["user_id"],
                                                      agency_id=AGENCY, region_code="500112"))
        assert [i["id"] for i in resp.json()["items"]] == [str(first.id)]


class TestProfileByUsername:
    async def test_profile_registered_under_the_username_matches(self, zhifa, review,
                                                                 send_event, helpers,
                                                                 make_reviewer):
        row = await review_of(zhifa, (await open_one(send_event, helpers))["case_id"])
        me = await make_reviewer(user_id="liwei")
        await review.post(f"/api/v1/review/legal-reviews/{row.id}/assign",
                          json={"reviewer_id": me["id"]}, headers=zhifa.headers("sysadmin"))
        resp = await review.post(f"/api/v1/review/legal-reviews/{row.id}/opinion", json={
            "outcome": "approved", "checklist": checklist(), "opinion": "同意"},
            headers=zhifa.headers("legal_reviewer", subject=str(uuid.uuid4()),
                                  username="liwei", agency_id=AGENCY, region_code="500112"))
        assert resp.status_code == 200 and resp.json()["outcome"] == "approved"
