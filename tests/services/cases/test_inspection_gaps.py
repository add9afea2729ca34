"""Inspection list with the enterprise cap, the rate-limited public evaluation POST."""

from __future__ import annotations

import sys
from pathlib import Path

from harness import Platform

sys.path.append(str(Path(__file__).parent))  # import-mode=importlib: sibling helper module
from factories import C, problem, world
from inspection_factories import Inspections


class TestListAndPublicPost:
    async def test_list_carries_cap_and_evaluations_are_rate_limited(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=3), await x.target()
        first = await x.create(item, target)
        await x.act(first, "approve")
        second = await x.create(item, target)
        patrol = await x.create(item, None)  # no target: no cap
        listed = (await zhifa.client.get(f"{C}/inspections", headers=w.officer_headers())
                  ).json()["items"]
        by_id = {i["id"]: i for i in listed}
        assert by_id[first["id"]]["cap"]["count"] == 1  # this one, approved
        assert by_id[second["id"]]["cap"]["count"] == 1  # the other one, not yet this
        assert by_id[second["id"]]["cap"]["limit"] == 3 and by_id[patrol["id"]]["cap"] is None
        single = (await zhifa.client.get(f"{C}/inspections/{second['id']}",
                                         headers=w.officer_headers())).json()
        assert single["cap"] == by_id[second["id"]]["cap"]

        url = f"{C}/inspections/by-code/{first['public_code']}/evaluations"
        one = {"X-Forwarded-For": "203.0.113.7"}  # as the gateway (a trusted peer) writes it
        burst = zhifa.apps["cases"].state.settings.inspection_evaluation_rate_burst
        async with zhifa.service("cases") as cases:
            for _ in range(burst):
                resp = await cases.post(url, headers=one, json={"rating": 4})
                assert resp.status_code == 201, resp.text
            resp = await cases.post(url, headers=one, json={"rating": 4})
            body = problem(resp, 429, "evaluation-rate-limited")
            assert int(resp.headers["Retry-After"]) >= 1 and body["retry_after"] >= 1
            other = await cases.post(url, headers={"X-Forwarded-For": "203.0.113.8"},
                                     json={"rating": 5})
            assert other.status_code == 201, other.text
