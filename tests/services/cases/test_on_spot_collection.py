"""Issue 16 point 4 (partly): 当场收缴罚款 only on a statutory ground (行政处罚法第六十八条、
第六十九条), with a 财政统一票据 (第七十条), and the 2 + 2 working-day hand-in dates recorded
(第七十一条)."""

from __future__ import annotations

from typing import Any

from factories import C, problem
from factories_extra import agency_with_officers, create_matter, summary_request
from harness import Platform


class TestOnSpotCollection:
    async def test_grounds_receipt_and_hand_in_dates(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)

        async def post(**over: Any) -> Any:
            body = summary_request(agency, matter,
                                   **{"collected_on_spot": True, "receipt_number": "渝财0001",
                                      **over})
            return await zhifa.client.post(f"{C}/summary-decisions",
                                           headers=agency.headers(zhifa), json=body)

        for over, rule in (({}, "行政处罚法第六十八条、第六十九条"),
                           ({"collection_ground": "small_fine"}, "行政处罚法第六十八条第一项"),
                           ({"collection_ground": "remote_area"}, "行政处罚法第六十九条"),
                           ({"collection_ground": "hard_to_collect", "receipt_number": None},
                            "行政处罚法第七十条"),
                           ({"collection_ground": "remote_area", "party_requested": True,
                             "on_water": True}, "行政处罚法第七十一条")):
            body = problem(await post(**over), 422, "on-spot-collection-not-allowed")
            assert body["rule"] == rule, over
        resp = await post(collection_ground="hard_to_collect")
        assert resp.status_code == 201, resp.text
        case = (await zhifa.client.get(f"{C}/cases/{resp.json()['case_id']}",
                                       headers=agency.headers(zhifa))).json()
        # decided Friday 2026-11-20: to the agency by Tue 11-24, to the bank by Thu 11-26
        assert case["decision"]["on_spot_collection"] == {
            "ground": "hard_to_collect", "receipt_number": "渝财0001", "party_requested": False,
            "on_water": False, "hand_in_due_on": "2026-11-24", "bank_due_on": "2026-11-26"}
        assert case["status"] == "executed"


class TestHandInTracking:
    """行政处罚法第七十一条: officer → agency within 2 working days, agency → bank within 2
    working days of receiving it; both tracked, overdue ones listed in scope."""

    async def test_hand_in_bank_deposit_and_overdue_list(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        other = await agency_with_officers(zhifa, region_code="500112101")
        matter = await create_matter(zhifa, agency)
        h = agency.headers(zhifa)
        body = summary_request(agency, matter, collected_on_spot=True,
                               receipt_number="渝财0002", collection_ground="hard_to_collect")
        resp = await zhifa.client.post(f"{C}/summary-decisions", headers=h, json=body)
        assert resp.status_code == 201, resp.text
        decision_id = resp.json()["id"]
        lst = f"{C}/summary-decisions/on-spot-collections"

        async def overdue(on: str, headers: dict[str, str] = h) -> list[dict[str, Any]]:
            r = await zhifa.client.get(lst, headers=headers,
                                       params={"overdue": "true", "on": on})
            assert r.status_code == 200, r.text
            return [i for i in r.json()["items"] if i["summary_decision_id"] == decision_id]

        assert await overdue("2026-11-24") == []  # due Tue 11-24: not yet overdue
        [row] = await overdue("2026-11-25")
        assert row["hand_in_overdue"] and not row["bank_overdue"]
        assert (row["amount"], row["hand_in_due_on"]) == ("200.00", "2026-11-24")
        assert await overdue("2026-11-25", other.headers(zhifa)) == []
        act = f"{C}/summary-decisions/{decision_id}"
        r = await zhifa.client.post(f"{act}/bank-deposit", headers=h, json={
            "banked_on": "2026-11-25", "bank_receipt_number": "BK1"})
        assert problem(r, 409, "collection-step-refused")["rule"] == "行政处罚法第七十一条"
        r = await zhifa.client.post(f"{act}/hand-in", headers=other.headers(zhifa), json={
            "handed_in_on": "2026-11-25", "received_by": "财务室王会计"})
        assert r.status_code == 404, r.text
        r = await zhifa.client.post(f"{act}/hand-in", headers=h, json={
            "handed_in_on": "2026-11-25", "received_by": "财务室王会计"})
        assert r.status_code == 200, r.text
        # handed in a day late (recorded, flagged); the bank date runs from the real hand-in
        assert r.json()["handed_in_late"] and r.json()["bank_due_on"] == "2026-11-27"
        r = await zhifa.client.post(f"{act}/hand-in", headers=h, json={
            "handed_in_on": "2026-11-26", "received_by": "财务室王会计"})
        assert problem(r, 409, "collection-step-refused")["rule"] == "行政处罚法第七十一条"
        [row] = await overdue("2026-11-30")
        assert row["bank_overdue"] and not row["hand_in_overdue"]
        r = await zhifa.client.post(f"{act}/bank-deposit", headers=h, json={
            "banked_on": "2026-11-27", "bank_receipt_number": "BK1"})
        assert r.status_code == 200 and not r.json()["banked_late"], r.text
        assert await overdue("2026-12-31") == []

    async def test_no_collection_is_404(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        h = agency.headers(zhifa)
        resp = await zhifa.client.post(f"{C}/summary-decisions", headers=h,
                                       json=summary_request(agency, matter))
        assert resp.status_code == 201, resp.text
        r = await zhifa.client.post(f"{C}/summary-decisions/{resp.json()['id']}/hand-in",
                                    headers=h, json={"handed_in_on": "2026-11-20",
                                                     "received_by": "王会计"})
        problem(r, 404, "collection-not-found")
