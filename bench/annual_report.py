"""The annual report over a real year (issue 14): p50/p95 of

- each statistics endpoint over a district year of `--inspections` inspections (default
  100,000) and `--decisions` penalty decisions (default 20,000, and as many 公示 records),
  asked for one town (`agency_id`) and for the district grouped by agency (`group_by=agency`);
- `POST /api/v1/review/annual-reports` for one town and for the district (review gathers the
  six sources over HTTP with its service token and freezes the snapshot);
- `GET …/tables.xlsx` of that report;
- `GET /api/v1/review/dashboard` for the district of `--towns` towns (default 22): one call
  per source with `group_by=agency`.

    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/annual_report.py [--repeat 20]

Rows are bulk-loaded straight into the service databases (SQLAlchemy Core multi-row INSERT,
10,000 rows a statement) after `zhifa migrate all`; the four services then run as their own
uvicorn processes (tests/split.py, production settings, RS256 keys from files) and the
requests come from a separate generator process (this file with `--generate`, sequential
httpx), so the timings are the servers' work plus loopback. Prints the configuration, the core
count and the load average (the machine is shared). Databases dropped at the end.

Measured 2026-12-02 on PostgreSQL, 20 sequential requests each, p50 / p95 ms. Before: 15
statements for a grouped inspection call (run at load 0.8, 10 requests); after: one statement per
source, grouped totals from the groups (load 0.8-1.0):
                               one town before / after     district grouped before / after
    cases/statistics           17 /  18 (p95 239 / 212)    90 /  43 (p95 112 /  53)
    inspections/statistics     42 /  44 (p95 101 /  61)   402 / 207 (p95 434 / 323)
    licensing/statistics        9 /   7                    12 /   7
    personnel/statistics        7 /   6                    13 /   8
    review/statistics           9 /   8                    15 /   7
    publicity/statistics        9 /   9                    67 /  45
    POST annual-reports       114 /  59 (p95 151 / 172)   326 / 175 (p95 465 / 285)
    GET tables.xlsx (district)                              11 /   8
    GET dashboard (22 towns, 6 calls)                      536 / 197 (p95 622 / 385)
(The fourth session's figures, at load 5.6-8.8, were about ten times these: compare only
figures of one sitting.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import httpx  # noqa: E402

YEAR, DISTRICT = 2024, "500112"
SOURCES = ["/api/v1/cases/statistics", "/api/v1/cases/inspections/statistics",
           "/api/v1/cases/licensing/statistics", "/api/v1/personnel/statistics",
           "/api/v1/review/statistics", "/api/v1/publicity/statistics"]
BATCH = 10_000


def generate(spec: dict[str, Any]) -> None:
    """The load generator (its own process): `repeat` sequential requests, latencies in ms."""
    out: list[float] = []
    with httpx.Client(timeout=300) as c:
        for _ in range(spec["repeat"]):
            t0 = time.perf_counter()
            resp = c.request(spec["method"], spec["url"], params=spec.get("params"),
                             json=spec.get("json"), headers=spec["headers"])
            out.append((time.perf_counter() - t0) * 1000)
            if resp.status_code >= 300:
                raise SystemExit(f"{spec['url']}: {resp.status_code} {resp.text[:300]}")
    print(json.dumps(out))


def timed(label: str, repeat: int, **spec: Any) -> None:
    proc = subprocess.run([sys.executable, __file__, "--generate",
                           json.dumps({"repeat": repeat, **spec})],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:] or proc.stdout[-2000:])
    lat = json.loads(proc.stdout.strip().splitlines()[-1])
    q = statistics.quantiles(lat, n=20) if len(lat) > 1 else [lat[0]] * 19
    print(f"  {label:58s} p50 {statistics.median(lat):8.1f} ms  p95 {q[18]:8.1f} ms  "
          f"first {lat[0]:8.1f} ms", flush=True)


def towns(n: int) -> list[tuple[uuid.UUID, str]]:
    return [(uuid.UUID(int=0xA000 + i), f"{DISTRICT}{100 + i:03d}") for i in range(n)]


def day(rnd: random.Random) -> date:
    return date(YEAR, 1, 1) + timedelta(days=rnd.randrange(366))


async def fill(urls: dict[str, str], town_list: list[tuple[uuid.UUID, str]],
               inspections: int, decisions: int) -> None:
    from publicity_feed import rows as disclosure_rows
    from sqlalchemy import insert, text
    from sqlalchemy.ext.asyncio import create_async_engine

    from services.cases.inspections.models import Inspection
    from services.cases.models import Case
    from services.cases.penalties import REPORT_COLUMNS
    from services.personnel.agencies.models import Agency
    from services.personnel.certificates.models import Certificate
    from services.personnel.staff.models import Officer
    from services.publicity.disclosures.models import Disclosure

    rank = {s: r for s, r, _ in REPORT_COLUMNS}
    rnd, t0 = random.Random(14), time.perf_counter()

    async def put(url: str, model: Any, rows: list[dict[str, Any]]) -> None:
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            for i in range(0, len(rows), BATCH):
                await conn.execute(insert(model), rows[i:i + BATCH])
            await conn.execute(text(f"ANALYZE {model.__tablename__}"))
        await engine.dispose()

    agencies = [{"id": a, "name": f"重庆市渝北区第{i + 1}镇人民政府", "uscc": f"BENCH{i:013d}",
                 "kind": "township_government", "region_code": r}
                for i, (a, r) in enumerate(town_list)]
    officers, certs = [], []
    for i, (a, r) in enumerate(town_list):
        for k in range(15):
            oid = uuid.uuid4()
            officers.append({"id": oid, "name": f"执法员{i}-{k}", "agency_id": a,
                             "region_code": r, "id_number_encrypted": "bench",
                             "id_number_index": f"bench-{i}-{k}",
                             "employment_type": "established",
                             "joined_on": date(YEAR - 3, 1, 1)})
            certs.append({"officer_id": oid, "agency_id": a, "region_code": r,
                          "number": f"5001{i:04d}{k:04d}", "issued_on": date(YEAR - 2, 1, 1),
                          "expires_on": date(YEAR + 3, 1, 1)})
    await put(urls["personnel"], Agency, agencies)
    await put(urls["personnel"], Officer, officers)
    await put(urls["personnel"], Certificate, certs)
    rows = []
    for n in range(inspections):
        a, r = town_list[n % len(town_list)]
        on = day(rnd)
        rows.append({"agency_id": a, "region_code": r, "type": "routine",
                     "domain": "urban_management", "method": "onsite", "planned_on": on,
                     "year": YEAR, "public_code": f"JC{YEAR}{n:08d}",
                     "status": rnd.choice(("finished", "closed", "planned")),
                     "target_id": uuid.uuid4(), "is_enterprise": rnd.random() < 0.16})
    await put(urls["cases"], Inspection, rows)
    snapshot = {"id": str(uuid.UUID(int=999)), "code": "UM-0101", "name": "占道经营",
                "domain": "urban_management", "kind": "penalty"}
    rows, published = [], []
    for n in range(decisions):
        a, r = town_list[n % len(town_list)]
        on, warn = day(rnd), rnd.random() < 0.05
        fine = 0 if warn else rnd.choice((2_000, 5_000, 10_000, 50_000))
        cid = uuid.uuid4()
        rows.append({"id": cid, "agency_id": a, "region_code": r, "matter_id": snapshot["id"],
                     "matter_snapshot": snapshot, "party_kind": "person",
                     "party_name": f"当事人{n}", "act_date": on, "discovered_on": on,
                     "status": "decided", "procedure": rnd.choice(("summary", "ordinary")),
                     "decision_kind": "penalty", "decided_on": on, "fine_fen": fine,
                     "report_rank": rank["warning" if warn else "fine"],
                     "decision_number": f"渝北罚〔{YEAR}〕{n}号"})
        published.append({"agency_id": a, "region_code": r, "case_id": cid, "fine_fen": fine,
                          "decided_on": on, "publish_due_on": on + timedelta(days=7),
                          "published_at": datetime(on.year, on.month, on.day, 2, tzinfo=UTC)
                          + timedelta(days=1)})
    await put(urls["cases"], Case, rows)
    disclosures = disclosure_rows(0, decisions, date(YEAR, 12, 31))
    for d, p in zip(disclosures, published, strict=True):
        d.update(p)
    await put(urls["publicity"], Disclosure, disclosures)
    print(f"loaded {len(agencies)} towns, {len(officers)} officers, {inspections} inspections, "
          f"{decisions} decisions, {decisions} 公示 records in {time.perf_counter() - t0:.0f} s",
          flush=True)


async def databases(pg: str, names: dict[str, str], create: bool) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in names.values():
            await conn.execute(text(f'CREATE DATABASE "{n}"' if create else
                                    f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'))
    await admin.dispose()


async def main() -> None:
    from ceiling import machine
    from split import SERVICES, SplitDeployment, new_id

    from kit import auth
    from kit.settings import JwtSettings

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--towns", type=int, default=22)
    ap.add_argument("--inspections", type=int, default=100_000)
    ap.add_argument("--decisions", type=int, default=20_000)
    args = ap.parse_args()
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    if not pg:
        sys.exit("needs ZHIFA_BENCH_PG_URL (PostgreSQL): the year is bulk-loaded there")
    print(machine())
    print(f"config: {args.towns} towns, {args.inspections} inspections, {args.decisions} "
          f"decisions, year {YEAR}, {args.repeat} sequential requests per line, 4 services "
          f"under uvicorn (1 worker each), generator in its own process", flush=True)
    names = {s: f"zb_{new_id()}_{s}" for s in SERVICES}
    await databases(pg, names, create=True)
    urls = {s: f"{pg.rsplit('/', 1)[0]}/{n}" for s, n in names.items()}
    town_list = towns(args.towns)
    with tempfile.TemporaryDirectory() as tmp:
        dep = SplitDeployment(Path(tmp), urls)
        dep.env.update(ZHIFA_WORKERS="1")
        try:
            dep.prepare()
            await fill(urls, town_list, args.inspections, args.decisions)
            dep.start()
            ring = auth.KeyRing.load(Path(tmp) / "keys")

            def bearer(*roles: str, **kw: Any) -> dict[str, str]:
                return {"Authorization": "Bearer " + auth.issue_access_token(
                    ring, JwtSettings(), subject="bench", roles=list(roles), ttl=7200, **kw)}

            sup = bearer("supervisor", region_code=DISTRICT)
            town = {"year": YEAR, "agency_id": str(town_list[0][0])}
            grouped = {"year": YEAR, "region_code": DISTRICT, "group_by": "agency"}
            r = args.repeat
            for path in SOURCES:
                service = path.split("/")[3]
                for label, params in (("one town", town), ("district, group_by=agency", grouped)):
                    timed(f"GET {path.removeprefix('/api/v1/')} ({label})", r, method="GET",
                          url=dep.url(service) + path, params=params, headers=sup)
            review = dep.url("review") + "/api/v1/review"
            for label, body in (("one town", {"year": YEAR, "kind": "statistical",
                                              "agency_id": town["agency_id"]}),
                                ("district", {"year": YEAR, "kind": "statistical",
                                              "region_code": DISTRICT})):
                timed(f"POST annual-reports ({label}, 6 sources over HTTP)", r, method="POST",
                      url=review + "/annual-reports", json=body, headers=sup)
            made = (await asyncio.to_thread(
                httpx.post, review + "/annual-reports", headers=sup, timeout=300, json={
                    "year": YEAR, "kind": "statistical", "region_code": DISTRICT})).json()
            timed("GET tables.xlsx (district report)", r, method="GET",
                  url=f"{review}/annual-reports/{made['id']}/tables.xlsx", headers=sup)
            dash = (await asyncio.to_thread(
                httpx.get, review + "/dashboard", headers=sup, timeout=300,
                params={"region_code": DISTRICT, "year": YEAR})).json()
            timed(f"GET dashboard ({len(dash['agencies'])} agencies, {dash['calls']} calls)", r,
                  method="GET", url=review + "/dashboard", headers=sup,
                  params={"region_code": DISTRICT, "year": YEAR})
            got = {f["key"]: f["value"] for f in made["figures"]}
            print(f"district report: {got.get('penalty.decisions.total')} decisions, "
                  f"{got.get('inspections.total')} inspections, "
                  f"{got.get('publicity.decisions_published')} published; skipped sources "
                  f"{made['skipped_sources']}, pending events {made['pending_events']}",
                  flush=True)
            print(machine())
        finally:
            dep.stop()
            await databases(pg, names, create=False)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(json.loads(sys.argv[2]))
    else:
        asyncio.run(main())
