"""Filtered case-list latency (p50/p95) with 16 concurrent clients over N generated cases.

    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/cases_list.py [--cases 1000000] [--clients 16] [--seconds 5]
            [--workers 1]

Creates a scratch PostgreSQL database, migrates the cases schema, bulk-inserts N cases (and two
`case_officers` rows each) with SQLAlchemy Core — 200 agencies in 40 towns of two districts —
then starts the cases service alone under uvicorn (`python -m services.cases`, its own process,
TCP on loopback) and drives `GET /api/v1/cases/cases` from `wrk` (a separate C process,
`bench/latency.lua` prints p50/p95/p99) with real RS256 tokens: an officer's agency list (page 1
and a deep keyset page), by status, by officer, by party-name prefix, overdue only, and a
district supervisor's region list. Each scenario: `--clients` connections for `--seconds`.
`--explain` prints each scenario's PostgreSQL plan (EXPLAIN ANALYZE of the exact SQL the
repository builds). Dropped unless --keep (also when reused with --database). The service's
log goes to the file `BENCH_SERVER_LOG` names, if set.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from ceiling import machine  # noqa: E402
from split import free_port  # noqa: E402

from common.principal import Principal  # noqa: E402
from kit import auth, migrate  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402
from services.cases.models import Case, CaseOfficer  # noqa: E402

AGENCIES = [uuid.UUID(int=i + 1) for i in range(200)]
REGIONS = [f"500112{n:03d}" for n in range(100, 120)] + [f"500113{n:03d}" for n in range(100, 120)]
OFFICERS = {a: [str(uuid.UUID(int=10_000 + i * 10 + k)) for k in range(10)]
            for i, a in enumerate(AGENCIES)}
STATUSES = ["lead", "investigating", "concluded", "notified", "decided", "served", "closed",
            "archived"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
MATTER = uuid.UUID(int=999)
SNAPSHOT = {"id": str(MATTER), "code": "M00001", "name": "占道经营", "domain": "urban_management",
            "kind": "penalty", "source": "statutory", "limitation_years": 2}


def batch(start: int, count: int, today: date) -> tuple[list[dict], list[dict]]:
    rnd = random.Random(start)
    base = datetime.now(UTC) - timedelta(days=400)
    cases, officers = [], []
    for i in range(start, start + count):
        a = rnd.randrange(len(AGENCIES))
        agency = AGENCIES[a]
        cid = uuid.uuid4()
        status = rnd.choice(STATUSES)
        filed = today - timedelta(days=rnd.randint(0, 380)) if status != "lead" else None
        pair = rnd.sample(OFFICERS[agency], 2)
        due = (filed or today) + timedelta(days=rnd.randint(-30, 120)) \
            if status not in ("closed", "archived") else None
        cases.append({
            "id": cid, "agency_id": agency, "region_code": REGIONS[a % len(REGIONS)],
            "matter_id": MATTER, "matter_snapshot": SNAPSHOT, "party_kind": "person",
            "party_name": rnd.choice(SURNAMES) + f"某{i}", "source": "inspection",
            "act_date": (filed or today) - timedelta(days=5),
            "discovered_on": (filed or today) - timedelta(days=2), "facts": "在人行道上摆摊经营",
            "status": status, "number": f"木耳综执罚立〔2026〕{i}号" if filed else None,
            "filed_on": filed, "officer_ids": pair, "next_due_on": due,
            "created_at": base + timedelta(seconds=i * 30), "updated_at": base})
        officers += [{"case_id": cid, "officer_id": o, "case_created_at": cases[-1]["created_at"]}
                     for o in pair]
    return cases, officers


async def fill(url: str, total: int) -> None:
    engine = create_async_engine(url)
    today, size, t0 = date.today(), 5_000, time.perf_counter()
    for start in range(0, total, size):
        cases, officers = batch(start, min(size, total - start), today)
        async with engine.begin() as conn:
            await conn.execute(insert(Case), cases)
            await conn.execute(insert(CaseOfficer), officers)
        if start and start % 100_000 == 0:
            print(f"  {start} rows, {time.perf_counter() - t0:.0f}s", flush=True)
    async with engine.begin() as conn:
        await conn.execute(text("ANALYZE cases"))
        await conn.execute(text("ANALYZE case_officers"))
    await engine.dispose()
    print(f"inserted {total} cases in {time.perf_counter() - t0:.1f}s", flush=True)


def wrk_scenario(url: str, headers: dict[str, str], seconds: float, clients: int
                 ) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "-s",
            str(ROOT / "bench" / "latency.lua")]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("LATENCY "))
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}


def start_service(url: str, keys: Path, pool: int, workers: int = 1
                  ) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOST": "127.0.0.1", "PORT": str(port),
           "ZHIFA_ENV": "production", "CASES_DATABASE_URL": url,
           "CASES_RUN_OUTBOX_WORKER": "false", "CASES_DATABASE_POOL_SIZE": str(pool),
           "JWT_KEYS_DIR": str(keys), "JWT_GENERATE_KEYS": "false",
           "ZHIFA_METRICS_TOKEN": "bench", "ZHIFA_WORKERS": str(workers),
           # no personnel here: the session gate fails open (logged), as documented
           "CASES_UPSTREAMS": json.dumps({n: "http://127.0.0.1:9"
                                          for n in ("personnel", "review", "publicity")})}
    with open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "ab") as log:  # the child's copy
        proc = subprocess.Popen([sys.executable, "-m", "services.cases"], cwd=ROOT, env=env,
                                stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the cases service exited")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the cases service did not start")


async def explain(url: str, principal: Principal, params: dict[str, Any]) -> str:
    """EXPLAIN ANALYZE of the statement `CaseRepository.list` sends for these filters."""
    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import AsyncSession

    from services.cases.lifecycle.repository import CaseRepository

    engine = create_async_engine(url)
    seen: list[tuple[str, Any]] = []
    event.listen(engine.sync_engine, "before_cursor_execute",
                 lambda conn, cur, stmt, prm, ctx, many: seen.append((stmt, prm)))
    kw: dict[str, Any] = {k: v for k, v in params.items() if k in ("status", "officer_id",
                                                                  "party", "cursor")}
    if "filed_from" in params:
        kw["filed_from"] = date.fromisoformat(params["filed_from"])
    if params.get("overdue") == "true":
        kw.update(overdue=True, today=date.today())
    try:
        async with AsyncSession(engine) as session:
            await CaseRepository(session).list(principal, limit=50, **kw)
            stmt, prm = seen[-1]
            rows = (await session.connection()).exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + stmt, prm)
            return "\n".join(r[0] for r in (await rows).all())
    finally:
        await engine.dispose()


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers (ZHIFA_WORKERS)")
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--database", help="reuse a database kept by --keep (no fill)")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk (apt-get install wrk): the load generator runs as its own process")
    print(machine())
    admin_url = os.environ.get("ZHIFA_BENCH_PG_URL",
                               "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    name = args.database or f"bench_cases_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    if not args.database:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    proc = None
    try:
        if not args.database:
            await asyncio.to_thread(migrate.upgrade, "cases", url)
            await fill(url, args.cases)
        keys = Path(f"/tmp/{name}-keys")
        ring, jwt = auth.KeyRing.load(keys, generate=True), JwtSettings()
        proc, base = await asyncio.to_thread(start_service, url, keys, args.clients,
                                             args.workers)
        agency = AGENCIES[7]

        def token(*roles: str, **kw: str) -> dict[str, str]:
            return {"Authorization": "Bearer " + auth.issue_access_token(
                ring, jwt, subject="bench", roles=list(roles), ttl=3600, **kw)}

        officer_kw = {"agency_id": str(agency), "region_code": REGIONS[7]}
        officer, sup = token("officer", **officer_kw), token("supervisor", region_code="500112")
        deep = ""
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            for _ in range(3):  # walk 600 rows like a client would
                page = (await client.get("/api/v1/cases/cases", headers=officer,
                                         params={"limit": 200, "cursor": deep})).json()
                if "next_cursor" not in page:  # a problem answer: say which, not a KeyError
                    sys.exit(f"the first pages failed: {page}")
                deep = page["next_cursor"]
        scenarios = [
            ("agency, page 1", officer, {}),
            ("agency, after 600 rows", officer, {"cursor": deep}),
            ("agency + status", officer, {"status": "investigating"}),
            ("agency + officer", officer, {"officer_id": OFFICERS[agency][3]}),
            ("agency + party prefix", officer, {"party": "张"}),
            ("agency + overdue", officer, {"overdue": "true"}),
            ("agency + filed range", officer, {"filed_from": str(date.today() -
                                                                timedelta(days=30))}),
            ("district supervisor", sup, {}),
            ("district supervisor + status", sup, {"status": "decided"}),
        ]
        print(f"cases={args.database or args.cases} clients={args.clients} "
              f"seconds/scenario={args.seconds} "
              f"limit={args.limit} server=uvicorn ({args.workers} worker(s), own process) "
              "generator=wrk")
        for label, headers, params in scenarios:
            query = urlencode({**params, "limit": args.limit})
            r = await asyncio.to_thread(wrk_scenario, f"{base}/api/v1/cases/cases?{query}",
                                        headers, args.seconds, args.clients)
            print(f"{label:30s} p50 {r['p50']:7.2f} ms  p95 {r['p95']:7.2f} ms  "
                  f"p99 {r['p99']:7.2f} ms  ({r['requests']:.0f} requests, "
                  f"{r['non2xx']:.0f} non-2xx)", flush=True)
        if args.explain:
            for label, headers, params in scenarios:
                principal = (Principal("bench", frozenset({"supervisor"}),
                                            region_code="500112") if headers is sup else
                             Principal("bench", frozenset({"officer"}), **officer_kw))
                print(f"\n-- {label}\n{await explain(url, principal, params)}")
        print(f"end {machine()}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
        if not args.keep:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        else:
            print(f"kept database {name} (reuse with --database {name})")
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
