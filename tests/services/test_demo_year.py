"""The demo year (`zhifa demo load --year 2024`) reproduces every number of seed
002_97708ade7f8a5b02.txt (洛碛镇 2024) in the statistics of the four
services; the figures' provenance lists exactly the records counted; a supervisor of another
town sees none of it; loading again changes nothing. One load per module (it is the slow part)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import Platform

from gateway.demo import run_demo

YEAR, LUOQI, MUER, DISTRICT = 2024, "500112118", "500112117", "500112"
PATHS = {"cases": "/api/v1/cases/statistics",
         "inspections": "/api/v1/cases/inspections/statistics",
         "licensing": "/api/v1/cases/licensing/statistics",
         "personnel": "/api/v1/personnel/statistics",
         "review": "/api/v1/review/statistics",
         "publicity": "/api/v1/publicity/statistics"}
# seed 002 (洛碛镇 2024): the figure key → the number the report states
SEED_002 = {
    "licensing": {"licensing.applications": 41, "licensing.accepted": 41,
                  "licensing.decided": 41, "licensing.decided.XK-0101": 32,
                  "licensing.decided.XK-0201": 9},
    "inspections": {"inspections.counted": 726, "inspections.enterprise": 116},
    "cases": {"coercion.items.seize": 185, "penalty.decisions.total": 201,
              "penalty.decisions.warning": 9, "penalty.decisions.fine": 192,
              "penalty.amount.fine_yuan": 11650, "penalty.amount.fine_wan": 1.165},
    "personnel": {"officers.year_end": 11, "officers.added": 3, "officers.removed": 9},
}
PROVENANCE = [("cases", "penalty.decisions.warning"), ("cases", "coercion.items.seize"),
              ("inspections", "inspections.enterprise"), ("licensing", "licensing.decided.XK-0201"),
              ("personnel", "officers.removed"), ("personnel", "officers.year_end")]


@pytest.fixture
def demo(demo_year: Platform) -> Platform:
    """The session's demo year (tests/services/conftest.py)."""
    return demo_year


async def figures(p: Platform, service: str, headers: dict[str, str],
                  **params: Any) -> dict[str, Any]:
    resp = await p.client.get(PATHS[service], headers=headers,
                              params={"year": YEAR, **params})
    assert resp.status_code == 200, resp.text
    return {f["key"]: f["value"] for f in resp.json()["figures"]}


async def all_figures(p: Platform, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    return {s: await figures(p, s, headers, **params) for s in PATHS}


async def test_the_demo_year_states_every_seed_002_number(demo: Platform) -> None:
    supervisor = demo.headers("supervisor", region_code=DISTRICT)
    got = await all_figures(demo, supervisor, region_code=LUOQI)
    for service, expected in SEED_002.items():
        for key, value in expected.items():
            assert got[service][key] == value, (service, key, got[service][key])
    # the town's report (the service token of review's report) says the same
    service = await all_figures(demo, demo.headers("service"), region_code=LUOQI)
    assert service == got


async def test_provenance_ids_are_the_counted_records(demo: Platform) -> None:
    supervisor = demo.headers("supervisor", region_code=LUOQI)
    got = await all_figures(demo, supervisor)
    for service, key in PROVENANCE:
        ids, cursor = [], None
        while True:
            resp = await demo.client.get(f"{PATHS[service]}/records", headers=supervisor, params={
                "year": YEAR, "key": key, "limit": 500, **({"cursor": cursor} if cursor else {})})
            assert resp.status_code == 200, resp.text
            ids += [r["id"] for r in resp.json()["items"]]
            if (cursor := resp.json()["next_cursor"]) is None:
                break
        assert len(ids) == len(set(ids)) == got[service][key], (service, key)
    warnings = (await demo.client.get(f"{PATHS['cases']}/records", headers=supervisor, params={
        "year": YEAR, "key": "penalty.decisions.warning", "limit": 20})).json()["items"]
    for ref in warnings[:3]:
        case = (await demo.client.get(f"/api/v1/cases/cases/{ref['id']}",
                                      headers=supervisor)).json()
        assert [p["kind"] for p in case["decision"]["penalties"]] == ["warning"]


async def test_another_towns_supervisor_sees_none_of_it(demo: Platform) -> None:
    muer = demo.headers("supervisor", region_code=MUER)
    got = await all_figures(demo, muer)
    for service, expected in SEED_002.items():
        assert all(got[service].get(key, 0) == 0 for key in expected), (service, got[service])
    peek = await all_figures(demo, muer, region_code=LUOQI)
    assert all(v == 0 for s in ("cases", "inspections", "licensing")
               for k, v in peek[s].items() if not k.endswith("_rate")), peek


async def test_loading_the_year_again_changes_nothing(demo: Platform) -> None:
    supervisor = demo.headers("supervisor", region_code=DISTRICT)
    before = await all_figures(demo, supervisor, region_code=LUOQI)
    assert await run_demo(demo.gateway, YEAR) is None
    assert await all_figures(demo, supervisor, region_code=LUOQI) == before
