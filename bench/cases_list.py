"""Filtered case-list latency (p50/p95) with 16 concurrent clients over N generated cases.

    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/cases_list.py [--cases 1000000] [--clients 16] [--requests 50]

Creates a scratch PostgreSQL database, migrates the cases schema, bulk-inserts N cases (and two
`case_officers` rows each) with SQLAlchemy Core — 200 agencies in 40 towns of two districts —
then calls `GET /api/v1/cases/cases` in-process over ASGI (the cases app alone, no gateway) with
real RS256 tokens: an officer's agency list (page 1 and a deep keyset page), by status, by
officer, by party-name prefix, overdue only, and a district supervisor's region list. Each
scenario: `--clients` concurrent clients × `--requests` requests each. Dropped unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit import auth, migrate  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402
from services.cases.app import create_app  # noqa: E402
from services.cases.config import CasesSettings  # noqa: E402
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
        officers += [{"case_id": cid, "officer_id": o} for o in pair]
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


async def run(client: httpx.AsyncClient, headers: dict, params: dict, clients: int,
              requests: int) -> tuple[float, float, int]:
    lat: list[float] = []
    items = 0

    async def one() -> None:
        nonlocal items
        for _ in range(requests):
            t0 = time.perf_counter()
            resp = await client.get("/api/v1/cases/cases", headers=headers, params=params)
            lat.append((time.perf_counter() - t0) * 1000)
            assert resp.status_code == 200, resp.text
            items = len(resp.json()["items"])

    await asyncio.gather(*(one() for _ in range(clients)))
    q = statistics.quantiles(lat, n=100)
    return q[49], q[94], items


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    admin_url = os.environ.get("ZHIFA_BENCH_PG_URL",
                               "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    name = f"bench_cases_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        await asyncio.to_thread(migrate.upgrade, "cases", url)
        await fill(url, args.cases)
        keys = Path(f"/tmp/{name}-keys")
        settings = CasesSettings(database_url=url, run_outbox_worker=False,
                                 database_pool_size=args.clients,
                                 jwt=JwtSettings(keys_dir=str(keys)))
        app = create_app(settings)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench",
                timeout=60) as client:
            ring = app.state.keyring
            agency = AGENCIES[7]

            def token(*roles: str, **kw: str) -> dict[str, str]:
                return {"Authorization": "Bearer " + auth.issue_access_token(
                    ring, settings.jwt, subject="bench", roles=list(roles), **kw)}

            officer = token("officer", agency_id=str(agency), region_code=REGIONS[7])
            sup = token("supervisor", region_code="500112")
            deep = None
            for _ in range(5):  # walk 1,000 rows like a client would
                page = (await client.get("/api/v1/cases/cases", headers=officer,
                                         params={"limit": 200, "cursor": deep or ""})).json()
                deep = page["next_cursor"]
            scenarios = [
                ("agency, page 1", officer, {}),
                ("agency, after 1000 rows", officer, {"cursor": deep}),
                ("agency + status", officer, {"status": "investigating"}),
                ("agency + officer", officer, {"officer_id": OFFICERS[agency][3]}),
                ("agency + party prefix", officer, {"party": "张"}),
                ("agency + overdue", officer, {"overdue": "true"}),
                ("agency + filed range", officer, {"filed_from": str(date.today() -
                                                                    timedelta(days=30))}),
                ("district supervisor", sup, {}),
                ("district supervisor + status", sup, {"status": "decided"}),
            ]
            print(f"cases={args.cases} clients={args.clients} requests/client={args.requests} "
                  f"limit={args.limit}")
            for label, headers, params in scenarios:
                p50, p95, n = await run(client, headers, {**params, "limit": args.limit},
                                        args.clients, args.requests)
                print(f"{label:30s} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  ({n} items)",
                      flush=True)
    finally:
        if not args.keep:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
