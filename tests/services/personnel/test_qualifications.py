"""The qualification check (行政处罚法第四十二条: at least two qualified officers) and the
public directory."""

from datetime import timedelta
from typing import Any

from sqlalchemy import text

from common.calendar import today_legal

World = Any
P = "/api/v1/personnel"


async def _check(world: World, ids: list[str], headers: Any = None, **extra: Any) -> Any:
    body = {"officer_ids": ids, "domain": "urban_management", **extra}
    return await world.client.post(f"{P}/qualifications/check",
                                   headers=headers or world.zhifa.headers("service"), json=body)


class TestCheckQualifications:
    async def test_two_qualified_officers_meet_the_rule(self, world: World) -> None:
        a, cert_a = await world.certified_officer(world.town_a)
        b, _ = await world.certified_officer(world.town_a)
        resp = await _check(world, [a["id"], b["id"]],
                            world.headers("officer", world.town_a))
        assert resp.status_code == 200
        body = resp.json()
        assert body["meets_two_officer_rule"] is True
        assert body["results"][0] == {
            "officer_id": a["id"], "name": a["name"], "agency_id": world.town_a["id"],
            "qualified": True, "reasons": [], "certificate_numbers": [cert_a["number"]]}

    async def test_one_qualified_officer_does_not(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        b = await world.officer(world.town_a)
        body = (await _check(world, [a["id"], b["id"]])).json()
        assert body["meets_two_officer_rule"] is False
        assert body["results"][1]["reasons"] == ["无有效执法证"]

    async def test_the_same_officer_twice_counts_once(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        body = (await _check(world, [a["id"], a["id"]])).json()
        assert body["meets_two_officer_rule"] is False and len(body["results"]) == 1

    async def test_auxiliary_staff_never_qualify(self, world: World) -> None:
        aux = await world.officer(world.town_a, is_auxiliary=True)
        body = (await _check(world, [aux["id"]])).json()
        assert body["results"][0]["reasons"] == ["辅助人员不得执法（行政强制法第十七条）",
                                                 "无有效执法证"]

    async def test_expired_certificate(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        body = (await _check(world, [a["id"]], on_date="2030-07-01")).json()
        assert body["results"][0]["reasons"] == ["执法证已过期"]

    async def test_suspended_certificate(self, world: World) -> None:
        a, cert = await world.certified_officer(world.town_a)
        await world.client.post(f"{P}/certificates/{cert['id']}/suspend", headers=world.sys,
                                json={"reason": "涂改证件"})
        assert (await _check(world, [a["id"]])).json()["results"][0]["reasons"] == [
            "执法证已暂扣"]

    async def test_domain_not_covered(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a, domains=["market_regulation"])
        assert (await _check(world, [a["id"]])).json()["results"][0]["reasons"] == [
            "执法证不含该执法领域"]

    async def test_region_must_lie_inside_the_certificate_region(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        wrong = (await _check(world, [a["id"]], region_code="500112101")).json()
        right = (await _check(world, [a["id"]], region_code="500112100")).json()
        assert wrong["results"][0]["reasons"] == ["执法区域不符"]
        assert right["results"][0]["qualified"] is True

    async def test_district_certificate_covers_its_towns(self, world: World) -> None:
        a, _ = await world.certified_officer(world.district)
        body = (await _check(world, [a["id"]], region_code="500112101")).json()
        assert body["results"][0]["qualified"] is True

    async def test_retired_officer_is_not_on_post(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        await world.client.post(f"{P}/officers/{a['id']}/status-changes", headers=world.sys,
                                json={"kind": "retirement",
                                      "effective_on": today_legal().isoformat()})
        body = (await _check(world, [a["id"]])).json()
        assert body["results"][0]["reasons"] == ["人员状态非在岗", "无有效执法证"]

    async def test_qualified_before_a_future_departure(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        leave = today_legal() + timedelta(days=5)
        await world.client.post(f"{P}/officers/{a['id']}/status-changes", headers=world.sys,
                                json={"kind": "transfer", "effective_on": leave.isoformat()})
        before = (await _check(world, [a["id"]])).json()["results"][0]
        after = (await _check(world, [a["id"]], on_date=leave.isoformat())).json()["results"][0]
        assert before["qualified"] is True
        assert after["reasons"] == ["人员状态非在岗"]

    async def test_joint_enforcement_returns_the_other_agency(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        b, _ = await world.certified_officer(world.town_b)
        body = (await _check(world, [a["id"], b["id"]],
                             world.headers("officer", world.town_a))).json()
        assert [r["agency_id"] for r in body["results"]] == [world.town_a["id"],
                                                            world.town_b["id"]]
        assert body["meets_two_officer_rule"] is True

    async def test_unknown_officer(self, world: World) -> None:
        unknown = "00000000-0000-4000-8000-000000000000"
        result = (await _check(world, [unknown])).json()["results"][0]
        assert result == {"officer_id": unknown, "name": None, "agency_id": None,
                          "qualified": False, "reasons": ["人员不存在"],
                          "certificate_numbers": []}

    async def test_requires_a_token(self, world: World) -> None:
        resp = await world.client.post(f"{P}/qualifications/check", json={})
        assert resp.status_code == 401

    async def test_refuses_a_token_without_a_known_role(self, world: World) -> None:
        a, _ = await world.certified_officer(world.town_a)
        resp = await _check(world, [a["id"]], world.zhifa.headers("visitor"))
        assert resp.status_code == 403


class TestDirectory:
    async def test_public_without_a_token_and_without_id_numbers(self, world: World) -> None:
        a, cert = await world.certified_officer(world.town_a)
        resp = await world.client.get(f"{P}/directory")
        assert resp.status_code == 200
        assert resp.json() == [{
            "officer_id": a["id"], "name": a["name"], "certificate_number": cert["number"],
            "agency_id": world.town_a["id"], "agency_name": "甲镇人民政府",
            "domains": ["urban_management"], "region_code": "500112100",
            "valid_from": "2025-07-01", "valid_until": "2030-06-30"}]
        assert a["id_number"] not in resp.text and a["id_number"][:14] not in resp.text

    async def test_leaves_out_revoked_and_expired_certificates(self, world: World) -> None:
        _, revoked = await world.certified_officer(world.town_a)
        _, expired = await world.certified_officer(world.town_a)
        await world.client.post(f"{P}/certificates/{revoked['id']}/revoke", headers=world.sys,
                                json={"reason": "违法执法"})
        async with world.zhifa.session("personnel") as session:
            await session.execute(text("UPDATE certificates SET expires_on = :d WHERE id = :i"),
                                  {"d": today_legal() - timedelta(days=1),
                                   "i": expired["id"].replace("-", "")
                                   if session.bind.dialect.name == "sqlite" else expired["id"]})
            await session.commit()
        assert (await world.client.get(f"{P}/directory")).json() == []

    async def test_pages_with_after(self, world: World) -> None:
        for _ in range(3):
            await world.certified_officer(world.town_a)
        first = await world.client.get(f"{P}/directory?limit=2")
        cursor = first.headers["x-next-cursor"]
        second = await world.client.get(f"{P}/directory?limit=2&after={cursor}")
        assert len(first.json()) == 2 and len(second.json()) == 1
        assert "x-next-cursor" not in second.headers


class TestWhoLearnsWhat:
    """Issue 10, point 5: about officers outside the caller's scope only directory fields."""

    async def test_another_towns_staff_are_answered_from_the_directory_only(
            self, world: World) -> None:
        qualified, cert = await world.certified_officer(world.town_b)
        uncertified = await world.officer(world.town_b)
        ids = [qualified["id"], uncertified["id"]]
        other = (await _check(world, ids, world.headers("officer", world.town_a))).json()
        assert other["results"] == [
            {"officer_id": qualified["id"], "name": qualified["name"],
             "agency_id": world.town_b["id"], "qualified": True, "reasons": [],
             "certificate_numbers": [cert["number"]]},
            {"officer_id": uncertified["id"], "name": None, "agency_id": None,
             "qualified": False, "certificate_numbers": [],
             "reasons": ["不在公开执法人员目录中（详情仅本机关及其监督机关可见）"]}]
        own = (await _check(world, ids, world.headers("officer", world.town_b))).json()
        assert own["results"][1]["name"] == uncertified["name"]
        assert own["results"][1]["reasons"] == ["无有效执法证"]
