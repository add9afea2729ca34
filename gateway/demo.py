"""`zhifa demo load`: a small demo district through the public API, idempotently.

渝北区司法局 supervises two towns (木耳镇, 洛碛镇), each with a township government and a
comprehensive enforcement team (综合行政执法大队) holding certified officers and a few matters.
Every entity is looked up by its natural key (USCC, officer name in its agency, username, matter
code) before it is created, so running the loader again changes nothing. The records the
OpenAPI examples name get fixed ids (`services.cases.examples.demo_id`, planned with
`kit.db.planned_ids` for the one insert that creates each), so "Try it out" works as written."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

from gateway.composition import build_all_in_one
from kit.db import planned_ids
from services.cases.examples import demo_id
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
HEADS = {"张志强", "赵明"}  # each team's 负责人: approves filings, seizures, extensions
USERS = [  # username, roles, agency key, officer name, display name
    ("admin", ["sysadmin"], None, None, "系统管理员"),
    ("supervisor", ["supervisor"], None, None, "区司法局执法监督科"),
    ("reviewer", ["legal_reviewer"], "bureau", None, "法制审核员（外聘律师）"),
    ("muer-admin", ["agency_admin"], "muer_team", None, "木耳镇执法大队管理员"),
    ("muer-licensing", ["agency_admin"], "muer", None, "木耳镇政务服务（行政许可）"),
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


# the two seed licences; the Chongqing empowerment text and the
# certificates' validity were not retrieved (UNVERIFIED), so they are marked as such
RURAL, FOREST = "XK-0101", "XK-0201"
LICENCE_MATTERS: list[dict[str, Any]] = [
    {"code": RURAL, "name": "乡村建设规划许可", "issuing_authority": "重庆市渝北区木耳镇人民政府",
     "delegation_kind": "empowered", "delegation_ref": "重庆市赋权乡镇（街道）事项（UNVERIFIED）",
     "legal_basis": ["《中华人民共和国城乡规划法》第四十一条"],
     "conditions": "在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设或农村村民住宅建设，"
                   "不得占用农用地（确需占用的先办理农用地转用审批）",
     "materials": [
         {"name": "申请报告", "form": "original"},
         {"name": "宅基地批准文件或宅基地使用证明", "form": "copy"},
         {"name": "户籍证明", "form": "original"},
         {"name": "村民委员会书面意见", "form": "original"},
         {"name": "住宅建设工程设计方案", "form": "original", "template": "农房设计通用图集"},
         {"name": "身份证", "form": "copy"}],
     "statutory_days": 20, "promised_days": 20,
     "public_notice_steps": [{"name": "村内张榜公告", "days": 7, "unit": "calendar"}],
     "certificate": {"name": "乡村建设规划许可证", "prefix": "乡字第",
                     "number_pattern": "{prefix}500112{year}{seq:05d}号", "validity_years": 1}},
    {"code": FOREST, "name": "林木采伐许可",
     "issuing_authority": "重庆市渝北区林业局（委托木耳镇人民政府）",
     "delegation_kind": "entrusted", "safety_related": False,
     "legal_basis": ["《中华人民共和国森林法》第五十六条、第五十七条"],
     "conditions": "农村居民采伐自留山和个人承包集体林地上的林木；不得超过年采伐限额",
     "materials": [
         {"name": "采伐申请书（地点、林种、树种、面积、蓄积、方式、更新措施）", "form": "original"},
         {"name": "林木权属证明", "form": "copy"},
         {"name": "伐区调查设计", "required": False, "form": "original"}],
     "statutory_days": 20,
     "public_notice_steps": [{"name": "村内公示", "days": 7, "unit": "working"}],
     "certificate": {"name": "林木采伐许可证", "prefix": "渝北林采",
                     "number_pattern": "{prefix}〔{year}〕{seq:04d}号", "validity_years": 1}},
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
                with planned_ids(agencies=[fixed(f"agency/{key}")]):
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
            with planned_ids(officers=[fixed(f"officer/{name}")]):
                officer = (await self.call("POST", "/api/v1/personnel/officers", json={
                    "name": name, "id_number": id_number, "agency_id": agency["id"],
                    "employment_type": "established", "on_post": True,
                    "position": "head" if name in HEADS else "staff"})).json()
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
            with planned_ids(matters=[fixed(f"matter/{key}/{code}")]):
                await self.call("POST", "/api/v1/cases/matters", json={
                    "code": code, "name": name, "domain": domain, "legal_basis": basis,
                    "penalty_basis": penalty, "agency_id": agency["id"],
                    "region_code": agency["region_code"], "effective_from": "2024-01-01",
                    "discretion_tiers": [{"tier": t, "circumstances": c, "min_fine": lo,
                                          "max_fine": hi} for t, c, lo, hi in tiers]})

    async def load_licensing(self) -> None:
        """The two seed licence matters and a few applications in different states."""
        muer = self.agencies["muer"]
        await self.login("admin")  # the loaders before may have left another user signed in
        listed = (await self.call("GET", "/api/v1/cases/licence-matters", params={
            "published": "false", "agency_id": muer["id"], "limit": 200})).json()["items"]
        if any(m["code"] == RURAL for m in listed):
            return
        await self.login("muer-licensing")
        catalogue = (await self.call("POST", "/api/v1/cases/matters", json={
            "code": "LY-0301", "name": "林木采伐许可（受委托）", "kind": "license",
            "source": "entrusted", "domain": "planning",
            "legal_basis": "《中华人民共和国森林法》第五十七条", "agency_id": muer["id"],
            "region_code": muer["region_code"], "effective_from": "2024-01-01"})).json()
        agreement = (await self.call("POST", "/api/v1/cases/entrustment-agreements", json={
            "number": "渝北林委〔2024〕1号", "delegating_agency_name": "重庆市渝北区林业局",
            "agency_name": muer["name"], "matter_ids": [catalogue["id"]],
            "powers": "农村居民采伐自留山和个人承包集体林地上林木的采伐许可",
            "valid_from": "2024-01-01", "valid_until": "2028-12-31",
            "published_on": "2024-01-05", "publication_ref": "渝北区政府网"})).json()
        ids = {}
        for body in LICENCE_MATTERS:
            extra = {"entrustment_agreement_id": agreement["id"]} \
                if body["delegation_kind"] == "entrusted" else {}
            with planned_ids(licence_matters=[fixed(f"licence-matter/{body['code']}")]):
                ids[body["code"]] = (await self.call(
                    "POST", "/api/v1/cases/licence-matters",
                    json={**body, **extra, "agency_id": muer["id"], "publish": True})).json()
        await self.load_applications(ids)
        await self.login("admin")

    async def _app(self, matter: dict[str, Any], name: str, id_number: str, on: str,
                   materials: int) -> str:
        app = (await self.call("POST", "/api/v1/cases/licence-applications", json={
            "matter_id": matter["id"], "received_on": on, "request": f"{name}申请{matter['name']}",
            "applicant": {"kind": "person", "name": name, "id_number": id_number}})).json()
        for m in [m for m in matter["materials"] if m["required"]][:materials]:
            await self.call("POST", f"/api/v1/cases/licence-applications/{app['id']}/materials",
                            data={"name": m["name"]},
                            files={"file": ("m.pdf", b"%PDF-1.4 demo", "application/pdf")})
        return str(app["id"])

    async def _act(self, app_id: str, action: str, body: dict[str, Any]) -> None:
        await self.call("POST", f"/api/v1/cases/licence-applications/{app_id}/{action}",
                        json=body)

    async def load_applications(self, ids: dict[str, dict[str, Any]]) -> None:
        rural, forest = ids[RURAL], ids[FOREST]
        review = {"reviewer_ids": [self.officers[n]["id"] for n in ("王建国", "李晓梅")],
                  "findings": "现场踏勘，符合村庄规划"}
        # 1. granted and certificate issued
        a = await self._app(rural, "周大勇", "500112197203150019", "2026-03-02", 6)
        await self._act(a, "accept", {"on": "2026-03-03"})
        await self._act(a, "review", {**review, "on": "2026-03-05"})
        await self._act(a, "suspend", {"reason": "public_notice", "start": "2026-03-06",
                                       "end": "2026-03-13", "notice_on": "2026-03-05"})
        await self._act(a, "decide", {"granted": True, "reasons": "符合条件", "on": "2026-03-20",
                                      "content": "宅基地新建农房一栋，二层，占地120平方米"})
        await self._act(a, "issue-certificate", {"on": "2026-03-23"})
        # 2. refused in writing with reasons and remedies
        b = await self._app(rural, "吴小兰", "500112198111020027", "2026-04-01", 6)
        await self._act(b, "accept", {"on": "2026-04-01"})
        await self._act(b, "review", {**review, "on": "2026-04-03"})
        await self._act(b, "decide", {"granted": False, "on": "2026-04-10",
                                      "reasons": "拟建位置占用永久基本农田，不符合村庄规划"})
        # 3. waiting for the 补正 materials
        c = await self._app(forest, "郑国华", "50011219680607003X", "2026-05-11", 1)
        await self._act(c, "correction-notice", {"items": ["林木权属证明"],
                                                 "served_on": "2026-05-12"})
        # 4. nothing done within 5 working days: shown as deemed accepted on its receipt day
        await self._app(forest, "冯春梅", "50011219750912004X", "2026-06-01", 2)


def fixed(name: str) -> uuid.UUID:
    return uuid.UUID(demo_id(name))


async def _ensure_admin(app: Any) -> None:
    state = app.state.services["personnel"].state
    async with state.sessionmaker() as session:
        from sqlalchemy import select

        from common.context import Upstream, ctx_from_state
        from services.personnel.accounts.models import User
        from services.personnel.context import Ctx

        if await session.scalar(select(User).where(User.username == "admin")) is None:
            ctx = ctx_from_state(state, session, None, Upstream(state.clients), Ctx)
            await create_user(ctx, UserCreate(
                username="admin", password=PASSWORD, roles=["sysadmin"],
                display_name="系统管理员", region_code=DISTRICT))
            await session.commit()


async def run_demo(app: Any, year: int | None = None) -> float | None:
    """The demo district on a running all-in-one `app` (lifespan entered), and with `year`
    the demo year (gateway/demo_year.py); returns the year's load time in seconds (None when
    nothing was loaded)."""
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
        from gateway.demo_cases import load_cases
        await load_cases(demo)
        from gateway.demo_inspections import load_inspections
        await load_inspections(demo, demo.agencies["muer_team"], [
            demo.officers[n]["id"] for n in ("王建国", "李晓梅", "张志强")], "UM-0101")
        await demo.load_licensing()
        if year is None:
            return None
        from gateway.demo_year import load_year

        started = time.perf_counter()
        from gateway.demo_delivery import drain_outboxes

        loaded = await load_year(demo, app, year)
        await drain_outboxes(app)
        return time.perf_counter() - started if loaded else None


async def load_demo(data_dir: str, year: int | None = None) -> None:
    from gateway.config import GatewaySettings

    # a local admin command calling in process: the per-client rate limit protects the network
    # listener, not this loader (the demo year sends thousands of requests in a minute)
    limits = GatewaySettings(rate_limit_per_minute=10_000_000, rate_limit_burst=1_000_000)
    app = build_all_in_one(data_dir, gateway_settings=limits)  # creates the data dir
    async with app.router.lifespan_context(app):
        took = await run_demo(app, year)
    if year is not None:
        print(f"{year} 年度洛碛镇演示数据" + (f"已载入（{took:.1f} 秒）。" if took is not None
                                           else "已存在，未重复载入。"))
    print(f"演示辖区已就绪（可重复执行）。演示账户（密码均为 {PASSWORD}）：")
    for username, roles, agency_key, _, display in USERS:
        where = next((a[1] for a in AGENCIES if a[0] == agency_key), "渝北区")
        print(f"  {username:14} {','.join(roles):15} {where}  {display}")
