"""Public-feed latency (p50/p95) at page 1 and at page 10,000 over N disclosure records.

    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/publicity_feed.py [--rows 1000000] [--limit 50] [--requests 200]

Creates a scratch PostgreSQL database, migrates the publicity schema, bulk-inserts N records with
SQLAlchemy Core, then calls `GET /api/v1/publicity/decisions` in-process over ASGI (no network,
no gateway) — unfiltered, filtered by agency and filtered by region prefix — at page 1 and at
page 10,000 (the cursor of page 10,000 is computed in SQL once, as a client that walked there
would hold it). Keyset pagination means both depths should cost the same. The database is
dropped at the end unless --keep.

Measured 2026-11-22 (1,000,000 rows, limit 50, 300 requests each, PostgreSQL on the dev box,
in-process ASGI; bulk insert with all indexes incl. trigram GIN: 513 s):
    all     page 1 p50 24.6 / p95 39.9 ms | page 10,001 p50 18.3 / p95 36.1 ms
    agency  page 1 p50 23.2 / p95 40.3 ms | page 501 (its last) p50 13.3 / p95 26.7 ms
    region  page 1 p50 12.4 / p95 26.2 ms | page 9,988 p50 9.2 / p95 23.0 ms
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
from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit import migrate  # noqa: E402
from kit.schemas import encode_cursor  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402
from services.publicity.app import create_app  # noqa: E402
from services.publicity.config import PublicitySettings  # noqa: E402
from services.publicity.disclosures.models import Disclosure  # noqa: E402

AGENCIES = [uuid.UUID(int=i + 1) for i in range(40)]
REGIONS = [f"500112{n:03d}" for n in range(100, 120)] + [f"500113{n:03d}" for n in range(100, 120)]
CATEGORIES = ["罚款", "警告", "没收违法所得、没收非法财物", "暂扣许可证件", "责令停产停业"]


def rows(start: int, count: int, today: date) -> list[dict]:
    rnd = random.Random(start)
    now = datetime.now(UTC)
    out = []
    for i in range(start, start + count):
        decided = today - timedelta(days=rnd.randint(0, 330))
        agency = rnd.randrange(len(AGENCIES))
        out.append({
            "id": uuid.uuid4(), "case_id": uuid.uuid4(), "agency_id": AGENCIES[agency],
            "region_code": REGIONS[agency], "procedure": "ordinary", "status": "published",
            "version": 1, "party_kind": "organization", "party_name": f"某某商贸有限公司{i}",
            "party_code": None, "document_number": f"渝北罚〔2026〕{i}号",
            "violation_type": "销售过期食品", "facts": "当事人销售超过保质期的食品。" * 3,
            "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
            "penalty_category": rnd.choice(CATEGORIES), "penalty_categories": ["罚款"],
            "penalty_content": "罚款人民币5000.00元", "fine_fen": 500_000,
            "confiscation_fen": 0, "decided_on": decided, "agency_name": "渝北区市场监督管理局",
            "agency_uscc": "11500112MB1234567X", "data_source_name": "渝北区市场监督管理局",
            "data_source_uscc": "11500112MB1234567X", "publicity_class": "general",
            "publicity_min_until": decided + timedelta(days=92),
            "publicity_until": decided + timedelta(days=366), "publish_due_on": decided,
            "publish_due_provisional": False, "published_at": now, "published_late": False,
            "withdrawn_late": False, "created_at": now, "updated_at": now})
    return out


async def fill(url: str, total: int) -> None:
    engine = create_async_engine(url)
    today = date.today()
    batch, t0 = 10_000, time.perf_counter()
    async with engine.begin() as conn:
        for start in range(0, total, batch):
            await conn.execute(insert(Disclosure), rows(start, min(batch, total - start), today))
    async with engine.begin() as conn:
        await conn.execute(text("ANALYZE disclosures"))
    await engine.dispose()
    print(f"inserted {total} rows in {time.perf_counter() - t0:.1f}s")


async def deep_cursor(url: str, where: str, depth: int, limit: int) -> tuple[str | None, int]:
    """The cursor a client holds after `depth` rows (clamped to what the filter selects)."""
    engine = create_async_engine(url)
    public = "status='published' AND publicity_until >= CURRENT_DATE"
    async with engine.connect() as conn:
        total = (await conn.execute(text(
            f"SELECT count(*) FROM disclosures WHERE {public} {where}"))).scalar() or 0
        depth = max(min(depth, total - limit), 1)
        row = (await conn.execute(text(
            f"SELECT decided_on, id FROM disclosures WHERE status='published' "
            f"AND publicity_until >= CURRENT_DATE {where} ORDER BY decided_on DESC, id DESC "
            f"OFFSET {depth - 1} LIMIT 1"))).first()
    await engine.dispose()
    return (encode_cursor([str(row[0]), str(row[1])]) if row else None), depth


async def measure(client: httpx.AsyncClient, params: dict, n: int) -> tuple[float, float, int]:
    lat = []
    count = 0
    for _ in range(n):
        t0 = time.perf_counter()
        resp = await client.get("/api/v1/publicity/decisions", params=params)
        lat.append((time.perf_counter() - t0) * 1000)
        assert resp.status_code == 200, resp.text
        count = len(resp.json()["items"])
    q = statistics.quantiles(lat, n=100)
    return q[49], q[94], count


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--page", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    admin_url = os.environ.get("ZHIFA_BENCH_PG_URL",
                               "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    name = f"bench_publicity_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        await asyncio.to_thread(migrate.upgrade, "publicity", url)
        await fill(url, args.rows)
        keys = Path(f"/tmp/{name}-keys")
        app = create_app(PublicitySettings(database_url=url, run_outbox_worker=False,
                                           jwt=JwtSettings(keys_dir=str(keys))))
        depth = args.page * args.limit
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            async with create_async_engine(url).connect() as conn:
                agency = (await conn.execute(select(Disclosure.agency_id).limit(1))).scalar()
            cases = {"all": ("", {}),
                     "agency": (f"AND agency_id = '{agency}'", {"agency_id": str(agency)}),
                     "region": ("AND region_code LIKE '500112%'", {"region_code": "500112"})}
            print(f"rows={args.rows} limit={args.limit} requests={args.requests}")
            for label, (where, params) in cases.items():
                base = {**params, "limit": args.limit}
                p1 = await measure(client, base, args.requests)
                cursor, reached = await deep_cursor(url, where, depth, args.limit)
                deep = await measure(client, {**base, "cursor": cursor}, args.requests)
                print(f"{label:7s} page 1: p50 {p1[0]:.2f} ms p95 {p1[1]:.2f} ms ({p1[2]} items)"
                      f" | after row {reached} (page {reached // args.limit + 1}): "
                      f"p50 {deep[0]:.2f} ms p95 {deep[1]:.2f} ms ({deep[2]} items)")
    finally:
        if not args.keep:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
