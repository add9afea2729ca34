"""Issue 16 point 8: every approval is given by a head (负责人) of the agency — personnel's
officer `position` (head / deputy_head) — refused otherwise with the article naming the head."""

from __future__ import annotations

from typing import Any

from factories import PER, C, World, problem, world
from factories_extra import (
    ON_SITE,
    SCOPE,
    agency_with_officers,
    create_case,
    create_matter,
    create_officer,
)
from harness import Platform


async def _file(w: World, case_id: str, approver: str) -> Any:
    return await w.client.post(f"{C}/cases/{case_id}/file", headers=w.officer_headers(), json={
        "officer_ids": w.officers[:2], "approver_id": approver, "filed_on": "2026-03-03"})


class TestOrdinaryProcedureApprovals:
    async def test_filing_extension_and_personnel_position(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        staff, head = w.officers[0], w.officers[2]
        resp = await zhifa.client.get(f"{PER}/officers/{head}", headers=w.admin_headers())
        assert (resp.json()["position"], resp.json()["is_head"]) == ("head", True)
        case = await w.lead()
        for approver, reason in ((staff, "不是本机关负责人"), ("张科长", "人员编号")):
            body = problem(await _file(w, case["id"], approver), 409, "approver-not-head")
            assert body["rule"].startswith("行政处罚法第五十四条第二款")
            assert reason in body["detail"]
        other = World(zhifa)
        await other.setup()
        body = problem(await _file(w, case["id"], other.officers[2]), 409, "approver-not-head")
        assert "不是本机关人员" in body["detail"]
        assert (await w.get(case["id"]))["status"] == "lead"
        # a deputy head (副职负责人) may approve 立案; promotion in personnel takes effect at once
        resp = await zhifa.client.patch(f"{PER}/officers/{staff}", headers=w.admin_headers(),
                                        json={"position": "deputy_head"})
        assert resp.status_code == 200, resp.text
        assert (await _file(w, case["id"], staff)).status_code == 200
        ext = {"days": 30, "approver_id": w.officers[1], "reason": "案情复杂"}
        body = problem(await w.client.post(f"{C}/cases/{case['id']}/extend-deadline",
                                           headers=w.officer_headers(), json=ext),
                       409, "approver-not-head")
        assert body["rule"].startswith("行政处罚法第六十条")
        await w.act(case["id"], "extend-deadline", {**ext, "approver_id": head})

    async def test_decline_names_a_head(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        resp = await w.client.post(f"{C}/cases/{case['id']}/decline",
                                   headers=w.officer_headers(),
                                   json={"reason": "不属实", "approver_id": w.officers[1]})
        assert problem(resp, 409, "approver-not-head")["rule"].startswith(
            "行政处罚法第五十四条第二款")


class TestCoercionAndTransferApprovals:
    async def test_seizure_and_transfer_need_the_head(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa, n=2)  # officers[0] is the 正职负责人
        deputy = await create_officer(zhifa, agency, position="deputy_head")
        case = await create_case(zhifa, agency, await create_matter(zhifa, agency))
        headers = agency.headers(zhifa)
        seize = {"kind": "seize", "place": "木耳镇人民路", "officer_ids": agency.officers[:2],
                 "approver_id": agency.officers[1], "started_on": "2026-03-10",
                 "items": [{"name": "三轮车", "quantity": "1", "unit": "辆"}],
                 "on_site": ON_SITE, "scope": SCOPE}
        resp = await zhifa.client.post(f"{C}/cases/{case.id}/coercive-measures",
                                       headers=headers, json=seize)
        rule = problem(resp, 409, "approver-not-head")["rule"]
        assert rule.startswith("行政强制法第十八条第一项")
        resp = await zhifa.client.post(f"{C}/cases/{case.id}/coercive-measures",
                                       headers=headers, json={**seize, "approver_id": deputy})
        assert resp.status_code == 201, resp.text
        resp = await zhifa.client.post(f"{C}/cases/{case.id}/transfers", headers=headers, json={
            "kind": "judicial", "target_name": "重庆市公安局巴南区分局", "reason": "涉嫌犯罪",
            "report": "调查报告", "officer_ids": agency.officers[:2],
            "reported_at": "2026-03-20T01:00:00Z"})
        assert resp.status_code == 201, resp.text
        url = f"{C}/cases/{case.id}/transfers/{resp.json()['id']}/decision"
        decision = {"approved": True, "approver_id": deputy, "decided_at": "2026-03-21T08:00:00Z"}
        body = problem(await zhifa.client.post(url, headers=headers, json=decision),
                       409, "approver-not-head")
        assert "正职负责人" in body["detail"] and "第五条" in body["rule"]
        resp = await zhifa.client.post(url, headers=headers,
                                       json={**decision, "approver_id": agency.officers[0]})
        assert resp.status_code == 200, resp.text
