"""Accounts linked to staff: agency and region come from the staff member's agency."""

from typing import Any

World = Any
P = "/api/v1/personnel"


def _user(username: str, roles: list[str], **fields: Any) -> dict[str, Any]:
    return {"username": username, "password": "s3cret-pass", "roles": roles, **fields}


class TestCreateUser:
    async def test_links_a_staff_member_and_derives_scope(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/users", headers=world.headers(
            "agency_admin", world.town_a), json=_user("zhang", ["officer"],
                                                      officer_id=officer["id"]))
        assert resp.status_code == 201
        body = resp.json()
        assert (body["agency_id"], body["region_code"], body["officer_id"]) == (
            world.town_a["id"], "500112100", officer["id"])
        token = await world.client.post("/api/v1/auth/token", data={
            "username": "zhang", "password": "s3cret-pass"})
        me = await world.client.get("/api/v1/auth/me", headers={
            "Authorization": f"Bearer {token.json()['access_token']}"})
        assert me.json()["officer_id"] == officer["id"]
        assert me.json()["region_code"] == "500112100"

    async def test_agency_only_account_gets_the_agency_region(self, world: World) -> None:
        resp = await world.client.post(f"{P}/users", headers=world.sys, json=_user(
            "reviewer", ["legal_reviewer"], agency_id=world.district["id"]))
        assert resp.status_code == 201 and resp.json()["region_code"] == "500112"

    async def test_staff_of_another_agency_is_refused(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        resp = await world.client.post(f"{P}/users", headers=world.sys, json=_user(
            "wrong", ["officer"], officer_id=officer["id"], agency_id=world.town_a["id"]))
        assert resp.status_code == 422
        assert resp.json()["type"].endswith("/linked-record-unknown")

    async def test_agency_admin_cannot_create_an_invited_supervisor(self, world: World) -> None:
        resp = await world.client.post(f"{P}/users", headers=world.headers(
            "agency_admin", world.town_a), json=_user("invited1", ["invited_supervisor"],
                                                      agency_id=world.town_a["id"]))
        assert resp.status_code == 403
        assert resp.json()["type"].endswith("/role-not-allowed")

    async def test_agency_admin_cannot_create_for_another_town(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        resp = await world.client.post(f"{P}/users", headers=world.headers(
            "agency_admin", world.town_a), json=_user("other", ["officer"],
                                                      officer_id=officer["id"]))
        assert resp.status_code == 403
        assert resp.json()["type"].endswith("/role-not-allowed")

    async def test_supervisor_by_region_only(self, world: World) -> None:
        resp = await world.client.post(f"{P}/users", headers=world.sys, json=_user(
            "jiandu", ["supervisor"], region_code="500112"))
        assert resp.status_code == 201
        assert (resp.json()["agency_id"], resp.json()["region_code"]) == (None, "500112")

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        resp = await world.client.post(f"{P}/users", json=_user("x", ["officer"]),
                                       headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.post(f"{P}/users", json={})).status_code == 401


class TestAccountUniqueness:
    """Issue 10, point 6: one account per staff member; usernames case-insensitive."""

    async def test_second_link_and_case_variant_are_refused(self, world: World) -> None:
        admin = world.headers("agency_admin", world.town_a)
        officer = await world.officer(world.town_a)
        first = await world.client.post(f"{P}/users", headers=admin, json=_user(
            "muer-officer", ["officer"], officer_id=officer["id"]))
        assert first.status_code == 201, first.text
        second = await world.client.post(f"{P}/users", headers=admin, json=_user(
            "muer-officer-2", ["officer"], officer_id=officer["id"]))
        assert second.status_code == 409
        assert second.json()["type"].endswith("/officer-already-linked")
        upper = await world.client.post(f"{P}/users", headers=admin, json=_user(
            "MUER-OFFICER", ["officer"], agency_id=world.town_a["id"]))
        assert upper.status_code == 409 and upper.json()["type"].endswith("/username-taken")
        token = await world.client.post("/api/v1/auth/token", data={
            "username": "Muer-Officer", "password": "s3cret-pass"})
        assert token.status_code == 200  # the same account, whatever the case

    async def test_the_database_refuses_a_case_variant_too(self, world: World) -> None:
        import pytest
        from sqlalchemy.exc import IntegrityError

        from services.personnel.accounts.models import User
        async with world.zhifa.session("personnel") as session:
            session.add_all([User(username="dup-user", password_hash="x", roles=[]),
                             User(username="DUP-USER", password_hash="x", roles=[])])
            with pytest.raises(IntegrityError):
                await session.commit()
