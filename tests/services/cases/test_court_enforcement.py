"""Issue 16 point 13 (the court path): an unpaid fine is demanded with a 催告书 (行政强制法
第五十四条) and may be taken to the court only after 10 working days (第六十九条) and the
复议/诉讼 periods, within 3 months of their end (第五十三条); tracked and listed when lapsed."""

from __future__ import annotations

from typing import Any

from factories import C, World, problem, world
from harness import Platform

ART53, ART54 = "行政强制法第五十三条", "行政强制法第五十四条"


async def served(w: World) -> dict[str, Any]:
    case = await w.decided()  # 1000 元, decided 2026-03-30
    await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
    return case


class TestCourtEnforcement:
    async def test_demand_wait_remedy_periods_and_three_months(self, zhifa: Platform) -> None:
        w, other = await world(zhifa), await world(zhifa)
        case = await served(w)
        url = f"{C}/cases/{case['id']}/court-enforcement"
        h = w.officer_headers()
        # paid within 15 days of 2026-03-30 (行政处罚法第六十七条): not yet overdue on 04-14
        r = await w.client.post(f"{url}/demand", headers=h, json={"served_on": "2026-04-14"})
        assert problem(r, 409, "court-enforcement-refused")["rule"] == ART54
        r = await w.client.post(f"{url}/apply", headers=h, json={
            "applied_on": "2026-10-12", "court_name": "重庆市巴南区人民法院"})
        assert problem(r, 404, "court-enforcement-not-found")["rule"] == ART54
        r = await w.client.post(f"{url}/demand", headers=h, json={"served_on": "2026-04-20"})
        assert r.status_code == 201, r.text
        row = r.json()
        # 6 days overdue: 加处罚款 3% a day (行政处罚法第七十二条) = 180 元
        assert (row["demand_amount"], row["surcharge"]) == ("1180.00", "180.00")
        # 复议 60 days / 诉讼 6 months from 03-30 → 09-30; three months more → 12-30
        assert (row["remedy_ends_on"], row["apply_by"]) == ("2026-09-30", "2026-12-30")
        for on, rule in (("2026-04-21", ART54), ("2026-09-30", ART53), ("2026-12-31", ART53)):
            r = await w.client.post(f"{url}/apply", headers=h, json={
                "applied_on": on, "court_name": "重庆市巴南区人民法院"})
            assert problem(r, 409, "court-enforcement-refused")["rule"] == rule, on

        async def lapsed(on: str, headers: dict[str, str] = h) -> list[str]:
            resp = await w.client.get(f"{C}/court-enforcements", headers=headers,
                                      params={"lapsed": "true", "on": on})
            assert resp.status_code == 200, resp.text
            return [i["case_id"] for i in resp.json()["items"]]

        assert case["id"] not in await lapsed("2026-12-30")
        assert case["id"] in await lapsed("2026-12-31")
        assert await lapsed("2026-12-31", other.officer_headers()) == []
        r = await w.client.post(f"{url}/apply", headers=h, json={
            "applied_on": "2026-10-12", "court_name": "重庆市巴南区人民法院"})
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["lapsed"]) == ("applied", False)
        assert case["id"] not in await lapsed("2026-12-31")
        r = await w.client.post(f"{url}/apply", headers=h, json={
            "applied_on": "2026-10-13", "court_name": "重庆市巴南区人民法院"})
        assert problem(r, 409, "court-enforcement-refused")["rule"] == ART53
