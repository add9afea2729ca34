"""Staff records: GB 11643 validation, protected ID numbers masked by role, agency scoping."""

from typing import Any

import pytest
from sqlalchemy import text

World = Any
P = "/api/v1/personnel"
EXAMPLE_ID = "11010519491231002X"


async def _officer_with_example_id(world: World) -> dict[str, Any]:
    return await world.officer(world.town_a, id_number=EXAMPLE_ID, name="张三")


class TestCreateOfficer:
    async def test_agency_admin_registers_own_staff(self, world: World) -> None:
        resp = await world.client.post(f"{P}/officers", headers=world.headers(
            "agency_admin", world.town_a), json={
            "name": "李四", "id_number": EXAMPLE_ID, "agency_id": world.town_a["id"],
            "employment_type": "established"})
        assert resp.status_code == 201
        body = resp.json()
        assert body["id_number"] == EXAMPLE_ID and body["id_number_masked"] is False
        assert body["region_code"] == world.town_a["region_code"]
        assert body["status"] == "active" and body["is_auxiliary"] is False

    async def test_id_number_is_stored_encrypted(self, world: World) -> None:
        await _officer_with_example_id(world)
        async with world.zhifa.session("personnel") as session:
            stored = (await session.execute(text(
                "SELECT id_number_encrypted, id_number_index FROM officers"))).one()
        assert EXAMPLE_ID not in stored[0] and EXAMPLE_ID not in stored[1]

    async def test_rejects_a_corrupted_id_number(self, world: World) -> None:
        resp = await world.client.post(f"{P}/officers", headers=world.sys, json={
            "name": "王五", "id_number": "110105194912310021", "agency_id": world.town_a["id"],
            "employment_type": "established"})
        assert resp.status_code == 422
        assert "校验位" in resp.json()["errors"][0]["message"]

    async def test_rejects_a_duplicate_id_number(self, world: World) -> None:
        await _officer_with_example_id(world)
        resp = await world.client.post(f"{P}/officers", headers=world.sys, json={
            "name": "张三", "id_number": EXAMPLE_ID, "agency_id": world.town_b["id"],
            "employment_type": "contract"})
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/registration-conflict")
        assert world.town_a["name"] not in resp.text and "张" not in resp.text

    async def test_agency_admin_cannot_register_in_another_town(self, world: World) -> None:
        resp = await world.client.post(f"{P}/officers", headers=world.headers(
            "agency_admin", world.town_a), json={
            "name": "赵六", "id_number": EXAMPLE_ID, "agency_id": world.town_b["id"],
            "employment_type": "established"})
        assert resp.status_code == 404
        assert resp.json()["type"].endswith("/agency-not-found")

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        resp = await world.client.post(f"{P}/officers", json={},
                                       headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.post(f"{P}/officers", json={})).status_code == 401


class TestGetOfficerMasking:
    @pytest.mark.parametrize(("role", "agency", "masked"), [
        ("sysadmin", None, False), ("agency_admin", "town_a", False),
        ("officer", "town_a", True), ("legal_reviewer", "town_a", True),
        ("supervisor", "district", True), ("service", None, True)])
    async def test_full_id_only_for_own_agency_admin_and_sysadmin(
            self, world: World, role: str, agency: str | None, masked: bool) -> None:
        officer = await _officer_with_example_id(world)
        headers = (world.headers(role, getattr(world, agency)) if agency
                   else world.zhifa.headers(role))
        resp = await world.client.get(f"{P}/officers/{officer['id']}", headers=headers)
        assert resp.status_code == 200
        expected = "110105********002X" if masked else EXAMPLE_ID
        assert resp.json()["id_number"] == expected
        assert resp.json()["id_number_masked"] is masked

    async def test_list_masks_for_officers(self, world: World) -> None:
        await _officer_with_example_id(world)
        resp = await world.client.get(f"{P}/officers",
                                      headers=world.headers("officer", world.town_a))
        assert [o["id_number"] for o in resp.json()["items"]] == ["110105********002X"]


class TestAgencyScoping:
    async def test_town_a_admin_cannot_read_town_b_staff(self, world: World) -> None:
        other = await world.officer(world.town_b)
        resp = await world.client.get(f"{P}/officers/{other['id']}",
                                      headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404
        assert resp.json()["type"].endswith("/officer-not-found")
        assert other["name"] not in resp.text

    async def test_town_a_admin_cannot_change_town_b_staff(self, world: World) -> None:
        other = await world.officer(world.town_b)
        resp = await world.client.patch(f"{P}/officers/{other['id']}", json={"on_post": False},
                                        headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404
        check = await world.client.get(f"{P}/officers/{other['id']}", headers=world.sys)
        assert check.json()["on_post"] is True

    async def test_town_a_admin_cannot_add_exams_for_town_b(self, world: World) -> None:
        other = await world.officer(world.town_b)
        resp = await world.client.post(
            f"{P}/officers/{other['id']}/exams", headers=world.headers("agency_admin",
                                                                       world.town_a),
            json={"subject": "general_law", "passed_on": "2025-01-01", "score": 90})
        assert resp.status_code == 404

    async def test_list_is_scoped_to_own_agency(self, world: World) -> None:
        mine = await world.officer(world.town_a)
        await world.officer(world.town_b)
        resp = await world.client.get(f"{P}/officers",
                                      headers=world.headers("agency_admin", world.town_a))
        assert [o["id"] for o in resp.json()["items"]] == [mine["id"]]

    async def test_supervisor_reads_but_cannot_change(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        headers = world.zhifa.headers("supervisor", region_code="500112")
        assert (await world.client.get(f"{P}/officers/{officer['id']}",
                                       headers=headers)).status_code == 200
        resp = await world.client.patch(f"{P}/officers/{officer['id']}", json={},
                                        headers=headers)
        assert resp.status_code == 403


class TestListOfficers:
    async def test_pages_by_cursor(self, world: World) -> None:
        for _ in range(3):
            await world.officer(world.town_a)
        first = await world.client.get(f"{P}/officers?limit=2", headers=world.sys)
        second = await world.client.get(
            f"{P}/officers?limit=2&cursor={first.json()['next_cursor']}", headers=world.sys)
        ids = [o["id"] for o in first.json()["items"] + second.json()["items"]]
        assert len(set(ids)) == 3 and second.json()["next_cursor"] is None

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.get(f"{P}/officers")).status_code == 401


class TestUpdateOfficer:
    async def test_admin_takes_officer_off_post(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.patch(f"{P}/officers/{officer['id']}", json={"on_post": False},
                                        headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 200 and resp.json()["on_post"] is False

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.patch(f"{P}/officers/{officer['id']}", json={},
                                        headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403


class TestExams:
    async def test_records_and_lists_exams(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law", score=59)
        resp = await world.client.get(f"{P}/officers/{officer['id']}/exams", headers=world.sys)
        assert resp.status_code == 200
        assert resp.json()[0] | {"id": None} == {
            "id": None, "officer_id": officer["id"], "subject": "general_law",
            "passed_on": "2025-06-01", "score": 59, "passed": False}

    async def test_requires_a_token(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.get(f"{P}/officers/{officer['id']}/exams")
        assert resp.status_code == 401
