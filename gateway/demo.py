"""`zhifa demo load`: a small demo district through the public API, idempotently.

渝北区司法局 supervises two towns (木耳镇, 洛碛镇), each with a township government and a
comprehensive enforcement team (综合行政执法大队) holding certified officers and a few matters.
Every entity is looked up by its natural key (USCC, officer name in its agency, username, matter
code) before it is created, so running the loader again changes nothing."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.composition import build_all_in_one
from services.personnel.accounts.schemas import UserCreate
from services.personnel.accounts.service import create_user

PASSWORD = "zhifa-demo-2026"
DISTRICT = "500112"
AGENCIES = [  # key, name, short, uscc, kind, region, parent key, domains
    ("bureau", "重庆市渝北区司法局", "渝北司法", "11500112MB1234567U", "district_department",
     DISTRICT, None, []),
    ("muer", "重庆市渝北区木耳镇人民政府", "木耳镇", "11500112MB1234568Y",
     "township_government", "500112117", None, ["urban_management", "planning"]),
    ("muer_team", "木耳镇综合行政执法大队", "木耳综执", "11500112MB12345692",
     "comprehensive_team", "500112117", "muer", ["urban_management", "planning"]),
    ("luoqi", "重庆市渝北区洛碛镇人民政府", "洛碛镇", "11500112MB123457A6",
     "township_government", "500112118", None, ["urban_management", "planning"]),
    ("luoqi_team", "洛碛镇综合行政执法大队", "洛碛综执", "11500112MB123458BA",
     "comprehensive_team", "500112118", "luoqi", ["urban_management", "planning"]),
]
OFFICERS = [  # agency key, name, id number, certificate number
    ("muer_team", "王建国", "500112198503121011", "50011221000101"),
    ("muer_team", "李晓梅", "500112198807211032", "50011221000102"),
    ("muer_team", "张志强", "500112199001051054", "50011221000103"),
    ("luoqi_team", "陈立新", "500112198711301076", "50011221000201"),
    ("luoqi_team", "刘芳", "500112199206181098", "50011221000202"),
    ("luoqi_team", "赵明", "500112198309091111", "50011221000203"),
]
USERS = [  # username, roles, agency key, officer name, display name
    ("admin", ["sysadmin"], None, None, "系统管理员"),
    ("supervisor", ["supervisor"], None, None, "区司法局执法监督科"),
    ("reviewer", ["legal_reviewer"], "bureau", None, "法制审核员（外聘律师）"),
    ("muer-admin", ["agency_admin"], "muer_team", None, "木耳镇执法大队管理员"),
    ("muer-officer", ["officer"], "muer_team", "王建国", "王建国"),
    ("luoqi-officer", ["officer"], "luoqi_team", "陈立新", "陈立新"),
]
MATTERS = [  # agency key, code, name, domain, legal basis, penalty basis, tiers
    ("muer_team", "UM-0101", "擅自占用城市道路", "urban_management",
     "《城市道路管理条例》第二十七条", "《城市道路管理条例》第四十二条",
     [("轻微", "首次、及时改正", "0", "1000.00"), ("一般", "未及时改正", "1000.00", "10000.00")]),
    ("muer_team", "PL-0201", "未取得乡村建设规划许可证进行建设", "planning",
     "《城乡规划法》第四十一条", "《城乡规划法》第六十五条",
     [("一般", "可以改正", "0", "0")]),
    ("luoqi_team", "UM-0101", "擅自占用城市道路", "urban_management",
     "《城市道路管理条例》第二十七条", "《城市道路管理条例》第四十二条",
     [("轻微", "首次、及时改正", "0", "1000.00"), ("一般", "未及时改正", "1000.00", "10000.00")]),
]


class Demo:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client, self.headers = client, {}
        self.agencies: dict[str, dict[str, Any]] = {}
        self.officers: dict[str, dict[str, Any]] = {}

    async def call(self, method: str, path: str, ok: tuple[int, ...] = (200, 201),
                   **kw: Any) -> httpx.Response:
        resp = await self.client.request(method, path, headers=self.headers, **kw)
        if resp.status_code not in ok:
            raise RuntimeError(f"{method} {path} → {resp.status_code}: {resp.text[:500]}")
        return resp

    async def login(self, username: str) -> None:
        resp = await self.client.post("/api/v1/auth/token",
                                      data={"username": username, "password": PASSWORD})
        resp.raise_for_status()
        self.headers = {"Authorization": f"Bearer {resp.json()['access_token']}"}

    async def load_agencies(self) -> None:
        existing = (await self.call("GET", "/api/v1/personnel/agencies",
                                    params={"limit": 200})).json()["items"]
        by_uscc = {a["uscc"]: a for a in existing}
        for key, name, short, uscc, kind, region, parent, domains in AGENCIES:
            if uscc not in by_uscc:
                body = {"name": name, "short_name": short, "uscc": uscc, "kind": kind,
                        "region_code": region, "domains": domains,
                        "parent_id": self.agencies[parent]["id"] if parent else None}
                by_uscc[uscc] = (await self.call("POST", "/api/v1/personnel/agencies",
                                                 json=body)).json()
            self.agencies[key] = by_uscc[uscc]

    async def load_officers(self) -> None:
        for key, name, id_number, cert in OFFICERS:
            agency = self.agencies[key]
            found = [o for o in (await self.call(
                "GET", "/api/v1/personnel/officers",
                params={"agency_id": agency["id"], "limit": 200})).json()["items"]
                if o["name"] == name]
            if found:
                self.officers[name] = found[0]
                continue
            officer = (await self.call("POST", "/api/v1/personnel/officers", json={
                "name": name, "id_number": id_number, "agency_id": agency["id"],
                "employment_type": "established", "on_post": True})).json()
            base = f"/api/v1/personnel/officers/{officer['id']}"
            for subject in ("general_law", "special_law"):
                await self.call("POST", f"{base}/exams", json={
                    "subject": subject, "passed_on": "2025-06-20", "score": 86})
            await self.call("POST", f"{base}/certificates", json={
                "number": cert, "domains": agency["domains"], "issued_on": "2025-07-01"})
            self.officers[name] = officer

    async def load_users(self) -> None:
        for username, roles, agency_key, officer_name, display in USERS[1:]:
            agency = self.agencies.get(agency_key or "")
            body = {"username": username, "password": PASSWORD, "roles": roles,
                    "display_name": display,
                    "agency_id": agency["id"] if agency else None,
                    "region_code": agency["region_code"] if agency else DISTRICT,
                    "officer_id": self.officers[officer_name]["id"] if officer_name else None}
            await self.call("POST", "/api/v1/personnel/users", ok=(201, 409), json=body)
        reviewers = (await self.call("GET", "/api/v1/review/reviewers")).json()
        if not any(r["name"] == "法制审核员（外聘律师）" for r in reviewers):
            await self.call("POST", "/api/v1/review/reviewers", json={
                "user_id": "reviewer", "name": "法制审核员（外聘律师）",
                "agency_id": self.agencies["bureau"]["id"], "region_code": DISTRICT,
                "has_legal_qualification": True, "is_external": True})

    async def load_matters(self) -> None:
        for key, code, name, domain, basis, penalty, tiers in MATTERS:
            agency = self.agencies[key]
            listed = (await self.call("GET", "/api/v1/cases/matters", params={
                "agency_id": agency["id"], "limit": 200})).json()["items"]
            if any(m["code"] == code for m in listed):
                continue
            await self.call("POST", "/api/v1/cases/matters", json={
                "code": code, "name": name, "domain": domain, "legal_basis": basis,
                "penalty_basis": penalty, "agency_id": agency["id"],
                "region_code": agency["region_code"], "effective_from": "2024-01-01",
                "discretion_tiers": [{"tier": t, "circumstances": c, "min_fine": lo,
                                      "max_fine": hi} for t, c, lo, hi in tiers]})


async def _ensure_admin(app: Any) -> None:
    async with app.state.services["personnel"].state.sessionmaker() as session:
        from sqlalchemy import select

        from services.personnel.models import User

        if await session.scalar(select(User).where(User.username == "admin")) is None:
            await create_user(session, None, UserCreate(
                username="admin", password=PASSWORD, roles=["sysadmin"],
                display_name="系统管理员", region_code=DISTRICT))
            await session.commit()


async def load_demo(data_dir: str) -> None:
    app = build_all_in_one(data_dir)  # creates the data dir
    async with app.router.lifespan_context(app):
        await _ensure_admin(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://demo",
                                     timeout=60) as client:
            demo = Demo(client)
            await demo.login("admin")
            await demo.load_agencies()
            await demo.load_officers()
            await demo.load_users()
            await demo.load_matters()
            from gateway.demo_inspections import load_inspections
            await load_inspections(demo, demo.agencies["muer_team"], [
                demo.officers[n]["id"] for n in ("王建国", "李晓梅", "张志强")], "UM-0101")
    print(f"演示辖区已就绪（可重复执行）。演示账户（密码均为 {PASSWORD}）：")
    for username, roles, agency_key, _, display in USERS:
        where = next((a[1] for a in AGENCIES if a[0] == agency_key), "渝北区")
        print(f"  {username:14} {','.join(roles):15} {where}  {display}")
