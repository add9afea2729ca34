"""执法主体: registration with the GB 32100 check, region-tree scoping."""

from typing import Any

from check_digits import uscc_check as uscc_check_char

World = Any
P, DISTRICT, TOWN_A = "/api/v1/personnel", "500112", "500112100"


def make_uscc(seq: int) -> str:
    first = f"11500112MC{seq:07d}"[:17]
    return first + uscc_check_char(first)


class TestCreateAgency:
    async def test_sysadmin_registers_an_agency(self, world: World) -> None:
        assert world.town_a["region_code"] == TOWN_A
        assert world.town_a["parent_id"] == world.district["id"]
        assert world.town_a["domains"] == ["urban_management", "market_regulation"]

    async def test_rejects_a_corrupted_uscc(self, world: World) -> None:
        resp = await world.client.post(f"{P}/agencies", headers=world.sys, json={
            "name": "丙镇", "uscc": "91350100M000100Y44", "kind": "township_government",
            "region_code": "500112102"})
        assert resp.status_code == 422
        body = resp.json()
        assert body["type"].endswith("/validation-error")
        assert "GB 32100" in body["errors"][0]["message"]

    async def test_rejects_a_duplicate_uscc(self, world: World) -> None:
        resp = await world.client.post(f"{P}/agencies", headers=world.sys, json={
            "name": "重复", "uscc": world.town_a["uscc"], "kind": "street_office",
            "region_code": "500112103"})
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/uscc-taken")

    async def test_child_region_must_lie_inside_the_parent(self, world: World) -> None:
        resp = await world.client.post(f"{P}/agencies", headers=world.sys, json={
            "name": "外区镇", "uscc": make_uscc(900), "kind": "township_government",
            "parent_id": world.district["id"], "region_code": "500113100"})
        assert resp.status_code == 422
        assert resp.json()["type"].endswith("/parent-agency-unknown")

    async def test_agency_admin_may_not_register(self, world: World) -> None:
        resp = await world.client.post(f"{P}/agencies", headers=world.headers(
            "agency_admin", world.town_a), json={
            "name": "某镇", "uscc": make_uscc(901), "kind": "township_government",
            "region_code": "500112104"})
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        resp = await world.client.post(f"{P}/agencies", json={})
        assert resp.status_code == 401


class TestListAgencies:
    async def test_district_supervisor_sees_the_subtree(self, world: World) -> None:
        await world.agency("外区司法局", "500113", kind="district_department")
        headers = world.zhifa.headers("supervisor", region_code=DISTRICT)
        resp = await world.client.get(f"{P}/agencies", headers=headers)
        assert resp.status_code == 200
        names = [a["name"] for a in resp.json()["items"]]
        assert names == ["区司法局", "甲镇人民政府", "乙镇人民政府"]

    async def test_agency_user_sees_only_its_own(self, world: World) -> None:
        resp = await world.client.get(f"{P}/agencies",
                                      headers=world.headers("officer", world.town_a))
        assert [a["id"] for a in resp.json()["items"]] == [world.town_a["id"]]

    async def test_pages_with_a_cursor(self, world: World) -> None:
        first = await world.client.get(f"{P}/agencies?limit=2", headers=world.sys)
        cursor = first.json()["next_cursor"]
        second = await world.client.get(f"{P}/agencies?limit=2&cursor={cursor}",
                                        headers=world.sys)
        assert [a["name"] for a in second.json()["items"]] == ["乙镇人民政府"]
        assert second.json()["next_cursor"] is None

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.get(f"{P}/agencies")).status_code == 401

    async def test_refuses_a_token_without_a_known_role(self, world: World) -> None:
        resp = await world.client.get(f"{P}/agencies", headers=world.zhifa.headers("visitor"))
        assert resp.status_code == 403


class TestGetAgency:
    async def test_contract_shape_for_a_service_token(self, world: World) -> None:
        resp = await world.client.get(f"{P}/agencies/{world.town_a['id']}",
                                      headers=world.zhifa.headers("service"))
        assert resp.status_code == 200
        assert set(resp.json()) == {"id", "name", "short_name", "uscc", "kind", "parent_id",
                                    "region_code", "domains"}

    async def test_other_town_is_not_found(self, world: World) -> None:
        resp = await world.client.get(f"{P}/agencies/{world.town_b['id']}",
                                      headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404
        assert resp.json()["type"].endswith("/agency-not-found")

    async def test_requires_a_token(self, world: World) -> None:
        resp = await world.client.get(f"{P}/agencies/{world.town_a['id']}")
        assert resp.status_code == 401


class TestUpdateAgency:
    async def test_sysadmin_changes_domains(self, world: World) -> None:
        resp = await world.client.patch(f"{P}/agencies/{world.town_a['id']}", headers=world.sys,
                                        json={"domains": ["urban_management"]})
        assert resp.status_code == 200
        assert resp.json()["domains"] == ["urban_management"]

    async def test_agency_admin_may_not(self, world: World) -> None:
        resp = await world.client.patch(f"{P}/agencies/{world.town_a['id']}", json={},
                                        headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 403
