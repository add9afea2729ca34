"""投诉举报: public submission, tracking code, staff handling, lead following, rates."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import update

from services.review.complaints.models import Complaint

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/complaints"


def body(helpers, **kw) -> dict:
    data = {"category": "violation_report", "content": "某餐馆夜间占道经营，油烟扰民",
            "contact_name": "张三", "contact_phone": "13800000000",
            "target_agency_id": str(helpers.AGENCY), "location": "某街道12号",
            "region_code": "500112100"}
    data.update(kw)
    return data


async def submit(review, helpers, **kw) -> dict:
    resp = await review.post(URL, json=body(helpers, **kw))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def complaint_id(zhifa, code: str) -> str:
    async with zhifa.session("review") as s:
        from sqlalchemy import select
        return str(await s.scalar(select(Complaint.id).where(Complaint.tracking_code == code)))


class TestSubmitComplaint:
    async def test_public_submission_returns_code_and_deadline(self, review, helpers):
        receipt = await submit(review, helpers)
        code = receipt["tracking_code"]
        assert len(code) == 12 and code.isalnum() and code.upper() == code
        assert date.fromisoformat(receipt["respond_by"]) > date.today()

    async def test_codes_are_not_sequential(self, review, helpers):
        a = (await submit(review, helpers))["tracking_code"]
        b = (await submit(review, helpers))["tracking_code"]
        assert a != b and a[:8] != b[:8]

    async def test_rate_limited_per_address(self, zhifa, review, helpers):
        zhifa.apps["review"].state.settings.complaint_rate_burst = 2
        codes = [(await review.post(URL, json=body(helpers))).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        resp = await review.post(URL, json=body(helpers), headers={"X-Forwarded-For": "9.9.9.9"})
        assert resp.status_code == 201

    async def test_rate_limit_answer_is_a_problem(self, zhifa, review, helpers):
        zhifa.apps["review"].state.settings.complaint_rate_burst = 0
        resp = await review.post(URL, json=body(helpers))
        assert resp.status_code == 429 and resp.json()["type"] == P + "complaint-rate-limited"
        assert int(resp.headers["Retry-After"]) >= 1

    async def test_bad_category_is_refused(self, review, helpers):
        resp = await review.post(URL, json=body(helpers, category="other"))
        assert resp.status_code == 422 and resp.json()["type"] == P + "validation-error"

    async def test_staff_registration_from_12345_takes_their_region(self, zhifa, review,
                                                                   helpers):
        resp = await review.post(URL, json=body(helpers, region_code=None,
                                                channel="hotline_12345"),
                                 headers=zhifa.headers("supervisor", region_code="500112"))
        listed = await review.get(URL, headers=zhifa.headers("supervisor", region_code="500112"))
        item = listed.json()["items"][0]
        assert resp.status_code == 201 and (item["channel"], item["region_code"]) == (
            "hotline_12345", "500112")


class TestComplaintStatus:
    async def test_citizen_follows_by_code_without_contact_data(self, zhifa, review, helpers):
        code = (await submit(review, helpers))["tracking_code"]
        resp = await review.get(f"{URL}/{code}/status")
        assert resp.status_code == 200
        data = resp.json()
        assert data["status"] == "received" and data["reply"] is None
        assert "张三" not in resp.text and "13800000000" not in resp.text
        assert "content" not in data and "handler" not in data

    async def test_unknown_code_is_404(self, review):
        resp = await review.get(f"{URL}/ABCDEFGHJKMN/status")
        assert resp.status_code == 404 and resp.json()["type"] == P + "complaint-not-found"

    async def test_reply_is_visible_to_the_citizen(self, zhifa, review, helpers):
        code = (await submit(review, helpers))["tracking_code"]
        cid = await complaint_id(zhifa, code)
        staff = helpers.agency_headers(zhifa, "agency_admin")
        await review.post(f"{URL}/{cid}/respond", json={"reply": "已责令整改"}, headers=staff)
        data = (await review.get(f"{URL}/{code}/status")).json()
        assert (data["status"], data["reply"]) == ("responded", "已责令整改")


class TestHandling:
    async def test_assign_acknowledge_respond_close(self, zhifa, review, helpers):
        cid = await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
        staff = helpers.agency_headers(zhifa, "agency_admin")
        steps = [("assign", {"handler": "officer-7"}, "assigned"),
                 ("acknowledge", None, "acknowledged"),
                 ("respond", {"reply": "已核查"}, "responded"),
                 ("close", {"result": "办结"}, "closed")]
        for step, payload, status in steps:
            resp = await review.post(f"{URL}/{cid}/{step}", json=payload, headers=staff)
            assert resp.status_code == 200 and resp.json()["status"] == status

    async def test_close_before_reply_conflicts(self, zhifa, review, helpers):
        cid = await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
        resp = await review.post(f"{URL}/{cid}/close", json={"result": "x"},
                                 headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 409 and resp.json()["type"] == P + "complaint-state-conflict"

    async def test_another_agency_cannot_see_it(self, zhifa, review, helpers):
        cid = await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
        resp = await review.get(f"{URL}/{cid}", headers=helpers.agency_headers(
            zhifa, "agency_admin", agency=helpers.OTHER_AGENCY))
        assert resp.status_code == 404

    async def test_overdue_list(self, zhifa, review, helpers):
        late = await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
        await submit(review, helpers)
        async with zhifa.session("review") as s:
            past = date.today() - timedelta(days=1)
            await s.execute(update(Complaint).where(Complaint.id == uuid.UUID(late))
                            .values(respond_by=past, acknowledge_by=past))
            await s.commit()
        resp = await review.get(URL, params={"overdue": "true"},
                                headers=zhifa.headers("sysadmin"))
        assert [i["id"] for i in resp.json()["items"]] == [late]
        assert resp.json()["items"][0]["is_overdue"] is True

    async def test_list_requires_a_token(self, review):
        assert (await review.get(URL)).status_code == 401

    async def test_list_refuses_reviewers(self, zhifa, review, helpers):
        resp = await review.get(URL, headers=helpers.agency_headers(zhifa, "legal_reviewer"))
        assert resp.status_code == 403

    async def test_respond_requires_a_token(self, review):
        resp = await review.post(f"{URL}/{uuid.uuid4()}/respond", json={"reply": "x"})
        assert resp.status_code == 401

    async def test_respond_refuses_reviewers(self, zhifa, review, helpers):
        resp = await review.post(f"{URL}/{uuid.uuid4()}/respond", json={"reply": "x"},
                                 headers=helpers.agency_headers(zhifa, "legal_reviewer"))
        assert resp.status_code == 403


class TestLead:
    async def test_violation_report_becomes_a_lead(self, zhifa, review, helpers, stub_cases):
        cid = await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
        resp = await review.post(f"{URL}/{cid}/lead", json={
            "matter_id": str(uuid.uuid4()), "party": {"kind": "person", "name": "李四"},
            "act_date": "2026-11-01"}, headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 200
        assert resp.json()["lead_status"] == "lead" and resp.json()["lead_case_id"]
        sent = stub_cases.created[0]
        assert (sent["agency_id"], sent["source"], sent["source_ref"]) == (
            str(helpers.AGENCY), "complaint", cid)
        assert stub_cases.calls[0].startswith("Bearer ")

    async def test_conduct_complaint_is_not_a_lead(self, zhifa, review, helpers):
        cid = await complaint_id(zhifa, (await submit(
            review, helpers, category="enforcement_conduct"))["tracking_code"])
        resp = await review.post(f"{URL}/{cid}/lead", json={
            "matter_id": str(uuid.uuid4()), "party": {"kind": "person", "name": "李四"},
            "act_date": "2026-11-01"}, headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "complaint-not-a-violation-report"

    async def test_complaint_follows_the_lead_to_its_end(self, zhifa, review, helpers,
                                                         send_event):
        code = (await submit(review, helpers))["tracking_code"]
        cid = await complaint_id(zhifa, code)
        case_id = str(uuid.uuid4())
        event = {"case_id": case_id, "previous_status": "lead", "agency_id": str(helpers.AGENCY),
                 "region_code": "500112100", "source": "complaint", "source_ref": cid,
                 "at": "2026-11-20T00:00:00+00:00"}
        await send_event("case.status_changed", {**event, "status": "investigating"})
        assert (await review.get(f"{URL}/{code}/status")).json()["status"] == "received"
        await send_event("case.status_changed", {**event, "status": "closed"})
        data = (await review.get(f"{URL}/{code}/status")).json()
        assert data["status"] == "closed" and "已依法办结" in data["reply"]


class TestStats:
    async def test_response_and_completion_rates(self, zhifa, review, helpers):
        staff = zhifa.headers("sysadmin")
        ids = [await complaint_id(zhifa, (await submit(review, helpers))["tracking_code"])
               for _ in range(4)]
        for cid in ids[:3]:
            await review.post(f"{URL}/{cid}/respond", json={"reply": "已答复"}, headers=staff)
        await review.post(f"{URL}/{ids[0]}/close", json={"result": "办结"}, headers=staff)
        year = date.today().year
        resp = await review.get(f"{URL}/stats", params={"year": year},
                                headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 200
        assert resp.json() == [{"agency_id": str(helpers.AGENCY), "year": year, "total": 4,
                                "responded": 3, "completed": 1, "response_rate": 0.75,
                                "completion_rate": 0.25}]

    async def test_requires_a_token(self, review):
        assert (await review.get(f"{URL}/stats", params={"year": 2026})).status_code == 401

    async def test_refuses_reviewers(self, zhifa, review, helpers):
        resp = await review.get(f"{URL}/stats", params={"year": 2026},
                                headers=helpers.agency_headers(zhifa, "legal_reviewer"))
        assert resp.status_code == 403
