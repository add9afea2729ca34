"""The agency name kept for numbers and documents (`clients.agency_named`, issue 17 point 6): a
fresh copy answers without a personnel call, an old one is asked again, a kept copy stands in
while personnel is down, and with `agency_cache_seconds=0` personnel is asked every time. The
upstream is an HTTP stand-in at the transport (this tests the cache, not personnel); the
platform tests file and decide cases through the real personnel service with the cache on."""

from __future__ import annotations

import httpx
import pytest

from kit import errors
from kit.auth import KeyRing
from kit.http import ServiceClient, TtlCache
from kit.settings import JwtSettings
from services.cases.clients import Upstream, agency_named

AGENCY = "00000000-0000-0000-0000-00000000a001"


class Personnel:
    def __init__(self) -> None:
        self.calls, self.up, self.name = 0, True, "木耳镇综合行政执法大队"

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if not self.up:
            return httpx.Response(503, json={"title": "down"})
        assert request.url.path == f"/api/v1/personnel/agencies/{AGENCY}"
        return httpx.Response(200, json={"id": AGENCY, "name": self.name,
                                         "short_name": "木耳综执", "region_code": "500112117"})


def upstream(personnel: Personnel, cache: TtlCache | None, ttl: float,
             tmp_path) -> Upstream:  # type: ignore[no-untyped-def]
    http = httpx.AsyncClient(transport=httpx.MockTransport(personnel.handle),
                             base_url="http://personnel")
    return Upstream({"personnel": ServiceClient("personnel", http)}, {"Authorization": "x"},
                    KeyRing.load(tmp_path, generate=True), JwtSettings(), cache, ttl)


async def test_a_fresh_copy_answers_and_an_old_one_is_asked_again(tmp_path) -> None:
    now = [100.0]
    cache, personnel = TtlCache(clock=lambda: now[0]), Personnel()
    up = upstream(personnel, cache, 60, tmp_path)
    assert (await agency_named(up, AGENCY)).short_name == "木耳综执"
    assert (await agency_named(up, AGENCY)).name == "木耳镇综合行政执法大队"
    assert personnel.calls == 1
    personnel.name = "木耳镇人民政府综合行政执法大队"
    now[0] += 59.9
    assert (await agency_named(up, AGENCY)).name == "木耳镇综合行政执法大队"  # within 60 s
    now[0] += 0.2
    assert (await agency_named(up, AGENCY)).name == "木耳镇人民政府综合行政执法大队"
    assert personnel.calls == 2


async def test_a_kept_copy_stands_in_while_personnel_is_down(tmp_path) -> None:
    now = [0.0]
    cache, personnel = TtlCache(clock=lambda: now[0]), Personnel()
    up = upstream(personnel, cache, 60, tmp_path)
    await agency_named(up, AGENCY)
    personnel.up, now[0] = False, 3600.0
    assert (await agency_named(up, AGENCY)).short_name == "木耳综执"
    assert personnel.calls == 2  # it asked, then used the copy
    cold = upstream(personnel, TtlCache(), 60, tmp_path)
    with pytest.raises(errors.ServiceUnavailable):
        await agency_named(cold, AGENCY)


async def test_zero_seconds_asks_every_time(tmp_path) -> None:
    personnel = Personnel()
    for cache in (TtlCache(), None):
        up = upstream(personnel, cache, 0, tmp_path)
        await agency_named(up, AGENCY)
        await agency_named(up, AGENCY)
    assert personnel.calls == 4


def test_the_cache_is_bounded() -> None:
    cache = TtlCache(size=3)
    for n in range(3):
        cache.put(str(n), n)
    cache.put("3", 3)
    assert list(cache.entries) == ["3"]
