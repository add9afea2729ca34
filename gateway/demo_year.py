"""`zhifa demo load --year 2024`: a year of 洛碛镇 activity reproducing seed 002:
41 licence applications accepted and decided (32 乡村建设规划, 9 林木采伐),
726 counted inspections of which 116 of enterprises, 185 seized items, 201 penalties (9 警告 +
192 罚款 totalling 11,650 元), 11 officers at year end with 3 added and 9 removed.

Everything goes through the services' own code: personnel, licensing and coercion over the
in-process HTTP API; the 726 inspections and 201 on-the-spot decisions through the service-layer
functions the routers call (same rules, same hash-chained records, same personnel
qualification check over HTTP), in one transaction each, because 4,000 HTTP round trips would
not fit the one-minute budget. Dates are drawn from a generator seeded with the town and year,
so two loads build the same year; a second load finds the year's officers and changes nothing."""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from starlette.requests import Request

from common.calendar import LEGAL_TZ
from common.principal import from_claims
from gateway.demo_year_data import (
    FINES_YUAN,
    INSPECTIONS_ENTERPRISE,
    INSPECTIONS_OTHER,
    SEIZED,
    WARNINGS,
    Roster,
    demo_uscc,
    id_number,
)

C, PER = "/api/v1/cases", "/api/v1/personnel"
TEAM, GOV = "luoqi_team", "luoqi"
BATCH = 60


def day_in(rng: random.Random, year: int, first: int = 2, last: int = 360) -> date:
    """A Monday–Friday date of `year`, between day-of-year `first` and `last` (seeded)."""
    d = date(year, 1, 1) + timedelta(days=rng.randint(first, last))
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def at(d: date, hour: int) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=LEGAL_TZ)


class _AskedBefore:
    """personnel's qualification answer per (officers, domain, day, region): the inspections
    of one day by one pair ask the same question at registration and at start; the cases code
    still applies every rule to the answer (`ensure_two_qualified`)."""

    def __init__(self, client: Any) -> None:
        self.client, self.answers = client, {}

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        if method != "POST" or not path.endswith("/qualifications/check"):
            return await self.client.call(method, path, **kw)
        key = json.dumps(kw.get("json"), sort_keys=True)
        if key not in self.answers:
            self.answers[key] = await self.client.call(method, path, **kw)
        return self.answers[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


class _AppView:
    """The cases app as the service functions see it, with the memoising personnel client."""

    def __init__(self, app: Any) -> None:
        clients = {**app.state.clients, "personnel": _AskedBefore(app.state.clients["personnel"])}
        self.state = _StateView(app.state, clients)


class _StateView:
    def __init__(self, state: Any, clients: dict[str, Any]) -> None:
        self._state, self.clients = state, clients

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)


def paid_on_spot(year: int, n: int) -> dict[str, Any]:
    """当场收缴 of a fine of 100 元 or less (行政处罚法第六十八条第一项), with its 财政票据."""
    return {"collected_on_spot": True, "collection_ground": "small_fine",
            "receipt_number": f"渝财罚票{year}{n + 1:06d}"}


