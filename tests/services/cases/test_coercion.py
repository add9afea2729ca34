"""查封/扣押 (行政强制法第十七条–第二十八条) through the gateway, with real personnel officers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
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

from services.cases.timeline.models import TimelineEntry

P = "https://zhifa.dev/problems/"
BASE = "/api/v1/cases"


def body(agency: Agency, **over: Any) -> dict[str, Any]:
    data = {"kind": "seize", "items": [
        {"name": "三轮车", "quantity": "1", "unit": "辆", "condition": "完好"},
        {"name": "西瓜", "quantity": "42.5", "unit": "公斤"}],
        "officer_ids": agency.officers[:2], "approver_id": agency.officers[0],
        "started_on": "2026-03-10", "place": "木耳镇人民路", "on_site": ON_SITE,
        "scope": SCOPE}
    return {**data, **over}


async def setup(zhifa: Platform, source: str = "statutory") -> tuple[Agency, Any]:
    agency = await agency_with_officers(zhifa)
    case = await create_case(zhifa, agency, await create_matter(zhifa, agency, source=source))
    return agency, case


async def start(zhifa: Platform, agency: Agency, case: Any, **over: Any) -> dict[str, Any]:
    resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                   headers=agency.headers(zhifa), json=body(agency, **over))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def actions(zhifa: Platform, case_id: Any) -> list[str]:
    async with zhifa.session("cases") as s:
        return list((await s.scalars(select(TimelineEntry.action).where(
            TimelineEntry.case_id == case_id).order_by(TimelineEntry.seq))).all())


class TestCreateCoerciveMeasure:
    async def test_seizure_runs_thirty_calendar_days_with_items_as_rows(
            self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        assert measure["status"] == "active" and measure["kind"] == "seize"
        # 行政强制法第二十五条: 30 calendar days from 2026-03-10
        assert measure["ends_on"] == "2026-04-09"
        assert [(i["name"], i["quantity"], i["status"]) for i in measure["items"]] == [
            ("三轮车", "1", "held"), ("西瓜", "42.5", "held")]
        assert measure["overdue"] is True  # 2026-04-09 has passed without release
        assert await actions(zhifa, case.id) == ["coercion.started"]

    async def test_without_approval_or_emergency_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa),
                                       json=body(agency, approver_id=None))
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "coercion-approval-required"
        assert resp.json()["rule"] == "行政强制法第十八条第一项"

    async def test_one_officer_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa),
                                       json=body(agency, officer_ids=agency.officers[:1]))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "officers-not-qualified"
        assert resp.json()["rule"] == "行政强制法第十八条第二项"

    async def test_officer_without_certificate_on_that_date_is_refused(
            self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa),
                                       json=body(agency, started_on="2024-12-01"))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "officers-not-qualified"
        assert resp.json()["rule"] == "行政强制法第十八条第二项"
        assert all(not o["qualified"] for o in resp.json()["officers"])

    async def test_entrusted_matter_cannot_be_coerced(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa, source="entrusted")
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa), json=body(agency))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-not-allowed"
        assert resp.json()["rule"] == "行政强制法第十七条第一款"

    async def test_closed_case_is_refused(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        case = await create_case(zhifa, agency, await create_matter(zhifa, agency),
                                 status="closed")
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa), json=body(agency))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-not-allowed"
        assert resp.json()["rule"] == "行政强制法第二十三条、第二十七条"

    async def test_another_agency_gets_404(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        other = await agency_with_officers(zhifa, region_code="500112101")
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=other.headers(zhifa), json=body(other))
        assert resp.status_code == 404
        assert resp.json()["type"] == P + "case-not-found"

    async def test_stale_if_match_is_412(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers={**agency.headers(zhifa), "If-Match": 'W/"99"'},
                                       json=body(agency))
        assert resp.status_code == 412

    async def test_idempotency_key_replays(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        headers = {**agency.headers(zhifa), "Idempotency-Key": "seize-1"}
        first = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                        headers=headers, json=body(agency))
        again = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                        headers=headers, json=body(agency))
        assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
        assert await actions(zhifa, case.id) == ["coercion.started"]

    async def test_requires_token(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       json=body(agency))
        assert resp.status_code == 401

    async def test_legal_reviewer_is_forbidden(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa, "legal_reviewer"),
                                       json=body(agency))
        assert resp.status_code == 403


class TestExtendCoerciveMeasure:
    async def extend(self, zhifa: Platform, agency: Agency, case: Any, measure: dict[str, Any],
                     days: int, decided_on: str = "2026-04-01") -> Any:
        return await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/extend",
            headers=agency.headers(zhifa), json={
                "days": days, "approver_id": agency.officers[0], "reason": "案情复杂，需进一步鉴定",
                "decided_on": decided_on, "notified_on": decided_on})

    async def test_one_extension_of_thirty_days(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await self.extend(zhifa, agency, case, measure, 30)
        assert resp.status_code == 200, resp.text
        assert resp.json()["ends_on"] == "2026-05-09"  # an adjusted working Saturday
        assert resp.json()["extension_days"] == 30
        assert await actions(zhifa, case.id) == ["coercion.started", "coercion.extended"]
        verify = await zhifa.client.get(f"{BASE}/cases/{case.id}/timeline/verify",
                                        headers=agency.headers(zhifa))
        assert verify.json() == {"valid": True, "entries": 2, "first_invalid": None}

    async def test_second_extension_is_refused(self, zhifa: Platform) -> None:
        """行政强制法第二十五条: 30 + 30 days at most, extended once."""
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        assert (await self.extend(zhifa, agency, case, measure, 10)).status_code == 200
        resp = await self.extend(zhifa, agency, case, measure, 10, "2026-04-15")
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-extension-refused"
        assert resp.json()["rule"] == "行政强制法第二十五条"

    async def test_extension_beyond_thirty_days_is_refused(self, zhifa: Platform) -> None:
        """行政强制法第二十五条: seizure past 30 + 30 days."""
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await self.extend(zhifa, agency, case, measure, 31)
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-extension-refused"
        assert resp.json()["rule"] == "行政强制法第二十五条"

    async def test_extension_after_the_period_ended_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await self.extend(zhifa, agency, case, measure, 10, "2026-04-10")
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-extension-refused"
        assert resp.json()["rule"] == "行政强制法第二十五条"

    async def test_unknown_measure_is_404(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        resp = await self.extend(zhifa, agency, case,
                                 {"id": "00000000-0000-0000-0000-000000000001"}, 10)
        assert resp.status_code == 404
        assert resp.json()["type"] == P + "measure-not-found"


class TestAppraisalPeriods:
    async def test_notified_appraisal_days_are_excluded(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/appraisals",
            headers=agency.headers(zhifa), json={
                "kind": "testing", "started_on": "2026-03-15", "ended_on": "2026-03-19",
                "notified_on": "2026-03-15"})
        assert resp.status_code == 201, resp.text
        assert resp.json()["excluded_days"] == 5
        assert resp.json()["ends_on"] == "2026-04-14"
        assert len(resp.json()["appraisals"]) == 1

    async def test_period_ending_before_it_starts_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/appraisals",
            headers=agency.headers(zhifa), json={
                "kind": "testing", "started_on": "2026-03-15", "ended_on": "2026-03-14",
                "notified_on": "2026-03-15"})
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "coercion-period-invalid"
        assert resp.json()["rule"] == "行政强制法第二十五条第三款"


class TestReleaseAndDispose:
    async def test_release_returns_the_items(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/release",
            headers=agency.headers(zhifa), json={"released_on": "2026-03-20",
                                                 "ground": "no_longer_needed"})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "released" and resp.json()["overdue"] is False
        assert {i["status"] for i in resp.json()["items"]} == {"returned"}
        again = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/release",
            headers=agency.headers(zhifa), json={"released_on": "2026-03-21",
                                                 "ground": "no_longer_needed"})
        assert again.status_code == 409
        assert again.json()["type"] == P + "coercion-not-allowed"
        assert again.json()["rule"] == "行政强制法第二十五条"

    async def test_disposal_of_every_item_ends_the_measure(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/dispose",
            headers=agency.headers(zhifa), json={
                "disposed_on": "2026-04-01", "basis": "行政强制法第二十七条",
                "items": [{"item_id": i["id"], "disposition": "confiscated"}
                          for i in measure["items"]]})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "disposed"
        assert {i["status"] for i in resp.json()["items"]} == {"confiscated"}

    async def test_disposal_after_the_period_is_refused(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        resp = await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/dispose",
            headers=agency.headers(zhifa), json={
                "disposed_on": "2026-04-10", "basis": "行政强制法第二十七条",
                "items": [{"item_id": measure["items"][0]["id"], "disposition": "destroyed"}]})
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-not-allowed"
        assert resp.json()["rule"] == "行政强制法第二十七条、第二十八条"


class TestEmergencyApproval:
    async def approve(self, zhifa: Platform, agency: Agency, case: Any,
                      measure: dict[str, Any], at: str, approved: bool = True) -> Any:
        return await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{measure['id']}/approve",
            headers=agency.headers(zhifa), json={"approver_id": agency.officers[0],
                                                 "approved": approved, "approved_at": at})

    async def test_approval_within_24_hours(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case, approver_id=None, emergency=True,
                              started_at="2026-03-10T02:00:00Z")
        assert measure["approval_due_at"].startswith("2026-03-11T02:00:00")
        resp = await self.approve(zhifa, agency, case, measure, "2026-03-11T01:00:00Z")
        assert resp.status_code == 200, resp.text
        assert resp.json()["approver_id"] == agency.officers[0]

    async def test_approval_after_24_hours_is_refused(self, zhifa: Platform) -> None:
        """行政强制法第十九条."""
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case, approver_id=None, emergency=True,
                              started_at="2026-03-10T02:00:00Z")
        resp = await self.approve(zhifa, agency, case, measure, "2026-03-11T03:00:00Z")
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "coercion-approval-late"
        assert resp.json()["rule"] == "行政强制法第十九条"

    async def test_refused_approval_releases_at_once(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case, approver_id=None, emergency=True,
                              started_at="2026-03-10T02:00:00Z")
        resp = await self.approve(zhifa, agency, case, measure, "2026-03-10T05:00:00Z", False)
        assert resp.status_code == 200
        assert resp.json()["status"] == "released"
        assert resp.json()["release_ground"] == "approval_refused"


class TestListCoerciveMeasures:
    async def test_overdue_filter_and_item_statistics(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        await start(zhifa, agency, case)
        released = await start(zhifa, agency, case, kind="seal")
        await zhifa.client.post(
            f"{BASE}/cases/{case.id}/coercive-measures/{released['id']}/release",
            headers=agency.headers(zhifa), json={"released_on": "2026-03-20",
                                                 "ground": "no_violation"})
        resp = await zhifa.client.get(f"{BASE}/coercive-measures?overdue=true",
                                      headers=agency.headers(zhifa))
        assert resp.status_code == 200
        assert [m["kind"] for m in resp.json()["items"]] == ["seize"]
        stats = await zhifa.client.get(f"{BASE}/coercive-measures/statistics?year=2026",
                                       headers=agency.headers(zhifa))
        assert stats.json() == [{"agency_id": agency.id, "year": 2026, "measures": 2,
                                 "items": 4, "seized_items": 2, "sealed_items": 2}]

    async def test_other_agency_sees_nothing(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        other = await agency_with_officers(zhifa, n=0, region_code="500112101")
        resp = await zhifa.client.get(f"{BASE}/coercive-measures",
                                      headers=other.headers(zhifa))
        assert resp.json()["items"] == []
        one = await zhifa.client.get(f"{BASE}/coercive-measures/{measure['id']}",
                                     headers=other.headers(zhifa))
        assert one.status_code == 404

    async def test_supervisor_sees_the_region(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        await start(zhifa, agency, case)
        sup = zhifa.headers("supervisor", region_code="500112")
        resp = await zhifa.client.get(f"{BASE}/coercive-measures", headers=sup)
        assert len(resp.json()["items"]) == 1

    async def test_requires_token(self, zhifa: Platform) -> None:
        assert (await zhifa.client.get(f"{BASE}/coercive-measures")).status_code == 401


@pytest.mark.parametrize("days,expected", [(0, date(2026, 4, 9)), (30, date(2026, 5, 9))])
def test_measure_end_is_calendar_days(days: int, expected: date) -> None:
    from common.calendar import WorkingCalendar
    from services.cases.coercion.service import measure_end

    assert measure_end(WorkingCalendar(), date(2026, 3, 10), days, 0).due_on == expected


class TestOnSiteProcedureAndScope:
    """Issue 16 point 13: 行政强制法第十八条第三项至第九项 as a checklist, 第二十三条 as
    attestations; a missing step is refused naming its item."""

    @pytest.mark.parametrize(("over", "rule"), [
        ({"credentials_shown": False}, "行政强制法第十八条第三项"),
        ({"party_notified": False}, "行政强制法第十八条第四项"),
        ({"reasons_and_remedies_told": False}, "行政强制法第十八条第五项"),
        ({"party_heard": False}, "行政强制法第十八条第六项"),
        ({"record_made": False}, "行政强制法第十八条第七项"),
        ({"party_signed": False}, "行政强制法第十八条第八项"),
        ({"party_present": False, "party_heard": False}, "行政强制法第十八条第九项"),
    ])
    async def test_missing_step_is_refused(self, zhifa: Platform, over: dict[str, Any],
                                           rule: str) -> None:
        agency, case = await setup(zhifa)
        resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                       headers=agency.headers(zhifa),
                                       json=body(agency, on_site={**ON_SITE, **over}))
        assert resp.status_code == 422, resp.text
        assert resp.json()["type"] == P + "coercion-procedure-incomplete"
        assert resp.json()["rule"] == rule

    async def test_scope_attestations_and_recorded_checklist(self, zhifa: Platform) -> None:
        agency, case = await setup(zhifa)
        for over, rule in (({"no_living_necessities": False}, "行政强制法第二十三条第一款"),
                           ({"not_sealed_by_other_organ": False}, "行政强制法第二十三条第二款")):
            resp = await zhifa.client.post(f"{BASE}/cases/{case.id}/coercive-measures",
                                           headers=agency.headers(zhifa),
                                           json=body(agency, scope={**SCOPE, **over}))
            assert resp.status_code == 422, resp.text
            assert resp.json()["type"] == P + "coercion-procedure-incomplete"
            assert resp.json()["rule"] == rule
        absent = {**ON_SITE, "party_present": False, "party_heard": False,
                  "party_signed": False, "witness_name": "村委会王五"}
        measure = await start(zhifa, agency, case, on_site=absent)
        assert measure["on_site"]["witness_name"] == "村委会王五"
        assert measure["scope_attestations"] == SCOPE


class TestAutomaticRelease:
    async def test_expired_measure_is_released_with_items_returned(
            self, zhifa: Platform) -> None:
        """行政强制法第二十八条第一款第四项: the period ended (2026-04-09) with no decision."""
        from services.cases.coercion.release import release_expired

        agency, case = await setup(zhifa)
        measure = await start(zhifa, agency, case)
        async with zhifa.session("cases") as s:
            assert await release_expired(s, date(2026, 4, 9)) == 0  # last day: still running
            assert await release_expired(s, date(2026, 4, 10)) == 1  # the one measure
            await s.commit()
        got = (await zhifa.client.get(f"{BASE}/coercive-measures/{measure['id']}",
                                      headers=agency.headers(zhifa))).json()
        assert (got["status"], got["release_ground"], got["released_on"]) == (
            "released", "period_expired", "2026-04-10")
        assert {i["status"] for i in got["items"]} == {"returned"}
        assert (await actions(zhifa, case.id))[-1] == "coercion.released"
