"""Status changes revoke certificates on their effective date (调动、辞职、退休
→ 注销), each revocation emitting personnel.certificate_revoked."""

import asyncio
import contextlib
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import text

from common.calendar import today_legal
from services.personnel.app import _status_worker
from services.personnel.staff.service import apply_due_status_changes

World = Any
P = "/api/v1/personnel"


async def _events(world: World) -> list[dict[str, Any]]:
    async with world.zhifa.session("personnel") as session:
        rows = (await session.execute(text(
            "SELECT payload FROM outbox_events WHERE event_type = "
            "'personnel.certificate_revoked'"))).scalars().all()
    return [json.loads(p) if isinstance(p, str) else p for p in rows]


async def _retire(world: World, officer_id: str, on: str, headers: Any = None) -> Any:
    return await world.client.post(f"{P}/officers/{officer_id}/status-changes",
                                   headers=headers or world.sys,
                                   json={"kind": "retirement", "effective_on": on})


class TestRecordStatusChange:
    async def test_retirement_today_revokes_at_once(self, world: World) -> None:
        officer, cert = await world.certified_officer(world.town_a)
        today = today_legal().isoformat()
        resp = await _retire(world, officer["id"], today,
                             world.headers("agency_admin", world.town_a))
        assert resp.status_code == 201
        assert resp.json()["applied"] is True
        assert resp.json()["revoked_certificate_ids"] == [cert["id"]]
        certs = await world.client.get(f"{P}/officers/{officer['id']}/certificates",
                                       headers=world.sys)
        assert certs.json()[0]["status"] == "revoked"
        assert certs.json()[0]["status_reason"] == "人员退休，执法证依规注销"
        person = await world.client.get(f"{P}/officers/{officer['id']}", headers=world.sys)
        assert person.json()["status"] == "retired"
        assert await _events(world) == [{
            "certificate_id": cert["id"], "officer_id": officer["id"],
            "number": cert["number"], "reason": "人员退休，执法证依规注销",
            "revoked_on": today}]

    async def test_future_retirement_waits_until_due(self, world: World) -> None:
        officer, cert = await world.certified_officer(world.town_a)
        due = today_legal() + timedelta(days=3)
        resp = await _retire(world, officer["id"], due.isoformat())
        assert resp.json()["applied"] is False and resp.json()["revoked_certificate_ids"] == []
        app = world.zhifa.apps["personnel"]
        async with app.state.sessionmaker() as session:
            assert await apply_due_status_changes(session, due - timedelta(days=1),
                                                  app.state.outbox) == 0
            assert await apply_due_status_changes(session, due, app.state.outbox) == 1
            await session.commit()
        certs = await world.client.get(f"{P}/officers/{officer['id']}/certificates",
                                       headers=world.sys)
        assert certs.json()[0]["status"] == "revoked"
        assert certs.json()[0]["revoked_on"] == due.isoformat()
        assert [e["certificate_id"] for e in await _events(world)] == [cert["id"]]

    async def test_applying_twice_changes_nothing(self, world: World) -> None:
        officer, _ = await world.certified_officer(world.town_a)
        due = today_legal() + timedelta(days=1)
        await _retire(world, officer["id"], due.isoformat())
        app = world.zhifa.apps["personnel"]
        async with app.state.sessionmaker() as session:
            first = await apply_due_status_changes(session, due, app.state.outbox)
            second = await apply_due_status_changes(session, due, app.state.outbox)
            await session.commit()
        assert (first, second) == (1, 0)
        assert len(await _events(world)) == 1

    async def test_a_departed_person_cannot_change_again(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await _retire(world, officer["id"], "2025-01-01")
        resp = await _retire(world, officer["id"], "2025-02-01")
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/officer-inactive")

    async def test_other_town_admin_gets_not_found(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        resp = await _retire(world, officer["id"], "2025-01-01",
                             world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await _retire(world, officer["id"], "2025-01-01",
                             world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/officers/{officer['id']}/status-changes", json={})
        assert resp.status_code == 401


class TestStatusWorker:
    async def test_background_loop_applies_due_changes(self, world: World) -> None:
        officer, _ = await world.certified_officer(world.town_a)
        await _retire(world, officer["id"], (today_legal() + timedelta(days=2)).isoformat())
        async with world.zhifa.session("personnel") as session:
            await session.execute(text("UPDATE officer_status_changes SET effective_on = :d"),
                                  {"d": today_legal() - timedelta(days=1)})
            await session.commit()
        task = asyncio.create_task(_status_worker(world.zhifa.apps["personnel"], 0.05))
        try:
            for _ in range(100):
                if await _events(world):
                    break
                await asyncio.sleep(0.05)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        person = await world.client.get(f"{P}/officers/{officer['id']}", headers=world.sys)
        assert person.json()["status"] == "retired"
        assert len(await _events(world)) == 1
