"""Cases-core test helpers: agencies, officers and certificates through personnel's real API,
matters and cases through the cases API, legal reviews through review's real API, and helpers
that drive a case to a given stage."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

from check_digits import with_id_check, with_uscc_check
from harness import Platform

_seq = itertools.count(1)
DOMAIN = "urban_management"
TOWN, TOWN_B, DISTRICT = "500112100", "500112101", "500112"
C, PER, REV = "/api/v1/cases", "/api/v1/personnel", "/api/v1/review"
PROBLEM = "https://zhifa.dev/problems/"
CHECKLIST = ("subject", "qualification", "authority", "procedure", "facts", "evidence",
             "legal_basis", "discretion", "documents", "criminal_transfer")


def uscc() -> str:
    # "…1129…": never the "…11200…" numbers of factories_extra.make_uscc (own counter)
    body = f"115001129{next(_seq):08d}"[:17]
    return with_uscc_check(body)


def id_number(born: str = "19800102") -> str:  # not make_id_number's default day
    body = f"500112{born}{next(_seq) % 1000:03d}"
    return with_id_check(body)


class World:
    """One township agency with qualified officers, a matter, and helpers to move cases."""

    def __init__(self, zhifa: Platform) -> None:
        self.zhifa, self.client = zhifa, zhifa.client
        self.sys = zhifa.headers("sysadmin")
        self.agency: dict[str, Any] = {}
        self.officers: list[str] = []
        self.matter: dict[str, Any] = {}

    @property
    def agency_id(self) -> str:
        return self.agency["id"]

    def officer_headers(self, **kw: Any) -> dict[str, str]:
        return self.zhifa.headers("officer", agency_id=self.agency_id, region_code=TOWN,
                                  officer_id=self.officers[0] if self.officers else None,
                                  **kw)

    def admin_headers(self) -> dict[str, str]:
        return self.zhifa.headers("agency_admin", agency_id=self.agency_id, region_code=TOWN)

    async def setup(self, officers: int = 3, region: str = TOWN, **matter: Any) -> World:
        self.agency = await self.create_agency(region)
        for i in range(officers):  # the third officer is the agency's head (负责人, approves)
            self.officers.append(await self.create_officer(
                position="head" if i == 2 else "staff"))
        self.matter = await self.create_matter(**matter)
        return self

    async def create_agency(self, region: str = TOWN) -> dict[str, Any]:
        resp = await self.client.post(f"{PER}/agencies", headers=self.sys, json={
            "name": f"木耳镇综合行政执法大队{next(_seq)}", "short_name": "木耳综执",
            "uscc": uscc(), "kind": "township_government", "region_code": region,
            "domains": [DOMAIN]})
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def create_officer(self, *, domain: str = DOMAIN, issued_on: str = "2025-01-01",
                             expires_on: str | None = "2029-12-31",
                             position: str = "staff") -> str:
        resp = await self.client.post(f"{PER}/officers", headers=self.sys, json={
            "name": f"执法员{next(_seq)}", "id_number": id_number(),
            "agency_id": self.agency_id, "employment_type": "established",
            "has_legal_qualification": True, "position": position})
        assert resp.status_code == 201, resp.text
        oid = resp.json()["id"]
        for subject in ("general_law", "special_law"):
            resp = await self.client.post(f"{PER}/officers/{oid}/exams", headers=self.sys,
                                          json={"subject": subject, "passed_on": "2019-06-01",
                                                "score": 90})
            assert resp.status_code == 201, resp.text
        cert: dict[str, Any] = {"number": f"CQ-{uuid.uuid4().hex[:10]}", "domains": [domain],
                                "issued_on": issued_on}
        if expires_on:
            cert["expires_on"] = expires_on
        resp = await self.client.post(f"{PER}/officers/{oid}/certificates", headers=self.sys,
                                      json=cert)
        assert resp.status_code == 201, resp.text
        return oid

    async def create_matter(self, **over: Any) -> dict[str, Any]:
        body = {"code": f"M{next(_seq):05d}", "name": "占道经营", "kind": "penalty",
                "source": "statutory", "domain": DOMAIN,
                "legal_basis": "《城市市容和环境卫生管理条例》第十四条",
                "penalty_basis": "《城市市容和环境卫生管理条例》第三十六条",
                "agency_id": self.agency_id, "effective_from": "2020-01-01",
                "discretion_tiers": [
                    {"tier": "轻微", "circumstances": "首次、及时改正", "min_fine": "0.00",
                     "max_fine": "2000.00"},
                    {"tier": "一般", "circumstances": "", "min_fine": "2000.00",
                     "max_fine": "30000.00"}],
                "soft_enforcement": True, **over}
        resp = await self.client.post(f"{C}/matters", headers=self.admin_headers(), json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def lead_body(self, **over: Any) -> dict[str, Any]:
        return {"matter_id": self.matter["id"],
                "party": {"kind": "person", "name": "张三", "id_number": id_number(),
                          "address": "木耳镇人民路1号", "phone": "13800000000"},
                "source": "inspection", "act_date": "2026-03-01",
                "discovered_on": "2026-03-02", "facts": "在人行道上摆摊经营", **over}

    async def lead(self, **over: Any) -> dict[str, Any]:
        resp = await self.client.post(f"{C}/cases", headers=self.officer_headers(),
                                      json=self.lead_body(**over))
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def act(self, case_id: str, action: str, body: dict[str, Any] | None = None,
                  expect: int = 200, **kw: Any) -> dict[str, Any]:
        resp = await self.client.post(f"{C}/cases/{case_id}/{action}",
                                      headers=kw.pop("headers", None) or self.officer_headers(),
                                      json=body if body is not None else {}, **kw)
        assert resp.status_code == expect, resp.text
        return resp.json()

    async def get(self, case_id: str) -> dict[str, Any]:
        resp = await self.client.get(f"{C}/cases/{case_id}", headers=self.officer_headers())
        assert resp.status_code == 200, resp.text
        return resp.json()

    async def filed(self, **over: Any) -> dict[str, Any]:
        case = await self.lead(**over)
        await self.act(case["id"], "file", {"officer_ids": self.officers[:2],
                                             "approver_id": self.officers[2],
                                             "filed_on": "2026-03-03"})
        return case

    async def concluded(self, fine: str = "1000.00", **over: Any) -> dict[str, Any]:
        case = await self.filed()
        body = {"outcome": "penalty", "penalties": [{"kind": "fine", "amount": fine}],
                "discretion_tier": "轻微" if float(fine) <= 2000 else "一般",
                "reasoning": "事实清楚", **over}
        await self.act(case["id"], "conclude", body)
        return case

    async def notified(self, fine: str = "1000.00", served_on: str = "2026-03-20",
                       **over: Any) -> dict[str, Any]:
        case = await self.concluded(fine, **over)
        await self.act(case["id"], "notify", {"served_on": served_on, "method": "direct"})
        return case

    async def decided(self, fine: str = "1000.00") -> dict[str, Any]:
        case = await self.notified(fine)
        await self.act(case["id"], "decide", {"decided_on": "2026-03-30"})
        return case

    async def approve_review(self, case_id: str, outcome: str = "approved") -> dict[str, Any]:
        """Deliver events, then let a qualified reviewer approve the newest round in review."""
        await self.zhifa.drain()
        admin = self.admin_headers()
        user = f"reviewer-{uuid.uuid4().hex[:6]}"
        resp = await self.client.post(f"{REV}/reviewers", headers=admin, json={
            "user_id": user, "name": "审核员", "agency_id": self.agency_id,
            "region_code": TOWN, "has_legal_qualification": True})
        assert resp.status_code == 201, resp.text
        reviewer = resp.json()["id"]
        rh = self.zhifa.headers("legal_reviewer", agency_id=self.agency_id, region_code=TOWN,
                                subject=user)
        resp = await self.client.get(f"{REV}/legal-reviews?status=pending", headers=rh)
        assert resp.status_code == 200, resp.text
        mine = [r for r in resp.json()["items"] if r["case_id"] == case_id]
        review = max(mine, key=lambda r: r["round"])
        resp = await self.client.post(f"{REV}/legal-reviews/{review['id']}/assign",
                                      headers=admin, json={"reviewer_id": reviewer})
        assert resp.status_code == 200, resp.text
        checklist = {k: {"passed": outcome == "approved", "note": "" if outcome == "approved"
                         else "证据不足"} for k in CHECKLIST}
        resp = await self.client.post(f"{REV}/legal-reviews/{review['id']}/opinion",
                                      headers=rh, json={"outcome": outcome,
                                                        "checklist": checklist,
                                                        "opinion": "同意" if outcome ==
                                                        "approved" else "不同意"})
        assert resp.status_code == 200, resp.text
        await self.zhifa.drain()
        return review


def problem(resp: Any, status: int, slug: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["type"] == PROBLEM + slug, body
    return body


async def world(zhifa: Platform, **kw: Any) -> World:
    return await World(zhifa).setup(**kw)


TODAY = date.today()
