"""移送 (行政处罚法第二十七条, 国务院令第310号, 行政强制法第二十一条) through the gateway."""

from __future__ import annotations

from typing import Any

from factories_extra import (
    ON_SITE,
    SCOPE,
    Agency,
    agency_with_officers,
    create_case,
    create_matter,
)
from harness import Platform
from sqlalchemy import select

from services.cases.models import Case
from services.cases.timeline.models import TimelineEntry

P = "https://zhifa.dev/problems/"
C = "/api/v1/cases"


def report(agency: Agency, **over: Any) -> dict[str, Any]:
    data = {"kind": "judicial", "target_name": "重庆市公安局巴南区分局",
            "reason": "销售伪劣商品金额达五万元以上，涉嫌犯罪",
            "report": "涉嫌犯罪案件情况调查报告……", "officer_ids": agency.officers[:2],
            "reported_at": "2026-03-20T01:00:00Z"}
    return {**data, **over}


async def setup(zhifa: Platform, status: str = "investigating") -> tuple[Agency, Any]:
    agency = await agency_with_officers(zhifa)
    case = await create_case(zhifa, agency, await create_matter(zhifa, agency), status=status)
    return agency, case


async def post(zhifa: Platform, agency: Agency, path: str, json: dict[str, Any]) -> Any:
    return await zhifa.client.post(f"{C}{path}", headers=agency.headers(zhifa), json=json)


async def reported(zhifa: Platform, agency: Agency, case: Any, **over: Any) -> dict[str, Any]:
    resp = await post(zhifa, agency, f"/cases/{case.id}/transfers", report(agency, **over))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def approved(zhifa: Platform, agency: Agency, case: Any,
                   **over: Any) -> dict[str, Any]:
    t = await reported(zhifa, agency, case, **over)
    resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/decision", {
        "approved": True, "approver_id": agency.officers[0],
        "decided_at": "2026-03-21T08:00:00Z"})
    assert resp.status_code == 200, resp.text
    return resp.json()


async def case_state(zhifa: Platform, case: Any) -> tuple[str, list[str]]:
    async with zhifa.session("cases") as s:
        row = await s.get(Case, case.id)
        actions = (await s.scalars(select(TimelineEntry.action).where(
            TimelineEntry.case_id == case.id).order_by(TimelineEntry.seq))).all()
        return row.status, list(actions)


