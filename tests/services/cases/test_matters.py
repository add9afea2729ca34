"""执法事项清单: catalogue entries with versions, 裁量基准, soft enforcement, and the
“较大数额” hearing thresholds per agency/region (行政处罚法第六十三条)."""

from __future__ import annotations

from factories import DISTRICT, TOWN, C, problem, world
from harness import Platform


class TestCreateMatter:
    async def test_created_with_tiers_in_yuan(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        m = w.matter
        assert m["discretion_tiers"][1] == {"tier": "一般", "circumstances": "",
                                            "min_fine": "2000.00", "max_fine": "30000.00"}
        assert m["limitation_years"] == 2 and m["soft_enforcement"] is True

    async def test_grave_matter_has_five_years(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        m = await w.create_matter(life_health_or_financial=True)
        assert m["limitation_years"] == 5

    async def test_empowered_needs_decision_number(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/matters", headers=w.admin_headers(), json={
            "code": "E1", "name": "赋权事项", "source": "empowered", "domain": "x",
            "legal_basis": "某条", "agency_id": w.agency_id, "effective_from": "2026-01-01"})
        problem(resp, 422, "validation-error")

    async def test_other_agency_admin_is_403(self, zhifa: Platform) -> None:
        w, other = await world(zhifa), await world(zhifa)
        resp = await zhifa.client.post(f"{C}/matters", headers=other.admin_headers(), json={
            "code": "X1", "name": "n", "domain": "d", "legal_basis": "b",
            "agency_id": w.agency_id, "effective_from": "2026-01-01"})
        problem(resp, 403, "forbidden")

    async def test_officer_is_403(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/matters", headers=w.officer_headers(), json={})
        problem(resp, 403, "forbidden")


class TestListMatters:
    async def test_published_list_is_public(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        hidden = await w.create_matter(is_published=False)
        resp = await zhifa.client.get(f"{C}/matters?published=true")
        assert resp.status_code == 200
        codes = [m["code"] for m in resp.json()["items"]]
        assert w.matter["code"] in codes and hidden["code"] not in codes

    async def test_unpublished_needs_token(self, zhifa: Platform) -> None:
        resp = await zhifa.client.get(f"{C}/matters")
        problem(resp, 401, "unauthorized")

    async def test_scoped_list_shows_own_unpublished(self, zhifa: Platform) -> None:
        w, other = await world(zhifa), await world(zhifa)
        hidden = await w.create_matter(is_published=False)
        mine = [m["code"] for m in (await zhifa.client.get(
            f"{C}/matters", headers=w.officer_headers())).json()["items"]]
        theirs = [m["code"] for m in (await zhifa.client.get(
            f"{C}/matters", headers=other.officer_headers())).json()["items"]]
        assert hidden["code"] in mine and hidden["code"] not in theirs

    async def test_pages(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        await w.create_matter()
        await w.create_matter()
        p1 = (await zhifa.client.get(f"{C}/matters?limit=2",
                                     headers=w.officer_headers())).json()
        p2 = (await zhifa.client.get(f"{C}/matters?limit=2&cursor={p1['next_cursor']}",
                                     headers=w.officer_headers())).json()
        assert len(p1["items"]) == 2 and len(p2["items"]) == 1 and p2["next_cursor"] is None


class TestVersions:
    async def test_case_keeps_version_it_was_opened_under(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/matters/{w.matter['id']}/versions",
                                       headers=w.admin_headers(), json={
                                           "effective_from": "2026-06-01",
                                           "penalty_basis": "新条例第九条"})
        assert resp.status_code == 201, resp.text
        v2 = resp.json()
        assert v2["series_id"] == w.matter["series_id"]
        old = (await zhifa.client.get(f"{C}/matters/{w.matter['id']}",
                                      headers=w.officer_headers())).json()
        assert old["effective_to"] == "2026-05-31"
        case = await w.filed()  # filed 2026-03-03: old version
        dossier = (await zhifa.client.get(f"{C}/cases/{case['id']}",
                                          headers=w.officer_headers())).json()
        assert dossier["matter"]["id"] == w.matter["id"]
        later = await w.lead(act_date="2026-06-02", discovered_on="2026-06-03")
        await w.act(later["id"], "file", {"officer_ids": w.officers[:2],
                                          "approver_id": w.officers[2],
                                          "filed_on": "2026-06-04"})
        assert (await w.get(later["id"]))["matter"]["id"] == v2["id"]

    async def test_version_must_be_later(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/matters/{w.matter['id']}/versions",
                                       headers=w.admin_headers(),
                                       json={"effective_from": "2019-01-01"})
        problem(resp, 409, "conflict")

    async def test_lead_outside_catalogue_period(self, zhifa: Platform) -> None:
        w = await world(zhifa, effective_from="2026-05-01")
        resp = await zhifa.client.post(f"{C}/cases", headers=w.officer_headers(),
                                       json=w.lead_body())
        refusal = problem(resp, 409, "matter-not-held")
        assert refusal["rule"] == "行政处罚法第二十四条（权责清单）"


class TestHearingThresholds:
    async def test_agency_threshold_changes_hearing_right(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/hearing-thresholds", headers=w.admin_headers(),
                                       json={"agency_id": w.agency_id, "person": "1000.00",
                                             "organization": "50000.00", "basis": "本机关规定"})
        assert resp.status_code == 201, resp.text
        case = await w.filed()
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "轻微",
            "penalties": [{"kind": "fine", "amount": "1000.00"}]})
        assert out["hearing_eligible"] is True

    async def test_region_threshold_from_supervisor(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        sup = zhifa.headers("supervisor", region_code=DISTRICT)
        resp = await zhifa.client.post(f"{C}/hearing-thresholds", headers=sup, json={
            "region_code": DISTRICT, "person": "500.00", "organization": "5000.00"})
        assert resp.status_code == 201, resp.text
        listed = (await zhifa.client.get(f"{C}/hearing-thresholds",
                                         headers=w.officer_headers())).json()
        assert listed[0]["person"] == "500.00"
        case = await w.filed()
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "轻微",
            "penalties": [{"kind": "fine", "amount": "600.00"}]})
        assert out["hearing_eligible"] is True

    async def test_another_regions_threshold_is_not_listed(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        other = zhifa.headers("supervisor", region_code="440300")
        resp = await zhifa.client.post(f"{C}/hearing-thresholds", headers=other, json={
            "region_code": "440300", "person": "100.00", "organization": "1000.00"})
        assert resp.status_code == 201, resp.text
        listed = (await zhifa.client.get(f"{C}/hearing-thresholds",
                                         headers=w.officer_headers())).json()
        assert listed == []

    async def test_default_threshold_without_rows(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "轻微",
            "penalties": [{"kind": "fine", "amount": "1000.00"}]})
        assert out["hearing_eligible"] is False

    async def test_officer_cannot_set_region_threshold(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/hearing-thresholds", headers=w.admin_headers(),
                                       json={"region_code": TOWN, "person": "1.00",
                                             "organization": "1.00"})
        problem(resp, 403, "forbidden")


class TestNoPenaltyOutcome:
    async def test_first_offence_no_penalty_needs_education(self, zhifa: Platform) -> None:
        """行政处罚法第三十三条: 不予处罚 with the education record, decided without notice."""
        w = await world(zhifa)
        case = await w.filed()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/conclude",
                                       headers=w.officer_headers(),
                                       json={"outcome": "no_penalty"})
        problem(resp, 422, "validation-error")
        await w.act(case["id"], "conclude", {"outcome": "no_penalty",
                                             "no_penalty_ground": "minor",
                                             "education_record": "已当场教育，当事人改正"})
        out = await w.act(case["id"], "decide", {"decided_on": "2026-03-10"})
        assert out["decision"]["kind"] == "no_penalty" and out["allowed_actions"] == [
            "serve", "revoke-decision"]  # 不予行政处罚决定书 is served too (第六十一条)
        await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-10"})
        assert (await w.act(case["id"], "close"))["status"] == "closed"
