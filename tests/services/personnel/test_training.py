"""Training hours against the yearly requirement and the agency figures (覆盖率、考试通过率)."""

from typing import Any

World = Any
P = "/api/v1/personnel"


async def _train(world: World, officer_id: str, hours: str, kind: str = "general_law",
                 organiser: str = "district", on: str = "2026-03-01") -> Any:
    return await world.client.post(f"{P}/officers/{officer_id}/trainings", headers=world.sys,
                                   json={"kind": kind, "hours": hours, "completed_on": on,
                                         "title": "行政处罚法专题培训", "organiser": organiser})


class TestCreateTraining:
    async def test_records_hours_with_one_decimal(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await _train(world, officer["id"], "2.5")
        assert resp.status_code == 201
        assert resp.json()["hours"] == "2.5" and resp.json()["organiser"] == "district"

    async def test_rejects_an_unknown_kind(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await _train(world, officer["id"], "2", kind="party_study")
        assert resp.status_code == 422

    async def test_other_town_admin_gets_not_found(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        resp = await world.client.post(
            f"{P}/officers/{officer['id']}/trainings",
            headers=world.headers("agency_admin", world.town_a),
            json={"kind": "general_law", "hours": "1", "completed_on": "2026-01-01",
                  "title": "培训", "organiser": "own_unit"})
        assert resp.status_code == 404

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/officers/{officer['id']}/trainings", json={},
                                       headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/officers/{officer['id']}/trainings", json={})
        assert resp.status_code == 401


class TestListTrainings:
    async def test_lists_the_year(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await _train(world, officer["id"], "4", on="2025-12-31")
        await _train(world, officer["id"], "6", on="2026-01-02")
        resp = await world.client.get(f"{P}/officers/{officer['id']}/trainings?year=2026",
                                      headers=world.headers("officer", world.town_a))
        assert [t["hours"] for t in resp.json()] == ["6"]


class TestTrainingCompliance:
    async def test_agency_figures(self, world: World) -> None:
        full = await world.officer(world.town_a, name="甲")
        short = await world.officer(world.town_a, name="乙")
        await world.officer(world.town_a, name="丙")
        await world.officer(world.town_a, name="辅", is_auxiliary=True)
        await _train(world, full["id"], "56")
        await _train(world, full["id"], "4", kind="legal_update", organiser="own_unit")
        await _train(world, short["id"], "12.5", kind="legal_update", organiser="district")
        for officer_id, score in ((full["id"], 90), (short["id"], 50)):
            await world.exam(officer_id, "special_law", score=score, on="2026-05-01")
        resp = await world.client.get(
            f"{P}/training-compliance?year=2026",
            headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 200
        body = resp.json()
        assert {k: body[k] for k in (
            "required_hours", "officers_total", "officers_below_requirement",
            "officers_without_legal_update", "coverage_rate", "coverage_percent",
            "exams_taken", "exams_passed", "exam_pass_rate", "exam_pass_percent")} == {
            "required_hours": 60, "officers_total": 3, "officers_below_requirement": 2,
            "officers_without_legal_update": 2, "coverage_rate": "0.6667",
            "coverage_percent": "66.67%", "exams_taken": 2, "exams_passed": 1,
            "exam_pass_rate": "0.5000", "exam_pass_percent": "50.00%"}
        assert sorted((o["name"], o["hours"], o["meets_requirement"], o["has_legal_update"])
                      for o in body["officers"]) == [
            ("丙", "0", False, False), ("乙", "12.5", False, False), ("甲", "60", True, True)]

    async def test_supervisor_must_name_an_agency(self, world: World) -> None:
        resp = await world.client.get(f"{P}/training-compliance?year=2026",
                                      headers=world.zhifa.headers("supervisor",
                                                                  region_code="500112"))
        assert resp.status_code == 422
        assert resp.json()["type"].endswith("/agency-scope-required")

    async def test_other_town_is_not_found(self, world: World) -> None:
        resp = await world.client.get(
            f"{P}/training-compliance?year=2026&agency_id={world.town_b['id']}",
            headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 404

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.get(f"{P}/training-compliance")).status_code == 401

    async def test_refuses_a_token_without_a_known_role(self, world: World) -> None:
        resp = await world.client.get(f"{P}/training-compliance",
                                      headers=world.zhifa.headers("visitor"))
        assert resp.status_code == 403