class TestReportTransfer:
    async def test_report_opens_the_three_day_decision_window(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await reported(zhifa, agency, case)
        assert t["status"] == "pending_approval"
        assert t["decision_due_on"] == "2026-03-23"  # 国务院令第310号第五条, 3 days
        assert await case_state(zhifa, case) == ("investigating", ["transfer.reported"])

    async def test_one_officer_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers",
                          report(agency, officer_ids=agency.officers[:1]))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "officers-not-qualified"
        assert resp.json()["rule"] == "国务院令第310号第五条"

    async def test_second_running_transfer_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        await reported(zhifa, agency, case)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers", report(agency))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "transfer-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第二十七条、国务院令第310号"

    async def test_decided_case_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa, status="closed")
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers", report(agency))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "transfer-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第二十七条、国务院令第310号"

    async def test_another_agency_gets_404(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        other = await agency_with_officers(zhifa, region_code="500112101")
        resp = await post(zhifa, other, f"/cases/{case.id}/transfers", report(other))
        assert resp.status_code == 404

    async def test_requires_token(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{C}/cases/{case.id}/transfers", json=report(agency))
        assert resp.status_code == 401

    async def test_supervisor_is_forbidden(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{C}/cases/{case.id}/transfers",
                                       headers=zhifa.headers("supervisor",
                                                             region_code="500112"),
                                       json=report(agency))
        assert resp.status_code == 403


class TestDecideTransfer:
    async def test_approval_opens_the_24_hour_window(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await approved(zhifa, agency, case)
        assert t["status"] == "approved" and t["decision_late"] is False
        assert t["send_due_at"].startswith("2026-03-22T08:00:00")

    async def test_late_decision_is_flagged(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await reported(zhifa, agency, case)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/decision", {
            "approved": True, "approver_id": agency.officers[0],
            "decided_at": "2026-03-25T08:00:00Z"})
        assert resp.json()["decision_late"] is True

    async def test_refusal_needs_a_reason(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await reported(zhifa, agency, case)
        path = f"/cases/{case.id}/transfers/{t['id']}/decision"
        bare = {"approved": False, "approver_id": agency.officers[0],
                "decided_at": "2026-03-21T08:00:00Z"}
        resp = await post(zhifa, agency, path, bare)
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "transfer-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第二十七条、国务院令第310号"
        resp = await post(zhifa, agency, path, {**bare, "reason": "金额未达追诉标准"})
        assert resp.json()["status"] == "refused"
        assert (await reported(zhifa, agency, case))["status"] == "pending_approval"

    async def test_unknown_transfer_is_404(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/"
                          "00000000-0000-0000-0000-000000000001/decision", {
                              "approved": True, "approver_id": "x",
                              "decided_at": "2026-03-21T08:00:00Z"})
        assert resp.status_code == 404
        assert resp.json()["type"] == P + "transfer-not-found"


class TestSendAndAnswer:
    async def seize(self, zhifa: Platform, agency: Agency, case: Any) -> dict[str, Any]:
        resp = await post(zhifa, agency, f"/cases/{case.id}/coercive-measures", {
            "kind": "seize", "items": [{"name": "假冒白酒", "quantity": "120", "unit": "瓶"}],
            "officer_ids": agency.officers[:2], "approver_id": agency.officers[0],
            "started_on": "2026-03-15", "on_site": ON_SITE, "scope": SCOPE})
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def test_judicial_transfer_takes_the_seized_property_along(
            self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await self.seize(zhifa, agency, case)
        t = await approved(zhifa, agency, case)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/send", {
            "sent_at": "2026-03-22T02:00:00Z", "documents": ["涉嫌犯罪案件移送书",
                                                            "涉案物品清单"]})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "sent" and resp.json()["send_late"] is False
        assert resp.json()["measure_ids"] == [measure["id"]]
        seized = await zhifa.client.get(f"{C}/coercive-measures/{measure['id']}",
                                        headers=agency.headers(zhifa))
        assert seized.json()["status"] == "transferred"
        assert [i["status"] for i in seized.json()["items"]] == ["transferred"]
        answer = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/answer", {
            "answer": "accepted", "answered_on": "2026-03-24", "note": "已立案侦查"})
        assert answer.json()["status"] == "accepted"
        status, actions = await case_state(zhifa, case)
        assert status == "transferred"
        assert actions == ["coercion.started", "transfer.reported", "transfer.decided",
                           "transfer.sent", "transfer.answered"]
        closed = await post(zhifa, agency, f"/cases/{case.id}/close", {})
        assert closed.status_code == 200, closed.text
        assert closed.json()["status"] == "closed"

    async def test_late_send_is_flagged(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await approved(zhifa, agency, case)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/send",
                          {"sent_at": "2026-03-23T09:00:00Z"})
        assert resp.json()["send_late"] is True

    async def test_returned_case_continues_here(self, zhifa: Platform) -> None:
        """行政处罚法第二十七条第一款: the judicial side sends back cases due a penalty."""
        agency, case = await setup(zhifa)
        t = await approved(zhifa, agency, case)
        await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/send",
                   {"sent_at": "2026-03-22T02:00:00Z"})
        assert (await case_state(zhifa, case))[0] == "transferred"
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/answer", {
            "answer": "returned", "answered_on": "2026-04-01",
            "note": "不构成犯罪，移回依法给予行政处罚"})
        assert resp.json()["status"] == "returned"
        assert (await case_state(zhifa, case))[0] == "investigating"

    async def test_agency_transfer_keeps_unnamed_measures(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await self.seize(zhifa, agency, case)
        t = await approved(zhifa, agency, case, kind="agency",
                           target_name="区市场监督管理局")
        await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/send",
                   {"sent_at": "2026-03-22T02:00:00Z"})
        seized = await zhifa.client.get(f"{C}/coercive-measures/{measure['id']}",
                                        headers=agency.headers(zhifa))
        assert seized.json()["status"] == "active"

    async def test_send_before_approval_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await reported(zhifa, agency, case)
        resp = await post(zhifa, agency, f"/cases/{case.id}/transfers/{t['id']}/send",
                          {"sent_at": "2026-03-22T02:00:00Z"})
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "transfer-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第二十七条、国务院令第310号"


class TestListTransfers:
    async def test_lists_the_case_transfers(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        t = await reported(zhifa, agency, case)
        resp = await zhifa.client.get(f"{C}/cases/{case.id}/transfers",
                                      headers=agency.headers(zhifa))
        assert [x["id"] for x in resp.json()] == [t["id"]]

    async def test_requires_token(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        assert (await zhifa.client.get(f"{C}/cases/{case.id}/transfers")).status_code == 401

    async def test_other_agency_gets_404(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        other = await agency_with_officers(zhifa, n=0, region_code="500112101")
        resp = await zhifa.client.get(f"{C}/cases/{case.id}/transfers",
                                      headers=other.headers(zhifa))
        assert resp.status_code == 404
