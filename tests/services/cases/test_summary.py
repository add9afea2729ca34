"""当场处罚 (简易程序, 行政处罚法第五十一条–第五十二条) through the gateway."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from factories_extra import (
    Agency,
    agency_with_officers,
    create_matter,
    create_officer,
    make_id_number,
    make_uscc,
)
from harness import Platform
from sqlalchemy import select

from services.cases.models import Case, platform
from services.cases.timeline.models import TimelineEntry

P = "https://zhifa.dev/problems/"
URL = "/api/v1/cases/summary-decisions"


def person() -> dict[str, Any]:
    return {"kind": "person", "name": "李四", "id_number": make_id_number(),
            "address": "木耳镇人民路1号", "phone": "13800000000"}


def organization() -> dict[str, Any]:
    return {"kind": "organization", "name": "木耳镇某某商店", "uscc": make_uscc()}


def body(agency: Agency, matter: Any, **over: Any) -> dict[str, Any]:
    data = {"matter_id": str(matter.id), "party": person(),
            "penalty": {"kind": "fine", "amount": "200.00"},
            "officer_ids": agency.officers[:2], "facts": "占道摆摊经营，经劝阻拒不改正",
            "decided_at": "2026-11-20T02:00:00Z", "place": "木耳镇人民路"}
    return {**data, **over}


async def setup(zhifa: Platform, source: str = "statutory") -> tuple[Agency, Any]:
    agency = await agency_with_officers(zhifa)
    return agency, await create_matter(zhifa, agency, source=source)


async def decide(zhifa: Platform, agency: Agency, matter: Any, **over: Any) -> Any:
    return await zhifa.client.post(URL, headers=agency.headers(zhifa),
                                   json=body(agency, matter, **over))


class TestCreateSummaryDecision:
    async def test_fine_of_200_yuan_for_a_person_is_decided_and_filed(
            self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter)
        assert resp.status_code == 201, resp.text
        data = resp.json()
        assert data["document_number"] == "木耳综执当罚〔2026〕00001号"
        assert data["penalty"] == {"kind": "fine", "amount": "200.00"}
        assert data["procedure"] == "summary" and data["status"] == "served"
        assert data["decided_on"] == "2026-11-20"
        assert all(o["certificate_numbers"] for o in data["officers"])
        assert data["party"]["id_number"].count("*") == 8
        async with zhifa.session("cases") as s:
            case = await s.get(Case, uuid.UUID(data["case_id"]))
            assert (case.procedure, case.decision_number, case.fine_fen) == (
                "summary", data["document_number"], 20_000)
            actions = (await s.scalars(select(TimelineEntry.action).where(
                TimelineEntry.case_id == case.id))).all()
            assert list(actions) == ["summary_decision"]
            events = (await s.scalars(select(platform.Outbox).where(
                platform.Outbox.event_type == "case.decided"))).all()
        payload = events[0].payload
        assert payload["procedure"] == "summary" and payload["fine_fen"] == 20_000
        assert payload["document_number"] == data["document_number"]
        assert payload["party"]["name"] == "李四"

    async def test_summary_case_is_paid_and_closed_like_any_other(
            self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        case_id = (await decide(zhifa, agency, matter)).json()["case_id"]
        paid = await zhifa.client.post(f"/api/v1/cases/cases/{case_id}/payments",
                                       headers=agency.headers(zhifa),
                                       json={"amount": "200.00", "paid_on": "2026-11-25"})
        assert paid.status_code == 201, paid.text
        closed = await zhifa.client.post(f"/api/v1/cases/cases/{case_id}/close",
                                         headers=agency.headers(zhifa), json={})
        assert closed.status_code == 200, closed.text
        assert closed.json()["status"] == "closed"

    async def test_numbers_follow_each_other(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        await decide(zhifa, agency, matter)
        resp = await decide(zhifa, agency, matter)
        assert resp.json()["document_number"] == "木耳综执当罚〔2026〕00002号"

    async def test_fine_over_200_yuan_for_a_person_is_refused(self, zhifa: Platform) -> None:
        """行政处罚法第五十一条: 二百元以下 for a 公民."""
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, penalty={"kind": "fine", "amount": "200.01"})
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "summary-procedure-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第五十一条"

    async def test_fine_of_3000_yuan_for_an_organization_is_allowed(
            self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, party=organization(),
                            penalty={"kind": "fine", "amount": "3000.00"})
        assert resp.status_code == 201, resp.text

    async def test_fine_over_3000_yuan_for_an_organization_is_refused(
            self, zhifa: Platform) -> None:
        """行政处罚法第五十一条: 三千元以下 for a 法人或者其他组织."""
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, party=organization(),
                            penalty={"kind": "fine", "amount": "3000.01"})
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "summary-procedure-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第五十一条"

    async def test_confiscation_is_refused(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter,
                            penalty={"kind": "confiscation", "amount": "10.00"})
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "summary-procedure-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第五十一条"

    async def test_unclear_facts_are_refused(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, facts_clear=False)
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "summary-procedure-not-allowed"
        assert resp.json()["rule"] == "行政处罚法第五十一条"

    async def test_warning_is_executed_on_the_spot(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, penalty={"kind": "warning"})
        assert resp.status_code == 201
        assert resp.json()["status"] == "executed"

    async def test_fine_collected_on_the_spot_is_executed(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, penalty={"kind": "fine", "amount": "50"},
                            collected_on_spot=True, receipt_number="渝财0001")
        assert resp.status_code == 201
        assert resp.json()["status"] == "executed"

    async def test_one_officer_is_refused(self, zhifa: Platform) -> None:
        """行政处罚法第四十二条 applies to the simple procedure too."""
        agency, matter = await setup(zhifa)
        resp = await decide(zhifa, agency, matter, officer_ids=agency.officers[:1])
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "officers-not-qualified"
        assert resp.json()["rule"] == "行政处罚法第四十二条、第五十二条"

    async def test_expired_certificate_is_refused(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        from datetime import date
        expired = await create_officer(zhifa, agency, expires_on=date(2026, 6, 30))
        resp = await decide(zhifa, agency, matter,
                            officer_ids=[agency.officers[0], expired])
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "officers-not-qualified"
        assert resp.json()["rule"] == "行政处罚法第四十二条、第五十二条"
        bad = [o for o in resp.json()["officers"] if not o["qualified"]]
        assert [o["officer_id"] for o in bad] == [expired]

    async def test_printed_number_can_be_used_once(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        first = await decide(zhifa, agency, matter, document_number="No.0012345")
        assert first.status_code == 201
        assert first.json()["document_number"] == "No.0012345"
        again = await decide(zhifa, agency, matter, document_number="No.0012345")
        assert again.status_code == 409
        assert again.json()["type"] == P + "document-number-taken"

    async def test_entrusted_matter_without_agreement_is_refused(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        owner = await agency_with_officers(zhifa, n=0, region_code="500112")
        matter = await create_matter(zhifa, owner, source="entrusted")
        resp = await decide(zhifa, agency, matter)
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "entrustment-agreement-required"
        assert resp.json()["rule"] == "行政处罚法第二十条"

    async def test_another_agencys_matter_is_refused(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        owner = await agency_with_officers(zhifa, n=0, region_code="500112101")
        resp = await decide(zhifa, agency, await create_matter(zhifa, owner))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "matter-not-held"
        assert resp.json()["rule"] == "行政处罚法第二十四条（权责清单/赋权事项）"

    async def test_requires_token(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        assert (await zhifa.client.post(URL, json=body(agency, matter))).status_code == 401

    async def test_supervisor_is_forbidden(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await zhifa.client.post(URL, headers=zhifa.headers("supervisor",
                                                                  region_code="500112"),
                                       json=body(agency, matter))
        assert resp.status_code == 403


class TestReadSummaryDecisions:
    async def test_list_and_get_in_scope(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        created = (await decide(zhifa, agency, matter)).json()
        listed = await zhifa.client.get(URL, headers=agency.headers(zhifa))
        assert [d["id"] for d in listed.json()["items"]] == [created["id"]]
        one = await zhifa.client.get(f"{URL}/{created['id']}", headers=agency.headers(zhifa))
        assert one.json()["document_number"] == created["document_number"]

    async def test_other_agency_gets_404(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        created = (await decide(zhifa, agency, matter)).json()
        other = await agency_with_officers(zhifa, n=0, region_code="500112101")
        resp = await zhifa.client.get(f"{URL}/{created['id']}", headers=other.headers(zhifa))
        assert resp.status_code == 404
        assert resp.json()["type"] == P + "summary-decision-not-found"
        listed = await zhifa.client.get(URL, headers=other.headers(zhifa))
        assert listed.json()["items"] == []

    async def test_requires_token(self, zhifa: Platform) -> None:
        assert (await zhifa.client.get(URL)).status_code == 401


class TestSummaryNumbering:
    async def test_agency_pattern_is_used(self, zhifa: Platform) -> None:
        agency, matter = await setup(zhifa)
        resp = await zhifa.client.put(f"{URL}/numbering",
                                      headers=agency.headers(zhifa, "agency_admin"),
                                      json={"pattern": "{prefix}简〔{year}〕{seq}号"})
        assert resp.status_code == 200, resp.text
        assert resp.json()["example"].startswith("木耳综执简〔")
        created = await decide(zhifa, agency, matter)
        assert created.json()["document_number"] == "木耳综执简〔2026〕1号"

    async def test_pattern_without_sequence_is_refused(self, zhifa: Platform) -> None:
        agency, _ = await setup(zhifa)
        resp = await zhifa.client.put(f"{URL}/numbering",
                                      headers=agency.headers(zhifa, "agency_admin"),
                                      json={"pattern": "{prefix}简〔{year}〕号"})
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "numbering-pattern-invalid"

    async def test_officer_is_forbidden(self, zhifa: Platform) -> None:
        agency, _ = await setup(zhifa)
        resp = await zhifa.client.put(f"{URL}/numbering", headers=agency.headers(zhifa),
                                      json={"pattern": "{prefix}简〔{year}〕{seq}号"})
        assert resp.status_code == 403

    async def test_requires_token(self, zhifa: Platform) -> None:
        resp = await zhifa.client.put(f"{URL}/numbering", json={"pattern": "{seq}号码格式"})
        assert resp.status_code == 401


class TestSummaryRefusal:
    """行政处罚法第五十一条 limits, exactly (分)."""

    @pytest.mark.parametrize("party,kind,fen,allowed", [
        ("person", "fine", 20_000, True), ("person", "fine", 20_001, False),
        ("organization", "fine", 300_000, True), ("organization", "fine", 300_001, False),
        ("person", "warning", 0, True), ("person", "warning", 100, False),
        ("person", "fine", 0, False), ("organization", "license_suspension", 0, False)])
    def test_limits(self, party: str, kind: str, fen: int, allowed: bool) -> None:
        from services.cases.summary.service import summary_refusal

        assert (summary_refusal(party, kind, fen, True) is None) is allowed
