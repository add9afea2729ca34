"""监督文书 (行政执法监督条例; periods are local defaults): issue with a
15-day reply deadline, reply with the 整改报告, review, objection (复查) within 10 days,
escalation 约谈 → 通报 → 督办 each recorded, overdue list, annual counts."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import update

from common.calendar import WorkingCalendar, today_legal
from services.review.instruments.models import SupervisionInstrument

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/supervision-instruments"


def body(helpers, **kw) -> dict:
    data = {"kind": "notice", "agency_id": str(helpers.AGENCY),
            "facts": "抽查发现3件案件未在法定期限内送达处罚决定书",
            "legal_basis": "《行政处罚法》第六十一条；《行政执法监督条例》",
            "required_action": "逐件补正送达并建立送达台账"}
    data.update(kw)
    return data


def sup(zhifa):
    return zhifa.headers("supervisor", region_code="500112")


def admin(zhifa, helpers, agency=None):
    return helpers.agency_headers(zhifa, "agency_admin", agency=agency or helpers.AGENCY)


async def issue(zhifa, review, helpers, **kw) -> dict:
    resp = await review.post(URL, json=body(helpers, **kw), headers=sup(zhifa))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def shift(zhifa, iid: str, **values) -> None:
    async with zhifa.session("review") as s:
        await s.execute(update(SupervisionInstrument)
                        .where(SupervisionInstrument.id == uuid.UUID(iid)).values(**values))
        await s.commit()


async def escalate(zhifa, review, iid: str, level: str):
    return await review.post(f"{URL}/{iid}/escalations", headers=sup(zhifa),
                             json={"level": level, "note": "逾期未整改"})


async def reply(zhifa, review, helpers, iid: str):
    return await review.post(f"{URL}/{iid}/reply", headers=admin(zhifa, helpers), json={
        "reply": "已按要求整改", "rectification_report": "整改报告：3件均已补正送达"})


class TestIssueInstrument:
    async def test_default_reply_deadline_is_15_days(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers, kind="decision")
        today = today_legal()
        expected = WorkingCalendar().add_days(today, 15, "calendar").due_on
        assert (ins["kind"], ins["status"], ins["issued_on"]) == (
            "decision", "issued", today.isoformat())
        assert ins["reply_due_on"] == expected.isoformat()
        assert [s["kind"] for s in ins["steps"]] == ["issued"]

    async def test_another_regions_supervisor_is_refused(self, zhifa, review, helpers):
        resp = await review.post(URL, json=body(helpers), headers=zhifa.headers(
            "supervisor", region_code="500113"))
        assert resp.status_code == 403 and resp.json()["type"] == P + "agency-out-of-scope"

    async def test_another_agency_gets_404(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        resp = await review.get(f"{URL}/{ins['id']}",
                                headers=admin(zhifa, helpers, helpers.OTHER_AGENCY))
        assert resp.status_code == 404 and resp.json()["type"] == P + "instrument-not-found"


class TestFollowThrough:
    async def test_issued_replied_late_escalated_and_closed(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        iid = ins["id"]
        await shift(zhifa, iid, reply_due_on=date.today() - timedelta(days=1))
        overdue = (await review.get(URL, params={"overdue": "true"}, headers=sup(zhifa))).json()
        assert [(i["id"], i["is_overdue"]) for i in overdue["items"]] == [(iid, True)]
        skipped = await escalate(zhifa, review, iid, "circular")
        assert skipped.status_code == 409
        assert skipped.json()["type"] == P + "escalation-not-due"
        assert "约谈、通报、督办" in skipped.json()["rule"]
        assert (await escalate(zhifa, review, iid, "interview")).json()["escalation_level"] == 1
        late = await reply(zhifa, review, helpers, iid)
        assert (late.json()["status"], late.json()["replied_late"]) == ("replied", True)
        assert (await escalate(zhifa, review, iid, "circular")).json()["escalation_level"] == 2
        closed = await review.post(f"{URL}/{iid}/review", headers=sup(zhifa), json={
            "accepted": True, "comment": "整改到位"})
        out = closed.json()
        assert (out["status"], out["escalation_level"], out["is_overdue"]) == ("closed", 2, False)
        assert [(s["kind"], s["level"]) for s in out["steps"]] == [
            ("issued", None), ("escalated", 1), ("replied", None), ("escalated", 2),
            ("reply_accepted", None), ("closed", None)]
        assert out["rectification_report"] == "整改报告：3件均已补正送达"
        stats = await review.get(f"{URL}/stats", params={"year": today_legal().year},
                                 headers=sup(zhifa))
        assert [(s["kind"], s["issued"], s["replied_late"], s["interviews"], s["circulars"],
                 s["supervised"]) for s in stats.json()] == [("notice", 1, 1, 1, 1, 0)]
        other = await review.get(f"{URL}/stats", params={"year": today_legal().year},
                                 headers=admin(zhifa, helpers, helpers.OTHER_AGENCY))
        assert other.json() == []

    async def test_escalation_before_the_deadline_is_refused(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        resp = await escalate(zhifa, review, ins["id"], "interview")
        assert resp.status_code == 409 and resp.json()["type"] == P + "escalation-not-due"
        assert "逾期未回复" in resp.json()["rule"]

    async def test_rejected_reply_reopens_with_a_new_deadline(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        await reply(zhifa, review, helpers, ins["id"])
        resp = await review.post(f"{URL}/{ins['id']}/review", headers=sup(zhifa), json={
            "accepted": False, "comment": "整改不到位"})
        assert (resp.json()["status"], resp.json()["replied_late"]) == ("rejected", False)
        assert (await escalate(zhifa, review, ins["id"], "interview")).status_code == 200
        again = await reply(zhifa, review, helpers, ins["id"])
        assert again.json()["status"] == "replied"

    async def test_a_closed_instrument_takes_no_reply(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        await reply(zhifa, review, helpers, ins["id"])
        second = await reply(zhifa, review, helpers, ins["id"])
        assert second.status_code == 409
        assert second.json()["type"] == P + "instrument-state-conflict"


class TestObjection:
    async def test_within_10_days_then_upheld_withdraws(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        await shift(zhifa, ins["id"], issued_on=date.today() - timedelta(days=9))
        resp = await review.post(f"{URL}/{ins['id']}/objection", headers=admin(zhifa, helpers),
                                 json={"reason": "所列3件均已在期限内送达，附送达回证"})
        assert resp.status_code == 200 and resp.json()["objection_status"] == "pending"
        twice = await review.post(f"{URL}/{ins['id']}/objection",
                                  headers=admin(zhifa, helpers), json={"reason": "再次"})
        assert twice.status_code == 409 and twice.json()["type"] == P + "objection-already-lodged"
        decided = await review.post(f"{URL}/{ins['id']}/objection/decision", headers=sup(zhifa),
                                    json={"upheld": True, "decision": "经复查，撤销该通知书"})
        assert (decided.json()["status"], decided.json()["objection_status"]) == (
            "withdrawn", "upheld")

    async def test_after_10_days_is_refused_with_the_rule(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        issued_on = date.today() - timedelta(days=40)
        await shift(zhifa, ins["id"], issued_on=issued_on)
        resp = await review.post(f"{URL}/{ins['id']}/objection", headers=admin(zhifa, helpers),
                                 json={"reason": "不服"})
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "objection-period-expired"
        assert "10日" in resp.json()["rule"]
        last = WorkingCalendar().add_days(issued_on, 10, "calendar").due_on
        assert resp.json()["deadline"] == last.isoformat()

    async def test_dismissed_objection_leaves_the_instrument(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        await review.post(f"{URL}/{ins['id']}/objection", headers=admin(zhifa, helpers),
                          json={"reason": "不服"})
        decided = await review.post(f"{URL}/{ins['id']}/objection/decision", headers=sup(zhifa),
                                    json={"upheld": False, "decision": "维持"})
        assert (decided.json()["status"], decided.json()["objection_status"]) == (
            "issued", "dismissed")
