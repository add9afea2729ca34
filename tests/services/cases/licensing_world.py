"""Licensing test helpers: a real township agency from personnel, licence matters through the
API, applications with uploaded materials, and the moves between states."""

from __future__ import annotations

import itertools
from typing import Any

from factories_extra import Agency, create_agency, create_officer, make_id_number, make_uscc
from harness import Platform

P = "https://zhifa.dev/problems/"
L = "/api/v1/cases"
_seq = itertools.count(1)
MATERIALS = [{"name": "申请报告", "required": True, "form": "original"},
             {"name": "村民委员会书面意见", "required": True, "form": "original"},
             {"name": "身份证", "required": False, "form": "copy"}]


def matter_body(agency: Agency, **over: Any) -> dict[str, Any]:
    n = next(_seq)
    data = {"code": f"LX{n:04d}", "name": "乡村建设规划许可", "agency_id": agency.id,
            "issuing_authority": "木耳镇人民政府", "delegation_kind": "empowered",
            "delegation_ref": "渝府发〔2024〕1号", "category": "普通",
            "legal_basis": ["《中华人民共和国城乡规划法》第四十一条"],
            "conditions": "在乡、村庄规划区内进行乡村建设", "materials": MATERIALS,
            "public_notice_steps": [{"name": "村内张榜公示", "days": 7, "unit": "calendar"}],
            "certificate": {"name": "乡村建设规划许可证", "prefix": "乡字第",
                            "number_pattern": "{prefix}500112{year}{seq:05d}号",
                            "validity_years": 2},
            "publish": True}
    return {**data, **over}


class Lic:
    """One agency with a published matter; helpers drive its applications."""

    def __init__(self, zhifa: Platform) -> None:
        self.zhifa, self.client = zhifa, zhifa.client
        self.agency: Agency
        self.matter: dict[str, Any] = {}
        self.o: list[str] = []

    async def setup(self, **matter: Any) -> Lic:
        self.agency = await create_agency(self.zhifa)
        # two staff (reviewers), the head (负责人: approves extensions, hosts hearings), staff
        for position in ("staff", "staff", "head", "staff"):
            await create_officer(self.zhifa, self.agency, position=position)  # appends
        self.o = self.agency.officers
        self.matter = await self.create_matter(**matter)
        return self

    def officer(self) -> dict[str, str]:
        return self.agency.headers(self.zhifa)

    def admin(self) -> dict[str, str]:
        return self.agency.headers(self.zhifa, "agency_admin")

    async def create_matter(self, **over: Any) -> dict[str, Any]:
        resp = await self.client.post(f"{L}/licence-matters", headers=self.admin(),
                                      json=matter_body(self.agency, **over))
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def receive(self, on: str = "2026-03-02", kind: str = "person",
                      matter_id: str | None = None, **applicant: Any) -> Any:
        a: dict[str, Any] = {"kind": kind, "name": "张三" if kind == "person" else "木耳镇某公司"}
        a.update({"id_number": make_id_number()} if kind == "person" else {"uscc": make_uscc()})
        a.update(applicant)
        return await self.client.post(f"{L}/licence-applications", headers=self.officer(), json={
            "matter_id": matter_id or self.matter["id"], "applicant": a, "received_on": on,
            "request": "在宅基地上新建住房一栋"})

    async def new(self, on: str = "2026-03-02", **kw: Any) -> dict[str, Any]:
        resp = await self.receive(on, **kw)
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def upload(self, app_id: str, name: str, content: bytes = b"%PDF-1.4 test") -> Any:
        return await self.client.post(
            f"{L}/licence-applications/{app_id}/materials", headers=self.officer(),
            data={"name": name}, files={"file": (f"{name}.pdf", content, "application/pdf")})

    async def act(self, app_id: str, action: str, body: dict[str, Any] | None = None,
                  headers: dict[str, str] | None = None) -> Any:
        return await self.client.post(f"{L}/licence-applications/{app_id}/{action}",
                                      headers=headers or self.officer(), json=body or {})

    async def ok(self, app_id: str, action: str, body: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> dict[str, Any]:
        resp = await self.act(app_id, action, body, headers)
        assert resp.status_code == 200, resp.text
        return resp.json()

    async def onsite_inspection(self) -> str:
        """A 个案 inspection of this agency (the application's 现场核查), through the API."""
        resp = await self.client.post(f"{L}/inspection-items", headers=self.admin(), json={
            "code": f"XC{next(_seq):04d}", "name": "乡村建设现场核查", "agency_id": self.agency.id,
            "legal_basis": "《中华人民共和国城乡规划法》第四十一条", "target_kind": "person",
            "domain": "urban_management", "types_allowed": ["case"],
            "methods_allowed": ["onsite"], "double_random": "none", "publish": True})
        assert resp.status_code == 201, resp.text
        resp = await self.client.post(f"{L}/inspections", headers=self.officer(), json={
            "type": "case", "source": "enterprise_request", "item_ids": [resp.json()["id"]],
            "method": "onsite", "officer_ids": self.o[:2], "assistants": 0,
            "planned_on": "2026-03-05", "cap_exempt_reason": "licensing_verification"})
        assert resp.status_code == 201, resp.text
        return str(resp.json()["id"])

    async def get(self, app_id: str) -> dict[str, Any]:
        resp = await self.client.get(f"{L}/licence-applications/{app_id}", headers=self.officer())
        assert resp.status_code == 200, resp.text
        return resp.json()

    async def accepted(self, received: str = "2026-03-02", accept_on: str = "2026-03-03",
                       **kw: Any) -> dict[str, Any]:
        app = await self.new(received, **kw)
        for m in MATERIALS[:2]:
            assert (await self.upload(app["id"], m["name"])).status_code == 201
        return await self.ok(app["id"], "accept", {"on": accept_on})

    async def reviewed(self, received: str = "2026-03-02", accept_on: str = "2026-03-03",
                       **kw: Any) -> dict[str, Any]:
        app = await self.accepted(received, accept_on, **kw)
        return await self.ok(app["id"], "review", {
            "reviewer_ids": self.o[:2], "findings": "现场核查，符合规划", "on": accept_on})

    async def licence(self, received: str = "2026-03-02", decided: str = "2026-03-10",
                      **kw: Any) -> dict[str, Any]:
        app = await self.reviewed(received, min(decided, "2026-03-03")
                                  if received <= "2026-03-03" else received, **kw)
        await self.ok(app["id"], "decide", {"granted": True, "reasons": "符合条件",
                                            "on": decided, "content": "新建住房一栋"})
        app = await self.ok(app["id"], "issue-certificate", {"on": decided})
        resp = await self.client.get(f"{L}/licences/{app['licence_id']}", headers=self.officer())
        assert resp.status_code == 200, resp.text
        return resp.json()


def deadline(app: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in app["deadlines"] if d["name"] == name)


def problem(resp: Any, status: int, slug: str, rule: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert body["type"] == P + slug, body
    if rule is not None:
        assert body["rule"] == rule, body
    return body
