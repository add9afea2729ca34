"""事前公开: officers from personnel's public directory and the published matter catalogue."""

from __future__ import annotations

import socket

import httpx
from factories_extra import agency_with_officers, create_matter, create_officer
from harness import Platform

PROBLEMS = "https://zhifa.dev/problems/"
OFFICERS = "/api/v1/publicity/officers"
MATTERS = "/api/v1/publicity/matters"


def _dead_client() -> httpx.AsyncClient:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=2)


class TestListOfficers:
    async def test_lists_certified_officers_without_id_numbers(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa, n=2)
        resp = await zhifa.client.get(OFFICERS, params={"agency_id": agency.id})
        assert resp.status_code == 200
        items = resp.json()["items"]
        assert sorted(i["officer_id"] for i in items) == sorted(agency.officers)
        assert all(i["certificate_number"] and i["domains"] for i in items)
        assert all("id_number" not in i for i in items)

    async def test_conditional_get_answers_304(self, zhifa: Platform) -> None:
        await agency_with_officers(zhifa, n=1)
        first = await zhifa.client.get(OFFICERS)
        again = await zhifa.client.get(OFFICERS, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304

    async def test_results_are_cached_briefly(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa, n=1)
        params = {"agency_id": agency.id}
        first = (await zhifa.client.get(OFFICERS, params=params)).json()
        await create_officer(zhifa, agency)
        cached = (await zhifa.client.get(OFFICERS, params=params)).json()
        zhifa.apps["publicity"].state.settings.directory_cache_seconds = 0
        fresh = (await zhifa.client.get(OFFICERS, params=params)).json()
        assert (len(first["items"]), len(cached["items"]), len(fresh["items"])) == (1, 1, 2)

    async def test_stale_copy_is_served_while_personnel_is_down(self, zhifa: Platform) -> None:
        await agency_with_officers(zhifa, n=1)
        first = (await zhifa.client.get(OFFICERS)).json()
        state = zhifa.apps["publicity"].state
        state.settings.directory_cache_seconds = 0
        real, state.clients["personnel"].http = state.clients["personnel"].http, _dead_client()
        try:
            resp = await zhifa.client.get(OFFICERS)
        finally:
            await state.clients["personnel"].http.aclose()
            state.clients["personnel"].http = real
        assert resp.status_code == 200 and resp.json() == first

    async def test_personnel_down_without_copy_is_503(self, zhifa: Platform) -> None:
        state = zhifa.apps["publicity"].state
        real, state.clients["personnel"].http = state.clients["personnel"].http, _dead_client()
        try:
            resp = await zhifa.client.get(OFFICERS)
        finally:
            await state.clients["personnel"].http.aclose()
            state.clients["personnel"].http = real
        assert resp.status_code == 503
        assert resp.json()["type"] == PROBLEMS + "service-unavailable"


class TestListMatters:
    async def test_lists_published_matters_with_procedure_and_remedy(self,
                                                                     zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa, n=1)
        matter = await create_matter(zhifa, agency)
        resp = await zhifa.client.get(MATTERS)
        assert resp.status_code == 200
        [item] = resp.json()["items"]
        assert (item["code"], item["legal_basis"]) == (matter.code, matter.legal_basis)
        assert "行政处罚法" in item["procedure"] and "行政复议" in item["remedy"]
        assert item["discretion_tiers"] == []
