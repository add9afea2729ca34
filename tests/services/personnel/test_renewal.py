"""Issue 16 point 15: renewing a 执法证 needs the previous year's training hours (default 60,
configurable), and changing the employment type to one that may not hold a certificate revokes
it, as status changes do."""

from typing import Any

World = Any
P = "/api/v1/personnel"
PROBLEM = "https://zhifa.dev/problems/"


async def _issue(world: World, officer_id: str, issued_on: str) -> Any:
    return await world.client.post(f"{P}/officers/{officer_id}/certificates", headers=world.sys,
                                   json={"number": f"CQ{world.next():08d}",
                                         "domains": ["urban_management"], "issued_on": issued_on})


async def _train(world: World, officer_id: str, hours: str, on: str) -> None:
    resp = await world.client.post(f"{P}/officers/{officer_id}/trainings", headers=world.sys,
                                   json={"kind": "general_law", "hours": hours,
                                         "completed_on": on, "title": "行政处罚法专题培训",
                                         "organiser": "district"})
    assert resp.status_code == 201, resp.text


class TestRenewal:
    async def test_renewal_needs_last_years_training_hours(self, world: World) -> None:
        officer, _ = await world.certified_officer(world.town_a, issued_on="2025-07-01")
        await _train(world, officer["id"], "40", "2025-09-01")
        resp = await _issue(world, officer["id"], "2026-07-01")
        assert resp.status_code == 422, resp.text
        body = resp.json()
        assert body["type"] == PROBLEM + "certificate-not-allowed"
        assert "国办发〔2023〕27号" in body["rule"]
        assert (body["training_hours"], body["required_hours"]) == ("40", 60)
        await _train(world, officer["id"], "20.5", "2025-11-01")
        assert (await _issue(world, officer["id"], "2026-07-01")).status_code == 201

    async def test_first_certificate_needs_no_training(self, world: World) -> None:
        officer, certificate = await world.certified_officer(world.town_a)
        assert certificate["number"]


class TestEmploymentTypeChange:
    async def test_change_to_contract_revokes_the_certificate(self, world: World) -> None:
        officer, certificate = await world.certified_officer(world.town_a)
        resp = await world.client.patch(f"{P}/officers/{officer['id']}", headers=world.sys,
                                        json={"employment_type": "contract"})
        assert resp.status_code == 200, resp.text
        resp = await world.client.get(f"{P}/officers/{officer['id']}/certificates",
                                      headers=world.sys)
        [row] = [c for c in resp.json() if c["id"] == certificate["id"]]
        assert row["status"] == "revoked" and "劳动合同" in row["status_reason"]
