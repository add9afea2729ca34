"""Issue 16 point 12: 先行登记保存证据 (行政处罚法第五十六条) — head approval, a handling
decision within 7 working days (第八十五条), tracked and listed when overdue."""

from __future__ import annotations

from typing import Any

from factories import C, problem
from factories_extra import Agency, agency_with_officers, create_case, create_matter
from harness import Platform

ART56 = "行政处罚法第五十六条（经行政机关负责人批准，可以先行登记保存）"


def body(agency: Agency, **over: Any) -> dict[str, Any]:
    return {"reason": "摊位货物可能被转移，证据以后难以取得",
            "items": [{"name": "电子秤", "quantity": "1", "unit": "台"}],
            "officer_ids": agency.officers[:2], "approver_id": agency.officers[0],
            "approved_at": "2026-11-20T01:00:00Z", "preserved_on": "2026-11-20",
            "place": "木耳镇人民路", **over}


class TestPreservation:
    async def test_head_approval_due_date_overdue_list_and_late_decision(
            self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        other = await agency_with_officers(zhifa, region_code="500112101")
        case = await create_case(zhifa, agency, await create_matter(zhifa, agency))
        h, url = agency.headers(zhifa), f"{C}/cases/{case.id}/preservations"
        r = await zhifa.client.post(url, headers=h,
                                    json=body(agency, approver_id=agency.officers[1]))
        assert problem(r, 409, "approver-not-head")["rule"] == ART56
        r = await zhifa.client.post(url, headers=h,
                                    json=body(agency, officer_ids=agency.officers[:1]))
        assert problem(r, 409, "officers-not-qualified")["rule"] == \
            "行政处罚法第四十二条、第五十五条"
        r = await zhifa.client.post(url, headers=h, json=body(agency))
        assert r.status_code == 201, r.text
        row = r.json()
        # Friday 2026-11-20 + 7 working days (第五十六条, 第八十五条) = Tuesday 2026-12-01
        assert (row["status"], row["decision_due_on"]) == ("preserved", "2026-12-01")

        async def overdue(on: str, headers: dict[str, str] = h) -> list[str]:
            resp = await zhifa.client.get(f"{C}/preservations", headers=headers,
                                          params={"overdue": "true", "on": on})
            assert resp.status_code == 200, resp.text
            return [i["id"] for i in resp.json()["items"]]

        assert row["id"] not in await overdue("2026-12-01")
        assert row["id"] in await overdue("2026-12-02")
        assert await overdue("2026-12-02", other.headers(zhifa)) == []
        decide = f"{url}/{row['id']}/decide"
        r = await zhifa.client.post(decide, headers=h, json={"handling": "release",
                                                            "decided_on": "2026-12-02"})
        assert r.status_code == 200, r.text
        assert r.json()["decided_late"] is True and r.json()["handling"] == "release"
        assert row["id"] not in await overdue("2026-12-31")
        r = await zhifa.client.post(decide, headers=h, json={"handling": "testing",
                                                            "decided_on": "2026-12-03"})
        assert problem(r, 409, "preservation-not-allowed")["rule"] == "行政处罚法第五十六条"
        listed = await zhifa.client.get(url, headers=h)
        assert [p["handling"] for p in listed.json()] == ["release"]

    async def test_decided_in_time_and_closed_case_refused(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        case = await create_case(zhifa, agency, matter)
        h, url = agency.headers(zhifa), f"{C}/cases/{case.id}/preservations"
        row = (await zhifa.client.post(url, headers=h, json=body(agency))).json()
        r = await zhifa.client.post(f"{url}/{row['id']}/decide", headers=h, json={
            "handling": "seal_or_seize", "decided_on": "2026-12-01"})
        assert r.status_code == 200 and r.json()["decided_late"] is False, r.text
        closed = await create_case(zhifa, agency, matter, status="closed")
        r = await zhifa.client.post(f"{C}/cases/{closed.id}/preservations", headers=h,
                                    json=body(agency))
        assert problem(r, 409, "preservation-not-allowed")["rule"] == "行政处罚法第五十六条"
