"""投诉举报办理时限 (local complaint rules; national periods UNVERIFIED):
intake channel with its external ticket, accept/refuse within 5 working days with reasons,
conclude within 30 days (+20 once with approval), the result told, the overdue list."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import update

from common.calendar import WorkingCalendar, today_legal
from services.review.complaints.models import Complaint

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/complaints"


def body(helpers, **kw) -> dict:
    data = {"category": "enforcement_conduct", "content": "执法人员检查时未出示执法证件",
            "contact_name": "李四", "contact_phone": "13800000001",
            "target_agency_id": str(helpers.AGENCY), "region_code": "500112100"}
    data.update(kw)
    return data


def sup(zhifa):
    return zhifa.headers("supervisor", region_code="500112")


async def register(zhifa, review, helpers, **kw) -> dict:
    """A supervisor registers a 12345 work order; returns the complaint as staff see it."""
    resp = await review.post(URL, headers=sup(zhifa), json=body(
        helpers, channel="hotline_12345", external_ticket_id="12345-2026-000981", **kw))
    assert resp.status_code == 201, resp.text
    items = (await review.get(URL, headers=sup(zhifa))).json()["items"]
    return next(i for i in items if i["tracking_code"] == resp.json()["tracking_code"])


class TestIntake:
    async def test_12345_ticket_and_default_deadlines(self, zhifa, review, helpers):
        item = await register(zhifa, review, helpers)
        today, cal = today_legal(), WorkingCalendar()
        assert (item["channel"], item["external_ticket_id"]) == (
            "hotline_12345", "12345-2026-000981")
        assert item["acknowledge_by"] == cal.add_days(today, 5, "working").due_on.isoformat()
        assert item["close_by"] == cal.add_days(today, 30, "calendar").due_on.isoformat()

    async def test_citizen_may_name_qr_scan_but_not_a_staff_channel(self, zhifa, review,
                                                                   helpers):
        for channel, stored in (("qr_scan", "qr_scan"), ("petition", "platform")):
            code = (await review.post(URL, json=body(helpers, channel=channel,
                                                     external_ticket_id="X-1"))
                    ).json()["tracking_code"]
            items = (await review.get(URL, headers=sup(zhifa))).json()["items"]
            item = next(i for i in items if i["tracking_code"] == code)
            assert (item["channel"], item["external_ticket_id"]) == (stored, None)

    async def test_unknown_channel_is_refused(self, review, helpers):
        resp = await review.post(URL, json=body(helpers, channel="wechat"))
        assert resp.status_code == 422 and resp.json()["type"] == P + "validation-error"


class TestAcceptOrRefuse:
    async def test_refusal_with_reasons_is_told_to_the_citizen(self, zhifa, review, helpers):
        item = await register(zhifa, review, helpers)
        resp = await review.post(f"{URL}/{item['id']}/refuse", headers=sup(zhifa),
                                 json={"reason": "不属于行政执法监督受理范围，已告知向法院起诉"})
        assert (resp.json()["status"], resp.json()["is_overdue"]) == ("refused", False)
        public = (await review.get(f"{URL}/{item['tracking_code']}/status")).json()
        assert public["status"] == "refused"
        assert public["decision_reason"] == "不属于行政执法监督受理范围，已告知向法院起诉"

    async def test_acceptance_records_its_reason_and_blocks_refusal(self, zhifa, review,
                                                                    helpers):
        item = await register(zhifa, review, helpers)
        ok = await review.post(f"{URL}/{item['id']}/acknowledge", headers=sup(zhifa),
                               json={"reason": "属于本机关监督范围"})
        assert (ok.json()["status"], ok.json()["decision_reason"]) == (
            "acknowledged", "属于本机关监督范围")
        late = await review.post(f"{URL}/{item['id']}/refuse", headers=sup(zhifa),
                                 json={"reason": "x"})
        assert late.status_code == 409 and late.json()["type"] == P + "complaint-state-conflict"


class TestConclusion:
    async def test_one_extension_of_20_days_then_refused(self, zhifa, review, helpers):
        item = await register(zhifa, review, helpers)
        resp = await review.post(f"{URL}/{item['id']}/extend", headers=sup(zhifa), json={
            "approved_by": "局长 王某", "reason": "涉及多个部门，需调取执法记录"})
        expected = WorkingCalendar().add_days(date.fromisoformat(item["close_by"]), 20,
                                              "calendar").due_on
        assert resp.json()["close_by"] == expected.isoformat()
        again = await review.post(f"{URL}/{item['id']}/extend", headers=sup(zhifa), json={
            "approved_by": "局长 王某", "reason": "再延"})
        assert again.status_code == 409
        assert again.json()["type"] == P + "complaint-extension-refused"
        assert "延长一次" in again.json()["rule"] and "20日" in again.json()["rule"]

    async def test_officers_cannot_extend(self, zhifa, review, helpers):
        item = await register(zhifa, review, helpers, category="violation_report")
        resp = await review.post(f"{URL}/{item['id']}/extend", json={
            "approved_by": "x", "reason": "y"}, headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403 and resp.json()["type"] == P + "forbidden"

    async def test_result_told_after_closing_only(self, zhifa, review, helpers):
        item = await register(zhifa, review, helpers)
        early = await review.post(f"{URL}/{item['id']}/result-notice", headers=sup(zhifa),
                                  json={"via": "sms"})
        assert early.status_code == 409
        for step, payload in (("respond", {"reply": "经核查属实，已责令整改"}),
                              ("close", {"result": "对执法人员批评教育"})):
            await review.post(f"{URL}/{item['id']}/{step}", headers=sup(zhifa), json=payload)
        told = await review.post(f"{URL}/{item['id']}/result-notice", headers=sup(zhifa),
                                 json={"via": "sms"})
        assert (told.json()["result_told_via"], told.json()["result_told_at"] is not None) == (
            "sms", True)
        public = (await review.get(f"{URL}/{item['tracking_code']}/status")).json()
        assert public["result_told_at"] is not None

    async def test_past_the_conclusion_date_is_listed_overdue(self, zhifa, review, helpers):
        late = await register(zhifa, review, helpers)
        refused = await register(zhifa, review, helpers)
        await review.post(f"{URL}/{refused['id']}/refuse", headers=sup(zhifa),
                          json={"reason": "重复投诉"})
        async with zhifa.session("review") as s:
            past = date.today() - timedelta(days=1)
            await s.execute(update(Complaint).where(
                Complaint.id.in_([uuid.UUID(late["id"]), uuid.UUID(refused["id"])]))
                .values(close_by=past, acknowledge_by=past, respond_by=past))
            await s.commit()
        resp = await review.get(URL, params={"overdue": "true"}, headers=sup(zhifa))
        assert [i["id"] for i in resp.json()["items"]] == [late["id"]]
