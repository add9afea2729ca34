"""Personnel test helpers: valid identifiers and a small district with two towns."""

from __future__ import annotations

from typing import Any

import pytest
from check_digits import id_check as id_check_char
from check_digits import uscc_check as uscc_check_char
from harness import Platform

DISTRICT, TOWN_A, TOWN_B = "500112", "500112100", "500112101"
DOMAIN = "urban_management"
P = "/api/v1/personnel"


def make_id(seq: int, birth: str = "19800101") -> str:
    first = f"110105{birth}{seq % 1000:03d}"
    return first + id_check_char(first)


def make_uscc(seq: int) -> str:
    first = f"11500112MB{seq:07d}"[:17]
    return first + uscc_check_char(first)


class World:
    """A district justice bureau with two towns, created through the API as sysadmin."""

    def __init__(self, zhifa: Platform) -> None:
        self.zhifa, self.client = zhifa, zhifa.client
        self.sys = zhifa.headers("sysadmin")
        self.seq = 0
        self.district: dict[str, Any] = {}
        self.town_a: dict[str, Any] = {}
        self.town_b: dict[str, Any] = {}

    def next(self) -> int:
        self.seq += 1
        return self.seq

    async def setup(self) -> World:
        self.district = await self.agency("区司法局", DISTRICT, kind="district_department")
        self.town_a = await self.agency("甲镇人民政府", TOWN_A, parent_id=self.district["id"])
        self.town_b = await self.agency("乙镇人民政府", TOWN_B, parent_id=self.district["id"])
        return self

    async def agency(self, name: str, region: str, kind: str = "township_government",
                     parent_id: str | None = None) -> dict[str, Any]:
        resp = await self.client.post(f"{P}/agencies", headers=self.sys, json={
            "name": name, "uscc": make_uscc(self.next()), "kind": kind, "parent_id": parent_id,
            "region_code": region, "domains": [DOMAIN, "market_regulation"]})
        assert resp.status_code == 201, resp.text
        return resp.json()

    def headers(self, role: str, agency: dict[str, Any], **kw: Any) -> dict[str, str]:
        return self.zhifa.headers(role, agency_id=agency["id"],
                                  region_code=agency["region_code"], **kw)

    async def officer(self, agency: dict[str, Any], **fields: Any) -> dict[str, Any]:
        body = {"name": f"执法员{self.seq}", "id_number": make_id(self.next()),
                "agency_id": agency["id"], "employment_type": "established", "on_post": True,
                "has_legal_qualification": False, **fields}
        resp = await self.client.post(f"{P}/officers", headers=self.sys, json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def exam(self, officer_id: str, subject: str, score: int = 90,
                   on: str = "2025-06-01") -> None:
        resp = await self.client.post(f"{P}/officers/{officer_id}/exams", headers=self.sys,
                                      json={"subject": subject, "passed_on": on, "score": score})
        assert resp.status_code == 201, resp.text

    async def certify(self, officer_id: str, *, domains: list[str] | None = None,
                      region_code: str | None = None, issued_on: str = "2025-07-01",
                      number: str | None = None) -> dict[str, Any]:
        await self.exam(officer_id, "general_law")
        await self.exam(officer_id, "special_law")
        body: dict[str, Any] = {"number": number or f"CQ{self.next():08d}",
                                "domains": domains or [DOMAIN], "issued_on": issued_on}
        if region_code:
            body["region_code"] = region_code
        resp = await self.client.post(f"{P}/officers/{officer_id}/certificates",
                                      headers=self.sys, json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def certified_officer(self, agency: dict[str, Any], **kw: Any
                                ) -> tuple[dict[str, Any], dict[str, Any]]:
        officer = await self.officer(agency)
        return officer, await self.certify(officer["id"], **kw)


@pytest.fixture
async def world(zhifa: Platform) -> World:
    return await World(zhifa).setup()
