"""Issue 16 point 6: the four 法制审核 triggers of 行政处罚法第五十八条 cannot be switched off by a
local catalogue, and 情节复杂/重大违法 (第五十七条第二款) is assessed by a head with reasons."""

from __future__ import annotations

from factories import REV, C, problem, world
from harness import Platform

CHECK = f"{REV}/major-decision-checks"


class TestStatutoryTriggers:
    async def test_catalogue_cannot_switch_off_article_58(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        url = f"{REV}/major-decision-catalogues"
        body = {"name": "某镇目录", "agency_id": w.agency_id,
                "rules": {"after_hearing": False, "criminal_transfer": False}}
        resp = await zhifa.client.post(url, headers=w.admin_headers(), json=body)
        problem(resp, 422, "validation-error")
        assert "第五十八条" in resp.text and "after_hearing" in resp.text
        body["rules"] = {"criminal_transfer": False}  # a local addition may be switched off
        resp = await zhifa.client.post(url, headers=w.admin_headers(), json=body)
        assert resp.status_code == 201, resp.text
        check = {"agency_id": w.agency_id, "region_code": "500112100", "party_kind": "person",
                 "penalties": [], "hearing_held": True, "transfer_judicial": True,
                 "other_law": True}
        resp = await zhifa.client.post(CHECK, headers=zhifa.headers("service"), json=check)
        assert resp.json()["reasons"] == [
            "经过听证程序（行政处罚法第五十八条）",
            "法律、法规规定应当进行法制审核（行政处罚法第五十八条第一款第四项）"]


class TestComplexCaseAssessment:
    async def test_complexity_is_assessed_by_a_head(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        url = f"{C}/cases/{case['id']}/conclude"
        body = {"outcome": "penalty", "penalties": [{"kind": "fine", "amount": "1000.00"}],
                "discretion_tier": "轻微", "reasoning": "事实清楚", "complex_case": True}
        resp = await zhifa.client.post(url, headers=w.officer_headers(), json=body)
        problem(resp, 422, "validation-error")
        assert "第五十七条第二款" in resp.text
        body.update(assessed_by=w.officers[0], assessment_reasons="涉及多个法律关系")
        resp = await zhifa.client.post(url, headers=w.officer_headers(), json=body)
        assert problem(resp, 409, "approver-not-head")["rule"].startswith(
            "行政处罚法第五十七条第二款")
        out = await w.act(case["id"], "conclude", {**body, "assessed_by": w.officers[2]})
        assert out["collective_discussion"]["required"] is True
        assert "案件情况疑难复杂、涉及多个法律关系（行政处罚法第五十八条）" in \
            out["legal_review"]["reasons"]
