"""Full penalty-case lifecycle throughput through the gateway (one process), plus on-the-spot
(summary) decisions.

    .venv/bin/python bench/cases_lifecycle.py [--cases 200] [--concurrency 8]
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/cases_lifecycle.py

Each ordinary case makes 11 authenticated requests through the gateway: 线索 → 立案 (personnel
qualification check) → 调查终结 (review's major-decision check) → 告知 → 放弃陈述申辩 → 决定
(case.decided into the outbox) → 送达 → 缴款 → 结案 → 归档; every step writes the hash-chained
timeline. Summary decisions are one request each (qualification check, numbering, 备案 case,
case.decided). The outbox workers run, so events flow to review and publicity meanwhile.
Databases: four fresh SQLite files, or four fresh PostgreSQL databases when
ZHIFA_BENCH_PG_URL is set (dropped afterwards). `--no-workers` leaves the outbox workers off
(events stay queued), which isolates the cost of the requests themselves. `--trips` prints, for
the second sequential case and summary decision (the first creates the number counters and
fills the agency-name cache; `--no-agency-cache` turns that cache off), the database round
trips (SQL statements sent,
per service, counted with SQLAlchemy's `before_cursor_execute`) and the requests each service
received (from the gateway or from another service, read from its request counter) per action;
run it with `--no-workers` so that outbox polling is not counted. After each phase the bench
prints the CPU it cost per case and per summary decision: this process's (the in-process
client, the gateway, the four services and their outbox workers, all on one event loop, so at
most one core) and PostgreSQL's (every server process, read from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from gateway.composition import build_all_in_one  # noqa: E402
from gateway.config import SERVICES, GatewaySettings  # noqa: E402
from kit import auth  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402

A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
IW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SEQ = itertools.count(1)
C, PER = "/api/v1/cases", "/api/v1/personnel"
TOWN, DOMAIN = "500112100", "urban_management"


def uscc() -> str:
    body = f"11500112{next(SEQ):09d}"[:17]
    s = sum(A.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + A[(31 - s % 31) % 31]


def id_number() -> str:
    body = f"50011219800101{next(SEQ) % 1000:03d}"
    return body + "10X98765432"[sum(int(a) * w for a, w in zip(body, IW, strict=True)) % 11]


class Bench:
    def __init__(self, client: httpx.AsyncClient, keys: Path) -> None:
        self.client, self.ring, self.jwt = client, auth.KeyRing.load(keys), JwtSettings()
        self.officers: list[str] = []
        self.agency_id = self.matter_id = ""
        self.probe: Any = None  # Trips while counting

    def headers(self, *roles: str, **kw: Any) -> dict[str, str]:
        token = auth.issue_access_token(self.ring, self.jwt, subject="bench",
                                        roles=list(roles), ttl=3600, **kw)
        return {"Authorization": f"Bearer {token}"}

    async def post(self, path: str, body: dict[str, Any], headers: dict[str, str],
                   expect: int = 200) -> dict[str, Any]:
        before = self.probe.snapshot() if self.probe else None
        resp = await self.client.post(path, json=body, headers=headers)
        if self.probe:
            self.probe.add(path, before)
        if resp.status_code != expect:
            raise RuntimeError(f"{path}: {resp.status_code} {resp.text[:300]}")
        return resp.json()

    async def setup(self) -> None:
        sysadmin = self.headers("sysadmin")
        agency = await self.post(f"{PER}/agencies", {
            "name": "木耳镇综合行政执法大队", "short_name": "木耳综执", "uscc": uscc(),
            "kind": "township_government", "region_code": TOWN, "domains": [DOMAIN]},
            sysadmin, 201)
        self.agency_id = agency["id"]
        for i in range(3):  # the third is the agency's 负责人: approves filings (art. 54)
            officer = await self.post(f"{PER}/officers", {
                "name": f"执法员{next(SEQ)}", "id_number": id_number(),
                "agency_id": self.agency_id, "employment_type": "established",
                "has_legal_qualification": True,
                "position": "head" if i == 2 else "staff"}, sysadmin, 201)
            await self.post(f"{PER}/officers/{officer['id']}/exams", {
                "subject": "special_law", "passed_on": "2019-06-01", "score": 90},
                sysadmin, 201)
            await self.post(f"{PER}/officers/{officer['id']}/certificates", {
                "number": f"CQ-{uuid.uuid4().hex[:10]}", "domains": [DOMAIN],
                "issued_on": "2025-01-01", "expires_on": "2029-12-31"}, sysadmin, 201)
            self.officers.append(officer["id"])
        matter = await self.post(f"{C}/matters", {
            "code": "M00001", "name": "占道经营", "kind": "penalty", "source": "statutory",
            "domain": DOMAIN, "legal_basis": "《城市市容和环境卫生管理条例》第十四条",
            "penalty_basis": "《城市市容和环境卫生管理条例》第三十六条",
            "agency_id": self.agency_id, "effective_from": "2020-01-01",
            "discretion_tiers": [{"tier": "一般", "circumstances": "", "min_fine": "0.00",
                                  "max_fine": "30000.00"}]},
            self.headers("agency_admin", agency_id=self.agency_id, region_code=TOWN), 201)
        self.matter_id = matter["id"]

    def officer(self) -> dict[str, str]:
        # minted once: KeyRing.sign re-parses the private PEM on every call (tens of ms), which
        # would otherwise dominate the client side of this benchmark
        if not hasattr(self, "_officer"):
            self._officer = self.headers("officer", agency_id=self.agency_id,
                                         region_code=TOWN, officer_id=self.officers[0])
        return self._officer

    async def lifecycle(self) -> None:
        h = self.officer()
        case = await self.post(f"{C}/cases", {
            "matter_id": self.matter_id, "source": "inspection", "act_date": "2026-03-01",
            "discovered_on": "2026-03-02", "facts": "在人行道上摆摊经营",
            "party": {"kind": "person", "name": "张三", "id_number": id_number(),
                      "address": "木耳镇人民路1号", "phone": "13800000000"}}, h, 201)
        cid = f"{C}/cases/{case['id']}"
        steps: list[tuple[str, dict[str, Any], int]] = [
            ("file", {"officer_ids": self.officers[:2], "approver_id": self.officers[2],
                      "filed_on": "2026-03-03"}, 200),
            ("conclude", {"outcome": "penalty", "discretion_tier": "一般",
                          "penalties": [{"kind": "fine", "amount": "1000.00"}],
                          "reasoning": "事实清楚"}, 200),
            ("notify", {"served_on": "2026-03-20", "method": "direct"}, 200),
            ("statements", {"waived": True}, 200),
            ("decide", {"decided_on": "2026-03-21"}, 200),
            ("serve", {"method": "post", "served_on": "2026-03-23"}, 200),
            ("payments", {"amount": "1000.00", "paid_on": "2026-03-30"}, 201),
            ("close", {}, 200), ("archive", {}, 200)]
        for action, body, expect in steps:
            await self.post(f"{cid}/{action}", body, h, expect)

    async def summary(self) -> None:
        await self.post(f"{C}/summary-decisions", {
            "matter_id": self.matter_id, "penalty": {"kind": "fine", "amount": "200.00"},
            "party": {"kind": "person", "name": "李四", "id_number": id_number()},
            "officer_ids": self.officers[:2], "facts": "占道摆摊经营",
            "decided_at": "2026-11-20T02:00:00Z", "place": "木耳镇人民路"}, self.officer(), 201)


class Trips:
    """SQL statements per service engine and requests per service app, per action."""

    def __init__(self, apps: dict[str, Any]) -> None:
        from sqlalchemy import event

        self.apps, self.sql = apps, dict.fromkeys(apps, 0)
        self.rows: list[tuple[str, dict[str, int], dict[str, int]]] = []
        for name, app in apps.items():
            def count(*_: Any, name: str = name) -> None:
                self.sql[name] += 1
            event.listen(app.state.engine.sync_engine, "before_cursor_execute", count)

    def _requests(self) -> dict[str, int]:
        out = {}
        for name, app in self.apps.items():
            total = 0
            for metric in app.state.metrics.requests.collect():
                total += sum(int(s.value) for s in metric.samples if s.name.endswith("_total"))
            out[name] = total
        return out

    def snapshot(self) -> tuple[dict[str, int], dict[str, int]]:
        return dict(self.sql), self._requests()

    def add(self, path: str, before: tuple[dict[str, int], dict[str, int]]) -> None:
        sql, req = self.snapshot()
        action = path.rsplit("/", 1)[-1]
        action = {"cases": "register", "summary-decisions": "summary decision"}.get(action, action)
        self.rows.append((action, {n: sql[n] - before[0][n] for n in sql},
                          {n: req[n] - before[1][n] for n in req}))

    def print(self) -> None:
        names = list(self.apps)
        print("round trips per action (SQL statements per service | requests received per "
              "service; cases' count includes the gateway's one request)")
        print(f"  {'action':18} " + " ".join(f"{n[:9]:>9}" for n in names) + " | "
              + " ".join(f"{n[:9]:>9}" for n in names))
        total_sql, total_req = dict.fromkeys(names, 0), dict.fromkeys(names, 0)
        for action, sql, req in self.rows:
            print(f"  {action:18} " + " ".join(f"{sql[n]:>9}" for n in names) + " | "
                  + " ".join(f"{req[n]:>9}" for n in names))
            for n in names:
                total_sql[n] += sql[n]
                total_req[n] += req[n]
        print(f"  {'total':18} " + " ".join(f"{total_sql[n]:>9}" for n in names) + " | "
              + " ".join(f"{total_req[n]:>9}" for n in names))


async def run(job: Any, total: int, concurrency: int) -> dict[str, float]:
    queue = iter(range(total))
    durations: list[float] = []

    async def worker() -> None:
        for _ in queue:
            t0 = time.perf_counter()
            await job()
            durations.append(time.perf_counter() - t0)

    start, cpu, pg_cpu = time.perf_counter(), time.process_time(), _postgres_cpu()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(durations, n=100)
    return {"per_second": total / elapsed, "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "n": total, "seconds": elapsed,
            "cpu_ms": (time.process_time() - cpu) / total * 1000,
            "pg_cpu_ms": (_postgres_cpu() - pg_cpu) / total * 1000}


def _postgres_cpu() -> float:
    """CPU seconds (user + system) used so far by every PostgreSQL server process on this
    machine, from /proc (Linux; 0 where it cannot be read)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:]
        if name.startswith("postgres"):
            fields = rest.split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def _pg(pg: str, names: dict[str, str], create: bool) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'CREATE DATABASE "{n}"' if create
                                    else f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'))
    await admin.dispose()


