"""Equipment ledger: register, assign, return, loss; scoped to the agency."""

from typing import Any

World = Any
P = "/api/v1/personnel"


async def _device(world: World, agency: dict[str, Any], serial: str = "DSJ-0001") -> Any:
    return await world.client.post(f"{P}/devices", headers=world.sys, json={
        "serial": serial, "kind": "body_camera", "model": "DSJ-V9", "agency_id": agency["id"]})


class TestRegisterDevice:
    async def test_registers_in_stock(self, world: World) -> None:
        resp = await _device(world, world.town_a)
        assert resp.status_code == 201
        assert resp.json()["status"] == "in_stock" and resp.json()["officer_id"] is None

    async def test_serial_is_unique(self, world: World) -> None:
        await _device(world, world.town_a)
        resp = await _device(world, world.town_b)
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/device-serial-taken")

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        resp = await world.client.post(f"{P}/devices", json={},
                                       headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.post(f"{P}/devices", json={})).status_code == 401


class TestDeviceLifecycle:
    async def test_assign_return_and_loss(self, world: World) -> None:
        device = (await _device(world, world.town_a)).json()
        officer = await world.officer(world.town_a)
        admin = world.headers("agency_admin", world.town_a)
        assigned = await world.client.post(f"{P}/devices/{device['id']}/assign", headers=admin,
                                           json={"officer_id": officer["id"]})
        assert assigned.status_code == 200
        assert assigned.json()["officer_id"] == officer["id"]
        listed = await world.client.get(f"{P}/devices?officer_id={officer['id']}",
                                        headers=admin)
        assert [d["id"] for d in listed.json()["items"]] == [device["id"]]
        returned = await world.client.post(f"{P}/devices/{device['id']}/return", headers=admin)
        assert returned.json()["status"] == "in_stock"
        lost = await world.client.post(f"{P}/devices/{device['id']}/loss", headers=admin,
                                       json={"note": "现场执法时遗失"})
        assert lost.json()["status"] == "lost"
        again = await world.client.post(f"{P}/devices/{device['id']}/assign", headers=admin,
                                        json={"officer_id": officer["id"]})
        assert again.status_code == 409

    async def test_cannot_assign_to_another_towns_officer(self, world: World) -> None:
        device = (await _device(world, world.town_a)).json()
        officer = await world.officer(world.town_b)
        resp = await world.client.post(f"{P}/devices/{device['id']}/assign", headers=world.sys,
                                       json={"officer_id": officer["id"]})
        assert resp.status_code == 422
        assert resp.json()["type"].endswith("/device-officer-mismatch")

    async def test_other_town_admin_gets_not_found(self, world: World) -> None:
        device = (await _device(world, world.town_b)).json()
        resp = await world.client.post(f"{P}/devices/{device['id']}/return",
                                       headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404


class TestListDevices:
    async def test_scoped_to_own_agency(self, world: World) -> None:
        mine = (await _device(world, world.town_a, "A-1")).json()
        await _device(world, world.town_b, "B-1")
        resp = await world.client.get(f"{P}/devices",
                                      headers=world.headers("officer", world.town_a))
        assert [d["id"] for d in resp.json()["items"]] == [mine["id"]]

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.get(f"{P}/devices")).status_code == 401
