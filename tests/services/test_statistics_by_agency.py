"""`group_by=agency` on every statistics endpoint (docs/statistics.md, issue 14 point 3): one
call for a district answers each agency's figures, and they equal the figures of asking with
that agency's `agency_id` (an agency without rows gets `empty`); the groups stay inside the
caller's scope; the dashboard asks each source once for the district instead of once per
agency. Read over the demo year (洛碛镇 2024 on the demo district, shared per session)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import Platform

YEAR, LUOQI, MUER, DISTRICT = 2024, "500112118", "500112117", "500112"
PATHS = ["/api/v1/cases/statistics", "/api/v1/cases/inspections/statistics",
         "/api/v1/cases/licensing/statistics", "/api/v1/personnel/statistics",
         "/api/v1/review/statistics", "/api/v1/publicity/statistics"]


@pytest.fixture
def demo(demo_year: Platform) -> Platform:
    """The session's demo year (tests/services/conftest.py)."""
    return demo_year


def values(figures: list[dict[str, Any]]) -> dict[str, Any]:
    return {f["key"]: f["value"] for f in figures}


async def get(demo: Platform, path: str, headers: dict[str, str], **params: Any) -> Any:
    resp = await demo.client.get(path, params={"year": YEAR, **params}, headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()


async def district_agencies(demo: Platform) -> dict[str, str]:
    body = await get(demo, "/api/v1/personnel/agencies", demo.headers("sysadmin"),
                     region_code=DISTRICT, limit=100)
    return {a["id"]: a["region_code"] for a in body["items"]}


@pytest.mark.parametrize("path", PATHS)
async def test_grouped_figures_equal_the_per_agency_calls(demo: Platform, path: str) -> None:
    admin = demo.headers("sysadmin")
    agencies = await district_agencies(demo)
    assert len(agencies) == 5
    body = await get(demo, path, admin, region_code=DISTRICT, group_by="agency")
    groups = {g["agency_id"]: g["figures"] for g in body["groups"]}
    assert set(groups) <= set(agencies)
    assert values(body["figures"]) == values(
        (await get(demo, path, admin, region_code=DISTRICT))["figures"])
    for agency in agencies:
        alone = await get(demo, path, admin, agency_id=agency)
        assert groups.get(agency, body["empty"]) == alone["figures"], (path, agency)
    assert all(v == 0 for v in values(body["empty"]).values())


async def test_two_agencies_have_figures_of_their_own(demo: Platform) -> None:
    """The grouping separates agencies: 洛碛镇's team has the seed year, 木耳镇's team the demo
    cases; each group counts its own only, and the groups add up to the district."""
    admin = demo.headers("sysadmin")
    body = await get(demo, PATHS[0], admin, region_code=DISTRICT, group_by="agency")
    per = [values(g["figures"]) for g in body["groups"]]
    assert len(per) == 2
    assert sorted(v["penalty.decisions.total"] for v in per)[-1] == 201
    total = values(body["figures"])
    for key in ("penalty.decisions.total", "penalty.amount.fine_fen", "coercion.items.total",
                "overdue.cases"):
        assert sum(v[key] for v in per) == total[key], key


@pytest.mark.parametrize("path", PATHS)
async def test_groups_stay_inside_the_callers_scope(demo: Platform, path: str) -> None:
    agencies = await district_agencies(demo)
    muer = demo.headers("supervisor", region_code=MUER)
    body = await get(demo, path, muer, region_code=DISTRICT, group_by="agency")
    assert {agencies[g["agency_id"]] for g in body["groups"]} <= {MUER}
    luoqi_team = next(a for a, r in agencies.items() if r == LUOQI)
    alone = await get(demo, path, muer, agency_id=luoqi_team)
    assert all(not v for v in values(alone["figures"]).values() if isinstance(v, int))


async def test_the_dashboard_asks_each_source_once(demo: Platform) -> None:
    resp = await demo.client.get("/api/v1/review/dashboard",
                                 params={"region_code": DISTRICT, "year": YEAR},
                                 headers=demo.headers("supervisor", region_code=DISTRICT))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["calls"] == len(body["sources"]) == len(PATHS)
    admin = demo.headers("sysadmin")
    for row in body["agencies"]:
        alone: dict[str, Any] = {}
        for path in PATHS:
            alone.update(values((await get(demo, path, admin,
                                           agency_id=row["agency_id"]))["figures"]))
        assert row["figures"] == {k: alone.get(k) for k in row["figures"]}, row["name"]
        assert row["certificate_rate"] == alone["officers.certified_rate"]
        assert row["evaluation_rank"] == alone["evaluation.rank"]