async def main(cases: int, concurrency: int, workers: bool, trips: bool = False,
               agency_cache: bool = True) -> None:
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    names = {s: f"zbl_{uuid.uuid4().hex[:8]}_{s}" for s in SERVICES}
    overrides: dict[str, dict[str, Any]] = {s: {"run_outbox_worker": workers}
                                            for s in SERVICES}
    if not agency_cache:
        overrides["cases"]["agency_cache_seconds"] = 0.0
    if pg:
        await _pg(pg, names, create=True)
        for s, n in names.items():
            overrides[s]["database_url"] = f"{pg.rsplit('/', 1)[0]}/{n}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            gw = build_all_in_one(tmp, service_overrides=overrides,
                                  gateway_settings=GatewaySettings(
                                      rate_limit_per_minute=10**9, rate_limit_burst=10**6))
            async with gw.router.lifespan_context(gw):
                transport = httpx.ASGITransport(app=gw)
                async with httpx.AsyncClient(transport=transport, base_url="http://bench",
                                             timeout=120) as client:
                    bench = Bench(client, Path(tmp) / "keys")
                    await bench.setup()
                    # one sequential pass first: the per-agency number counters are created
                    # on first use (a concurrent first use races in numbering.next_seq), and
                    # cases keeps the agency's name (CASES_AGENCY_CACHE_SECONDS); the trips
                    # are counted on the second sequential case, as every later case runs
                    await bench.lifecycle()
                    await bench.summary()
                    bench.probe = Trips(gw.state.services) if trips else None
                    await bench.lifecycle()
                    await bench.summary()
                    if bench.probe:
                        bench.probe.print()
                        bench.probe = None
                    life = await run(bench.lifecycle, cases, concurrency)
                    summ = await run(bench.summary, cases, concurrency)
                    rss = _rss_mb()  # the one process, with every app and pool still open
    finally:
        if pg:
            await _pg(pg, names, create=False)
    db = "postgresql" if pg else "sqlite"
    print(f"database={db} concurrency={concurrency} outbox_workers={workers} "
          f"agency_cache={agency_cache}")
    print(f"ordinary lifecycle (11 requests/case): {life['per_second']:.1f} cases/s, "
          f"{life['per_second'] * 11:.0f} req/s, case p50 {life['p50_ms']:.0f} ms, "
          f"p95 {life['p95_ms']:.0f} ms ({life['n']} cases in {life['seconds']:.1f} s)")
    print(f"summary decisions: {summ['per_second']:.1f} decisions/s, p50 {summ['p50_ms']:.0f} ms,"
          f" p95 {summ['p95_ms']:.0f} ms ({summ['n']} in {summ['seconds']:.1f} s)")
    for label, r in (("per case", life), ("per summary decision", summ)):
        print(f"CPU {label}: this process (client, gateway, four services, outbox workers) "
              f"{r['cpu_ms']:.1f} ms, PostgreSQL {r['pg_cpu_ms']:.1f} ms; one core at 100 % "
              f"serves at most {1000 / r['cpu_ms']:.0f}/s")
    print(f"one-process RSS after the bench: {rss[0]:.0f} MB (peak {rss[1]:.0f} MB)")
    load = os.getloadavg()
    print(f"end: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in
                  Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-workers", action="store_true",
                        help="outbox workers off: events stay queued (isolates request cost)")
    parser.add_argument("--no-agency-cache", action="store_true",
                        help="CASES_AGENCY_CACHE_SECONDS=0: ask personnel every time")
    parser.add_argument("--trips", action="store_true",
                        help="print round trips per action of the first case (see the doc)")
    args = parser.parse_args()
    _load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {_load[0]:.2f} {_load[1]:.2f} "
          f"{_load[2]:.2f}; cases={args.cases} concurrency={args.concurrency}", flush=True)
    asyncio.run(main(args.cases, args.concurrency, not args.no_workers, args.trips,
                     not args.no_agency_cache))
