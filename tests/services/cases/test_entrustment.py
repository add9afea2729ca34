"""委托协议 (行政处罚法第二十条–第二十一条): registration, publication, filing, evaluation,
termination, and the agreement check used at 立案 and in the summary procedure."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from factories_extra import (
    Agency,
    agency_with_officers,
    create_agency,
    create_matter,
    make_uscc,
    summary_request,
)
from harness import Platform

from services.cases.entrustment.errors import EntrustmentAgreementRequired
from services.cases.entrustment.service import require_valid_agreement
from services.cases.models import Case

P = "https://zhifa.dev/problems/"
URL = "/api/v1/cases/entrustment-agreements"


async def world(zhifa: Platform) -> tuple[Agency, Agency, Any]:
    """A district department (委托机关) owning an entrusted matter, and a township team."""
    town = await agency_with_officers(zhifa)
    dept = await create_agency(zhifa, region_code="500112", name="区城市管理局")
    matter = await create_matter(zhifa, dept, source="entrusted")
    return town, dept, matter


def body(dept: Agency, town: Agency, matter: Any, **over: Any) -> dict[str, Any]:
    data = {"number": "区城管委〔2026〕1号", "delegating_agency_id": dept.id,
            "delegating_agency_name": dept.name, "agency_name": town.name,
            "matter_ids": [str(matter.id)], "powers": "以区城市管理局名义实施占道经营行政处罚",
            "valid_from": "2026-01-01", "valid_until": "2027-12-31",
            "published_on": "2026-01-05", "publication_ref": "区政府网站2026-01-05公告"}
    return {**data, **over}


def admin(zhifa: Platform, agency: Agency) -> dict[str, str]:
    return agency.headers(zhifa, "agency_admin")


async def create(zhifa: Platform, town: Agency, dept: Agency, matter: Any,
                 **over: Any) -> dict[str, Any]:
    resp = await zhifa.client.post(URL, headers=admin(zhifa, town),
                                   json=body(dept, town, matter, **over))
    assert resp.status_code == 201, resp.text
    return resp.json()


class TestCreateAgreement:
    async def test_agency_admin_registers_an_agreement(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        data = await create(zhifa, town, dept, matter)
        assert data["agency_id"] == town.id and data["region_code"] == town.region_code
        assert data["matter_ids"] == [str(matter.id)]
        assert (data["status"], data["filing_status"]) == ("active", "unfiled")

    async def test_statutory_matter_cannot_be_entrusted(self, zhifa: Platform) -> None:
        town, dept, _ = await world(zhifa)
        statutory = await create_matter(zhifa, dept)
        resp = await zhifa.client.post(URL, headers=admin(zhifa, town),
                                       json=body(dept, town, statutory))
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "agreement-invalid"

    async def test_term_ending_before_it_starts_is_refused(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        resp = await zhifa.client.post(URL, headers=admin(zhifa, town), json=body(
            dept, town, matter, valid_until="2025-12-31"))
        assert resp.status_code == 422
        assert resp.json()["type"] == P + "agreement-invalid"
        assert resp.json()["rule"] == "行政处罚法第二十条"

    async def test_sub_delegation_is_refused(self, zhifa: Platform) -> None:
        """行政处罚法第二十条第三款: 受委托组织不得再委托."""
        town, dept, matter = await world(zhifa)
        await create(zhifa, town, dept, matter)
        other = await create_agency(zhifa, region_code="500112101")
        resp = await zhifa.client.post(URL, headers=admin(zhifa, other), json=body(
            town, other, matter, delegating_agency_id=town.id,
            delegating_agency_name=town.name))
        assert resp.status_code == 422
        assert resp.json()["rule"] == "行政处罚法第二十条第三款"

    async def test_number_is_unique_per_agency(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        await create(zhifa, town, dept, matter)
        resp = await zhifa.client.post(URL, headers=admin(zhifa, town),
                                       json=body(dept, town, matter))
        assert resp.status_code == 409

    async def test_officer_is_forbidden(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        resp = await zhifa.client.post(URL, headers=town.headers(zhifa),
                                       json=body(dept, town, matter))
        assert resp.status_code == 403

    async def test_requires_token(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        assert (await zhifa.client.post(URL, json=body(dept, town, matter))).status_code == 401


class TestReadAgreements:
    async def test_both_sides_and_the_region_see_it_others_do_not(
            self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        created = await create(zhifa, town, dept, matter)
        for headers in (town.headers(zhifa), dept.headers(zhifa),
                        zhifa.headers("supervisor", region_code="500112")):
            listed = await zhifa.client.get(f"{URL}?matter_id={matter.id}&valid_on=2026-06-01",
                                            headers=headers)
            assert [a["id"] for a in listed.json()["items"]] == [created["id"]]
        other = await create_agency(zhifa, region_code="500112101")
        listed = await zhifa.client.get(URL, headers=other.headers(zhifa))
        assert listed.json()["items"] == []
        one = await zhifa.client.get(f"{URL}/{created['id']}", headers=other.headers(zhifa))
        assert one.status_code == 404
        assert one.json()["type"] == P + "agreement-not-found"

    async def test_valid_on_filter_excludes_other_terms(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        await create(zhifa, town, dept, matter)
        listed = await zhifa.client.get(f"{URL}?valid_on=2028-01-01",
                                        headers=town.headers(zhifa))
        assert listed.json()["items"] == []

    async def test_requires_token(self, zhifa: Platform) -> None:
        assert (await zhifa.client.get(URL)).status_code == 401


class TestAgreementActions:
    async def test_filing_evaluation_and_termination(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        agreement = await create(zhifa, town, dept, matter)
        base = f"{URL}/{agreement['id']}"
        filed = await zhifa.client.post(f"{base}/filing", headers=admin(zhifa, town),
                                        json={"filed_on": "2026-01-10",
                                              "filing_ref": "区司法局备案2026-3"})
        assert filed.json()["filing_status"] == "filed"
        again = await zhifa.client.post(f"{base}/filing", headers=admin(zhifa, town),
                                        json={"filed_on": "2026-01-11", "filing_ref": "x"})
        assert again.status_code == 409
        evaluation = {"year": 2026, "result": "qualified", "evaluated_on": "2026-12-20"}
        first = await zhifa.client.post(f"{base}/evaluations", headers=admin(zhifa, town),
                                        json=evaluation)
        assert first.status_code == 201
        dup = await zhifa.client.post(f"{base}/evaluations", headers=admin(zhifa, town),
                                      json=evaluation)
        assert dup.status_code == 409
        ended = await zhifa.client.post(f"{base}/terminate", headers=admin(zhifa, town),
                                        json={"terminated_on": "2026-12-31",
                                              "reason": "机构改革，收回委托"})
        assert ended.json()["status"] == "terminated"
        assert [e["year"] for e in ended.json()["evaluations"]] == [2026]
        late = await zhifa.client.post(f"{base}/publication", headers=admin(zhifa, town),
                                       json={"published_on": "2027-01-01",
                                             "publication_ref": "x"})
        assert late.status_code == 409
        assert late.json()["type"] == P + "agreement-not-active"
        assert late.json()["rule"] == "行政处罚法第二十条"

    async def test_officer_cannot_terminate(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        agreement = await create(zhifa, town, dept, matter)
        resp = await zhifa.client.post(f"{URL}/{agreement['id']}/terminate",
                                       headers=town.headers(zhifa),
                                       json={"terminated_on": "2026-12-31", "reason": "收回"})
        assert resp.status_code == 403

    async def test_terminate_requires_token(self, zhifa: Platform) -> None:
        resp = await zhifa.client.post(f"{URL}/{uuid.uuid4()}/terminate",
                                       json={"terminated_on": "2026-12-31", "reason": "收回"})
        assert resp.status_code == 401


class TestRequireValidAgreement:
    """行政处罚法第二十条: the agreement must cover the matter on the date and be published."""

    @pytest.mark.parametrize("over,on,reason", [
        ({}, date(2028, 1, 1), "到期"),
        ({}, date(2025, 12, 31), "起生效"),
        ({"published_on": None}, date(2026, 6, 1), "未向社会公布"),
    ])
    async def test_refusals_name_the_reason(self, zhifa: Platform, over: dict[str, Any],
                                            on: date, reason: str) -> None:
        town, dept, matter = await world(zhifa)
        await create(zhifa, town, dept, matter, **over)
        async with zhifa.session("cases") as session:
            with pytest.raises(EntrustmentAgreementRequired) as caught:
                await require_valid_agreement(session, matter, town.id, on)
        assert caught.value.extensions["rule"] == "行政处罚法第二十条"
        assert any(reason in r for r in caught.value.extensions["reasons"])

    async def test_valid_agreement_is_returned(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        created = await create(zhifa, town, dept, matter)
        async with zhifa.session("cases") as session:
            agreement = await require_valid_agreement(session, matter, town.id,
                                                      date(2026, 6, 1))
        assert str(agreement.id) == created["id"]
        assert agreement.delegating_agency_name == "区城市管理局"

    async def test_summary_decision_is_made_in_the_delegating_name(
            self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        await create(zhifa, town, dept, matter)
        resp = await zhifa.client.post("/api/v1/cases/summary-decisions",
                                       headers=town.headers(zhifa),
                                       json=summary_request(town, matter))
        assert resp.status_code == 201, resp.text
        assert resp.json()["deciding_agency"]["name"] == "区城市管理局"

    async def test_terminated_agreement_no_longer_covers_summary_decisions(
            self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        agreement = await create(zhifa, town, dept, matter)
        await zhifa.client.post(f"{URL}/{agreement['id']}/terminate",
                                headers=admin(zhifa, town),
                                json={"terminated_on": "2026-10-31", "reason": "收回委托"})
        resp = await zhifa.client.post("/api/v1/cases/summary-decisions",
                                       headers=town.headers(zhifa),
                                       json=summary_request(town, matter))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "entrustment-agreement-required"
        assert resp.json()["rule"] == "行政处罚法第二十条"


class TestFilingOnEntrustedMatter:
    """cases-core's `/file` asks `require_valid_agreement` for entrusted matters."""

    async def lead(self, zhifa: Platform, town: Agency, matter: Any) -> str:
        resp = await zhifa.client.post("/api/v1/cases/cases", headers=town.headers(zhifa), json={
            "matter_id": str(matter.id), "source": "inspection", "act_date": "2026-03-01",
            "discovered_on": "2026-03-02", "facts": "在人行道上摆摊经营",
            "party": {"kind": "organization", "name": "某某商店", "uscc": make_uscc()}})
        assert resp.status_code == 201, resp.text
        return resp.json()["id"]

    async def file(self, zhifa: Platform, town: Agency, case_id: str) -> Any:
        return await zhifa.client.post(
            f"/api/v1/cases/cases/{case_id}/file", headers=town.headers(zhifa),
            json={"officer_ids": town.officers[:2], "approver_id": town.officers[0],
                  "filed_on": "2026-03-03"})

    async def test_case_is_filed_in_the_delegating_name(self, zhifa: Platform) -> None:
        town, dept, matter = await world(zhifa)
        agreement = await create(zhifa, town, dept, matter)
        case_id = await self.lead(zhifa, town, matter)
        resp = await self.file(zhifa, town, case_id)
        assert resp.status_code == 200, resp.text
        async with zhifa.session("cases") as s:
            case = await s.get(Case, uuid.UUID(case_id))
        assert str(case.entrustment_id) == agreement["id"]
        assert case.matter_snapshot["deciding_agency"]["name"] == "区城市管理局"

    async def test_filing_without_agreement_is_refused(self, zhifa: Platform) -> None:
        town, _, matter = await world(zhifa)
        resp = await self.file(zhifa, town, await self.lead(zhifa, town, matter))
        assert resp.status_code == 409
        assert resp.json()["type"] == P + "entrustment-agreement-required"
        assert resp.json()["rule"] == "行政处罚法第二十条"