class DemoYear:
    def __init__(self, demo: Any, gateway: Any, year: int) -> None:
        self.demo, self.gateway, self.year = demo, gateway, year
        self.rng = random.Random(f"洛碛镇-{year}")
        self.team, self.gov = demo.agencies[TEAM], demo.agencies[GOV]
        self.roster = Roster(year)
        self.officers: list[str] = []  # ids, in roster order

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        return (await self.demo.call(method, path, **kw)).json()

    # -- personnel (HTTP) ---------------------------------------------------------------
    async def loaded(self) -> bool:
        await self.demo.login("admin")
        listed = await self.call("GET", f"{PER}/officers", params={
            "agency_id": self.team["id"], "limit": 200})
        names = {o["name"]: o["id"] for o in listed["items"]}
        return all(p.name in names for p in self.roster.people)

    async def load_personnel(self) -> None:
        for n, p in enumerate(self.roster.people):
            o = await self.call("POST", f"{PER}/officers", json={
                "name": p.name, "id_number": p.id_number, "agency_id": self.team["id"],
                "employment_type": "established", "has_legal_qualification": True,
                "position": "head" if n == 0 else "staff", "joined_on": p.joined_on.isoformat()})
            for subject in ("general_law", "special_law"):
                await self.call("POST", f"{PER}/officers/{o['id']}/exams", json={
                    "subject": subject, "passed_on": p.exam_on.isoformat(), "score": 88})
            await self.call("POST", f"{PER}/officers/{o['id']}/certificates", json={
                "number": p.certificate, "domains": self.team["domains"],
                "issued_on": p.certified_on.isoformat(),
                "expires_on": date(self.year + 3, 12, 31).isoformat()})
            await self.call("POST", f"{PER}/officers/{o['id']}/trainings", json={
                "kind": "legal_update", "organiser": "online_platform", "hours": "24.0",
                "completed_on": date(self.year, 6, 28).isoformat(),
                "title": "渝北区行政执法人员网络教育培训"})
            if p.leaves_on is not None:
                await self.call("POST", f"{PER}/officers/{o['id']}/status-changes", json={
                    "kind": p.leave_kind, "effective_on": p.leaves_on.isoformat(),
                    "reason": "不再从事执法工作，按要求清退"})
            self.officers.append(o["id"])
        for username, roles, agency in (("luoqi-admin", ["agency_admin"], self.team),
                                        ("luoqi-licensing", ["agency_admin"], self.gov)):
            await self.demo.call("POST", f"{PER}/users", ok=(201, 409), json={
                "username": username, "password": self.demo_password(), "roles": roles,
                "display_name": f"{agency['short_name']}管理员", "agency_id": agency["id"],
                "region_code": agency["region_code"]})

    def demo_password(self) -> str:
        from gateway.demo import PASSWORD

        return PASSWORD

    def pair(self, n: int) -> list[str]:
        """Two officers on post all year (the roster's stayers), rotating."""
        stay = [self.officers[i] for i in self.roster.stayers()]
        return [stay[n % len(stay)], stay[(n + 1) % len(stay)]]

    # -- in-process service calls --------------------------------------------------------
    async def ctx_for(self, username: str) -> tuple[Any, Any, Any]:
        """(app, request, principal) of the cases service for `username`'s real token."""
        await self.demo.login(username)
        token = self.demo.headers["Authorization"]
        app = self.gateway.state.services["cases"]
        claims = app.state.keyring.verify(token.split(" ", 1)[1], app.state.settings.jwt)
        request = Request({"type": "http", "app": _AppView(app), "method": "POST",
                           "path": "/demo-year",
                           "query_string": b"", "headers": [(b"authorization", token.encode())]})
        return app, request, from_claims(claims)

    async def load_inspections(self) -> None:
        from services.cases.dependencies import case_ctx
        from services.cases.inspections import schemas as s
        from services.cases.inspections import service as svc
        from services.cases.inspections.catalogue import schemas as cs
        from services.cases.inspections.catalogue import service as cat

        app, request, principal = await self.ctx_for("luoqi-admin")
        async with app.state.sessionmaker() as session:
            ctx = case_ctx(request, session, principal)
            items = {}
            for code, kind, name in (("JC-LQ-01", "enterprise", "涉企安全生产与市容检查"),
                                     ("JC-LQ-02", "site", "农村建房与违法建设巡查检查")):
                items[kind] = await cat.create_item(ctx, cs.ItemCreate(
                    code=code, name=name, agency_id=self.team["id"], target_kind=kind,
                    legal_basis="《城乡规划法》第六十五条；《安全生产法》第六十五条",
                    domain="urban_management", types_allowed=["routine", "special"],
                    methods_allowed=["onsite"], annual_cap=4, publish=True))
            enterprises = [await cat.create_target(ctx, cs.TargetCreate(
                kind="enterprise", uscc=demo_uscc(500 + n), name=f"洛碛镇企业{n:03d}",
                address=f"洛碛镇洛碛大道{n}号", agency_id=self.team["id"]))
                for n in range(1, INSPECTIONS_ENTERPRISE // 2 + 1)]
            sites = [await cat.create_target(ctx, cs.TargetCreate(
                kind="site", name=f"洛碛镇建设点{n:03d}", address=f"洛碛镇第{n % 9 + 1}村",
                agency_id=self.team["id"])) for n in range(1, INSPECTIONS_OTHER // 5 + 1)]
            plan = [(items["enterprise"].id, t.id) for t in enterprises for _ in range(2)] + \
                [(items["site"].id, t.id) for t in sites for _ in range(5)]
            await session.commit()
            for n, (item_id, target_id) in enumerate(plan):
                on = day_in(self.rng, self.year)
                i = await svc.create_inspection(ctx, s.InspectionCreate(
                    type="routine", item_ids=[item_id], target_id=target_id, method="onsite",
                    officer_ids=self.pair(on.toordinal()), assistants=1, planned_on=on))
                await svc.approve(ctx, i, s.Approve(approver_id=self.officers[0], opinion="同意"))
                await svc.notify(ctx, i, s.Notify(method="onsite", served_at=at(on, 8)))
                await svc.start(ctx, i, s.Start(attest_discipline=True, started_at=at(on, 9)))
                await svc.finish(ctx, i, s.Finish(
                    result="no_issue" if n % 4 else "rectify", findings="现场检查，已告知结果",
                    rectification_due_on=on + timedelta(days=15) if n % 4 == 0 else None,
                    ended_at=at(on, 10)))
                if n % BATCH == BATCH - 1:  # short transactions, a small identity map
                    await session.commit()
                    session.expunge_all()
            await session.commit()

    async def load_penalties(self) -> None:
        from services.cases.dependencies import case_ctx
        from services.cases.summary import schemas as ss
        from services.cases.summary import service as summary

        matter = next(m for m in (await self.call("GET", f"{C}/matters", params={
            "agency_id": self.team["id"], "limit": 200}))["items"] if m["code"] == "UM-0101")
        app, request, principal = await self.ctx_for("luoqi-admin")
        kinds = [("warning", "0")] * WARNINGS + [("fine", f"{y}.00") for y in FINES_YUAN]
        decisions = sorted((day_in(self.rng, self.year, 10), k, a) for k, a in kinds)
        async with app.state.sessionmaker() as session:
            ctx = case_ctx(request, session, principal)
            for n, (on, kind, amount) in enumerate(decisions):
                await summary.create_summary_decision(ctx, ss.SummaryDecisionCreate(
                    matter_id=uuid.UUID(matter["id"]), officer_ids=self.pair(on.toordinal()),
                    party={"kind": "person", "name": f"当事人{n + 1:03d}",
                           "id_number": id_number(f"1975{n % 12 + 1:02d}15", n),
                           "address": "洛碛镇"},
                    penalty={"kind": kind, "amount": amount}, decided_at=at(on, 11),
                    facts="未经许可擅自占用道路摆摊经营", place="洛碛镇洛碛大道",
                    **(paid_on_spot(self.year, n) if kind == "fine" else {})))
                if n % BATCH == BATCH - 1:
                    await session.commit()
                    session.expunge_all()
            await session.commit()

    async def load_seizures(self) -> None:
        """扣押 on filed cases (行政强制法第二十二条起): 185 items on the 清单 in total."""
        await self.demo.login("luoqi-admin")
        matter = next(m for m in (await self.call("GET", f"{C}/matters", params={
            "agency_id": self.team["id"], "limit": 200}))["items"] if m["code"] == "UM-0101")
        head = self.officers[0]
        for n, count in enumerate(SEIZED):
            on = day_in(self.rng, self.year, 20, 330)
            case = await self.call("POST", f"{C}/cases", json={
                "matter_id": matter["id"], "source": "inspection",
                "party": {"kind": "person", "name": f"占道经营户{n + 1:02d}",
                          "id_number": id_number(f"1968{n % 12 + 1:02d}08", 700 + n)},
                "act_date": on.isoformat(), "discovered_on": on.isoformat(),
                "facts": "占道经营，经责令改正拒不改正，物品扣押"})
            await self.call("POST", f"{C}/cases/{case['id']}/file", json={
                "officer_ids": self.pair(n), "approver_id": head, "filed_on": on.isoformat()})
            measure = await self.call("POST", f"{C}/cases/{case['id']}/coercive-measures", json={
                "kind": "seize", "officer_ids": self.pair(n), "approver_id": head,
                "started_on": on.isoformat(), "place": "洛碛镇洛碛大道",
                "reason": "占道经营物品，防止违法行为继续",
                "legal_basis": "《行政强制法》第二十二条",
                # 行政强制法第十八条 on-site steps and 第二十三条 scope, attested
                "on_site": {"credentials_shown": True, "party_notified": True,
                            "party_present": True, "reasons_and_remedies_told": True,
                            "party_heard": True, "record_made": True, "party_signed": True},
                "scope": {"linked_to_case": True, "no_living_necessities": True,
                          "not_sealed_by_other_organ": True},
                "items": [{"name": f"经营用品{k + 1}", "quantity": "1", "unit": "件"}
                          for k in range(count)]})
            await self.call("POST", f"{C}/cases/{case['id']}/coercive-measures/"
                            f"{measure['id']}/release", json={
                                "released_on": (on + timedelta(days=10)).isoformat(),
                                "ground": "no_longer_needed", "note": "当事人已改正"})

    async def load_licensing(self) -> None:
        from gateway.demo_year_licensing import load_licensing

        await load_licensing(self)

async def load_year(demo: Any, gateway: Any, year: int) -> bool:
    """Build the year unless it is there already; True when something was loaded."""
    y = DemoYear(demo, gateway, year)
    if await y.loaded():
        return False
    import os
    import sys
    import time

    for step in (y.load_personnel, y.load_licensing, y.load_seizures, y.load_penalties,
                 y.load_inspections):
        t0 = time.perf_counter()
        await step()
        if os.environ.get("ZHIFA_DEMO_TIMING"):
            print(f"{step.__name__}: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    await demo.login("admin")
    return True
