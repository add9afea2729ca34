"""执法证 issuance (every failing reason listed), number format, lifecycle, expiring list."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from common.calendar import today_legal

World = Any
P = "/api/v1/personnel"


async def _issue(world: World, officer_id: str, number: str = "CQ00000001",
                 **extra: Any) -> Any:
    return await world.client.post(f"{P}/officers/{officer_id}/certificates", headers=world.sys,
                                   json={"number": number, "domains": ["urban_management"],
                                         "issued_on": "2025-07-01", **extra})


async def _outbox(world: World) -> list[Any]:
    async with world.zhifa.session("personnel") as session:
        rows = (await session.execute(text(
            "SELECT event_type, destination, payload FROM outbox_events"))).all()
    return [(t, d, json.loads(p) if isinstance(p, str) else p) for t, d, p in rows]


class TestIssueCertificate:
    async def test_issues_with_default_five_year_validity(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        resp = await _issue(world, officer["id"])
        assert resp.status_code == 201
        body = resp.json()
        assert (body["issued_on"], body["expires_on"]) == ("2025-07-01", "2030-06-30")
        assert body["status"] == "active" and body["region_code"] == "500112100"

    async def test_legal_qualification_exempts_the_general_exam(self, world: World) -> None:
        officer = await world.officer(world.town_a, has_legal_qualification=True)
        await world.exam(officer["id"], "special_law")
        assert (await _issue(world, officer["id"])).status_code == 201

    @pytest.mark.parametrize(("fields", "reason"), [
        ({"employment_type": "contract"}, "人员类别为劳动合同，仅在编在岗人员可申领执法证"),
        ({"employment_type": "dispatched"}, "人员类别为劳务派遣，仅在编在岗人员可申领执法证"),
        ({"employment_type": "seconded"}, "人员类别为借调/借用，仅在编在岗人员可申领执法证"),
        ({"employment_type": "service"}, "人员类别为工勤，仅在编在岗人员可申领执法证"),
        ({"employment_type": "temporary"}, "人员类别为临时工，仅在编在岗人员可申领执法证"),
        ({"employment_type": "probation"}, "人员类别为试用期，仅在编在岗人员可申领执法证"),
        ({"on_post": False}, "人员不在岗"),
        ({"is_auxiliary": True}, "执法辅助人员不得申领执法证（行政强制法第十七条）"),
    ])
    async def test_refuses_ineligible_staff(self, world: World, fields: dict[str, Any],
                                            reason: str) -> None:
        officer = await world.officer(world.town_a, **fields)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        resp = await _issue(world, officer["id"])
        assert resp.status_code == 422
        body = resp.json()
        assert body["type"].endswith("/certificate-not-allowed")
        assert body["reasons"] == [reason]

    async def test_refuses_without_passed_exams(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "special_law", score=59)
        resp = await _issue(world, officer["id"])
        assert resp.json()["reasons"] == ["未通过通用法律知识考试（持法律职业资格者可免考）",
                                          "未通过专门法律知识考试"]

    async def test_refuses_after_an_incompetent_appraisal(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        await world.client.post(f"{P}/officers/{officer['id']}/appraisals", headers=world.sys,
                                json={"year": 2024, "result": "incompetent"})
        assert (await _issue(world, officer["id"])).json()["reasons"] == ["2024年度考核不称职"]

    async def test_refuses_during_a_disciplinary_period(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        resp = await world.client.post(f"{P}/officers/{officer['id']}/sanctions",
                                       headers=world.sys, json={
                                           "kind": "demerit", "starts_on": "2025-01-01",
                                           "ends_on": "2026-06-30"})
        assert resp.status_code == 201
        assert (await _issue(world, officer["id"])).json()["reasons"] == [
            "处分期内（记过，至2026-06-30）"]

    async def test_a_warning_does_not_block(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        await world.client.post(f"{P}/officers/{officer['id']}/sanctions", headers=world.sys,
                                json={"kind": "warning", "starts_on": "2025-01-01",
                                      "ends_on": "2025-12-31"})
        assert (await _issue(world, officer["id"])).status_code == 201

    async def test_lists_every_failing_reason_at_once(self, world: World) -> None:
        officer = await world.officer(world.town_a, employment_type="temporary", on_post=False)
        await world.client.post(f"{P}/officers/{officer['id']}/appraisals", headers=world.sys,
                                json={"year": 2025, "result": "incompetent"})
        await world.client.post(f"{P}/officers/{officer['id']}/sanctions", headers=world.sys,
                                json={"kind": "major_demerit", "starts_on": "2025-01-01",
                                      "ends_on": "2026-12-31"})
        resp = await _issue(world, officer["id"])
        assert resp.json()["reasons"] == [
            "人员类别为临时工，仅在编在岗人员可申领执法证", "人员不在岗",
            "未通过通用法律知识考试（持法律职业资格者可免考）", "未通过专门法律知识考试",
            "2025年度考核不称职", "处分期内（记大过，至2026-12-31）"]
        assert resp.json()["rule"] == "行政处罚法第四十二条"

    async def test_number_must_match_the_province_pattern(self, world: World) -> None:
        settings = world.zhifa.apps["personnel"].state.settings
        settings.certificate_number_patterns = {"50": r"^渝\d{8}$"}
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        bad = await _issue(world, officer["id"], number="CQ00000001")
        assert bad.status_code == 422
        assert bad.json()["type"].endswith("/certificate-number-invalid")
        assert (await _issue(world, officer["id"], number="渝12345678")).status_code == 201

    async def test_number_is_unique(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_a)
        officer = await world.officer(world.town_a)
        await world.exam(officer["id"], "general_law")
        await world.exam(officer["id"], "special_law")
        resp = await _issue(world, officer["id"], number=cert["number"])
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/certificate-number-taken")

    async def test_other_town_admin_gets_not_found(self, world: World) -> None:
        officer = await world.officer(world.town_b)
        resp = await world.client.post(
            f"{P}/officers/{officer['id']}/certificates",
            headers=world.headers("agency_admin", world.town_a),
            json={"number": "CQ1", "domains": ["x"], "issued_on": "2025-07-01"})
        assert resp.status_code == 404

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/officers/{officer['id']}/certificates", json={},
                                       headers=world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        officer = await world.officer(world.town_a)
        resp = await world.client.post(f"{P}/officers/{officer['id']}/certificates", json={})
        assert resp.status_code == 401


class TestCertificateLifecycle:
    async def test_suspend_and_reinstate(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_a)
        resp = await world.client.post(f"{P}/certificates/{cert['id']}/suspend",
                                       headers=world.sys, json={"reason": "涂改证件"})
        assert resp.status_code == 200 and resp.json()["status"] == "suspended"
        again = await world.client.post(f"{P}/certificates/{cert['id']}/suspend",
                                        headers=world.sys, json={"reason": "再次"})
        assert again.status_code == 409
        back = await world.client.post(f"{P}/certificates/{cert['id']}/reinstate",
                                       headers=world.sys)
        assert back.status_code == 200 and back.json()["status"] == "active"

    async def test_revoke_emits_an_event_for_cases(self, world: World) -> None:
        officer, cert = await world.certified_officer(world.town_a)
        resp = await world.client.post(f"{P}/certificates/{cert['id']}/revoke",
                                       headers=world.headers("agency_admin", world.town_a),
                                       json={"reason": "转借执法证"})
        assert resp.status_code == 200
        assert resp.json()["status"] == "revoked" and resp.json()["status_reason"] == "转借执法证"
        [(event_type, destination, payload)] = await _outbox(world)
        assert (event_type, destination) == ("personnel.certificate_revoked", "service:cases")
        assert payload | {"revoked_on": None} == {
            "certificate_id": cert["id"], "officer_id": officer["id"], "number": cert["number"],
            "reason": "转借执法证", "revoked_on": None}

    async def test_revoking_twice_conflicts(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_a)
        for expected in (200, 409):
            resp = await world.client.post(f"{P}/certificates/{cert['id']}/revoke",
                                           headers=world.sys, json={"reason": "违法执法"})
            assert resp.status_code == expected

    async def test_other_town_admin_cannot_revoke(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_b)
        resp = await world.client.post(f"{P}/certificates/{cert['id']}/revoke",
                                       headers=world.headers("agency_admin", world.town_a),
                                       json={"reason": "违法执法"})
        assert resp.status_code == 404
        assert resp.json()["type"].endswith("/certificate-not-found")

    async def test_revoke_requires_a_token(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_a)
        resp = await world.client.post(f"{P}/certificates/{cert['id']}/revoke", json={})
        assert resp.status_code == 401

    async def test_revoke_is_forbidden_for_officers(self, world: World) -> None:
        _, cert = await world.certified_officer(world.town_a)
        resp = await world.client.post(f"{P}/certificates/{cert['id']}/revoke",
                                       headers=world.headers("officer", world.town_a),
                                       json={"reason": "违法执法"})
        assert resp.status_code == 403


class TestListCertificates:
    async def test_lists_those_expiring_within_n_days(self, world: World) -> None:

        today = today_legal()
        officer = await world.officer(world.town_a)
        await world.certify(officer["id"], number="CQSOON")
        other = await world.officer(world.town_a)
        await world.certify(other["id"], number="CQLATER")
        async with world.zhifa.session("personnel") as session:
            await session.execute(text(
                "UPDATE certificates SET expires_on = :d WHERE number = :n"),
                [{"d": today + timedelta(days=10), "n": "CQSOON"},
                 {"d": today + timedelta(days=40), "n": "CQLATER"}])
            await session.commit()
        resp = await world.client.get(f"{P}/certificates?expiring_within_days=30",
                                      headers=world.headers("agency_admin", world.town_a))
        assert resp.status_code == 200
        numbers = [c["number"] for c in resp.json()["items"]]
        assert numbers == ["CQSOON"]

    async def test_officer_certificates_are_listed(self, world: World) -> None:
        officer, cert = await world.certified_officer(world.town_a)
        resp = await world.client.get(f"{P}/officers/{officer['id']}/certificates",
                                      headers=world.headers("officer", world.town_a))
        assert [c["id"] for c in resp.json()] == [cert["id"]]

    async def test_requires_a_token(self, world: World) -> None:
        assert (await world.client.get(f"{P}/certificates")).status_code == 401
