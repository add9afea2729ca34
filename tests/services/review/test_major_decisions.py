"""重大执法决定目录: the rule cases asks about (行政处罚法第五十八条, 118号)."""

from __future__ import annotations

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/major-decision-checks"


def check(helpers, **kw) -> dict:
    body = {"agency_id": str(helpers.AGENCY), "region_code": "500112100",
            "party_kind": "person", "penalties": [], "hearing_held": False,
            "outside_discretion": False, "transfer_judicial": False, "complex_case": False,
            "major_public_interest": False}
    body.update(kw)
    return body


class TestCheckMajorDecision:
    async def test_person_fine_at_default_threshold_is_major(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers, penalties=[
            {"kind": "fine", "amount": "10000.00"}]), headers=zhifa.headers("service"))
        assert resp.status_code == 200
        body = resp.json()
        assert body["required"] is True and body["catalogue_name"] == "默认重大执法决定目录"
        assert "10000.00元" in body["reasons"][0]

    async def test_person_fine_below_threshold_is_not_major(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers, penalties=[
            {"kind": "fine", "amount": "9999.99"}]), headers=zhifa.headers("service"))
        assert resp.json() == {"required": False, "reasons": [], "catalogue_id": None,
                               "catalogue_name": "默认重大执法决定目录"}

    async def test_organisation_threshold_is_higher(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers, party_kind="organization", penalties=[
            {"kind": "fine", "amount": "50000.00"}]), headers=zhifa.headers("service"))
        assert resp.json()["required"] is False

    async def test_licence_revocation_and_hearing_are_major(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers, hearing_held=True, penalties=[
            {"kind": "license_revocation"}]), headers=zhifa.headers("officer"))
        assert resp.json()["reasons"] == ["拟吊销许可证件", "经过听证程序（行政处罚法第五十八条）"]

    async def test_art58_triggers(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(
            helpers, major_public_interest=True, complex_case=True, transfer_judicial=True,
            outside_discretion=True), headers=zhifa.headers("service"))
        assert len(resp.json()["reasons"]) == 4

    async def test_agency_catalogue_overrides_the_default(self, zhifa, review, helpers):
        created = await review.post("/api/v1/review/major-decision-catalogues", json={
            "name": "某街道重大执法决定目录", "agency_id": str(helpers.AGENCY),
            "rules": {"person_fine_threshold": "5000.00",
                      "organization_fine_threshold": "50000.00"}},
            headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert created.status_code == 201 and created.json()["version"] == 1
        assert created.json()["rules"]["person_fine_threshold"] == "5000.00"
        resp = await review.post(URL, json=check(helpers, penalties=[
            {"kind": "fine", "amount": "6000.00"}]), headers=zhifa.headers("service"))
        assert resp.json()["required"] is True
        assert resp.json()["catalogue_id"] == created.json()["id"]

    async def test_region_catalogue_applies_to_its_towns(self, zhifa, review, helpers):
        await review.post("/api/v1/review/major-decision-catalogues", json={
            "name": "区级目录", "region_code": "500112",
            "rules": {"person_fine_threshold": "2000.00", "after_hearing": False}},
            headers=zhifa.headers("supervisor", region_code="500112"))
        resp = await review.post(URL, json=check(helpers, hearing_held=True, penalties=[
            {"kind": "fine", "amount": "2000.00"}]), headers=zhifa.headers("service"))
        assert resp.json()["required"] is True and len(resp.json()["reasons"]) == 1

    async def test_newer_catalogue_version_wins(self, zhifa, review, helpers):
        for threshold in ("1000.00", "3000.00"):
            resp = await review.post("/api/v1/review/major-decision-catalogues", json={
                "name": "目录", "agency_id": str(helpers.AGENCY),
                "rules": {"person_fine_threshold": threshold}},
                headers=zhifa.headers("sysadmin"))
        assert resp.json()["version"] == 2
        resp = await review.post(URL, json=check(helpers, penalties=[
            {"kind": "fine", "amount": "2000.00"}]), headers=zhifa.headers("service"))
        assert resp.json()["required"] is False

    async def test_bad_amount_is_a_validation_problem(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers, penalties=[
            {"kind": "fine", "amount": "1.234"}]), headers=zhifa.headers("service"))
        assert resp.status_code == 422 and resp.json()["type"] == P + "validation-error"

    async def test_requires_a_token(self, review, helpers):
        resp = await review.post(URL, json=check(helpers))
        assert resp.status_code == 401

    async def test_other_roles_are_refused(self, zhifa, review, helpers):
        resp = await review.post(URL, json=check(helpers), headers=zhifa.headers("guest"))
        assert resp.status_code == 403


class TestCreateCatalogue:
    async def test_agency_admin_cannot_set_another_agency(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/major-decision-catalogues", json={
            "name": "x", "agency_id": str(helpers.OTHER_AGENCY), "rules": {}},
            headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403 and resp.json()["type"] == P + "catalogue-scope-denied"

    async def test_needs_exactly_one_owner(self, zhifa, review):
        resp = await review.post("/api/v1/review/major-decision-catalogues", json={
            "name": "x", "rules": {}}, headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 422

    async def test_requires_a_token(self, review):
        resp = await review.post("/api/v1/review/major-decision-catalogues", json={})
        assert resp.status_code == 401

    async def test_officers_are_refused(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/major-decision-catalogues", json={},
                                 headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403
