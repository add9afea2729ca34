"""Issue 16 point 4 (partly): 当场收缴罚款 only on a statutory ground (行政处罚法第六十八条、
第六十九条), with a 财政统一票据 (第七十条), and the 2 + 2 working-day hand-in dates recorded
(第七十一条)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from harness import Platform

sys.path.append(str(Path(__file__).parent))  # import-mode=importlib: sibling helper module
from factories import C, problem
from factories_extra import agency_with_officers, create_matter, summary_request


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
