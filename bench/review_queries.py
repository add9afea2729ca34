"""Review-service read paths on a large table: the scoped legal-review queue (first and a deep
keyset page), the overdue list, complaint statistics per agency and year, the public status
lookup by tracking code, and the major-decision check.

    .venv/bin/python bench/review_queries.py [--rows 200000] [--repeat 50]
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/review_queries.py

Rows are bulk-inserted straight into a freshly migrated database (SQLite file, or a fresh
PostgreSQL database dropped afterwards); requests go to the review app over ASGI with real
RS256 tokens. Prints p50/p95 milliseconds per request.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from kit import auth, migrate  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402
from services.review.app import create_app  # noqa: E402
from services.review.complaints.models import Complaint  # noqa: E402
from services.review.config import ReviewSettings  # noqa: E402
from services.review.legal.models import LegalReview  # noqa: E402

AGENCIES = [uuid.UUID(int=i + 1) for i in range(50)]


async def fill(url: str, rows: int) -> str:
    engine = create_async_engine(url)
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    code = ""
    async with engine.begin() as conn:
        for offset in range(0, rows, 5000):
            reviews, complaints = [], []
            for i in range(offset, min(rows, offset + 5000)):
                agency = rng.choice(AGENCIES)
                at = start + timedelta(minutes=i)
                reviews.append({
                    "id": uuid.uuid4(), "case_id": uuid.uuid4(), "round": 1, "agency_id": agency,
                    "region_code": "500112100", "case_number": f"N{i}", "request": {},
                    "officer_ids": [], "status": rng.choice(["pending", "completed"]),
                    "requested_at": at, "due_date": (at + timedelta(days=14)).date(),
                    "due_provisional": False, "created_at": at, "updated_at": at})
                code = f"B{i:011d}"
                complaints.append({
                    "id": uuid.uuid4(), "tracking_code": code, "category": "violation_report",
                    "channel": "platform", "content": "x", "target_agency_id": agency,
                    "region_code": "500112100", "status": rng.choice(["received", "closed"]),
                    "received_at": at, "acknowledge_by": at.date(), "respond_by": at.date(),
                    "close_by": at.date(), "created_at": at, "updated_at": at,
                    "responded_at": at if i % 3 else None})
            await conn.execute(insert(LegalReview), reviews)
            await conn.execute(insert(Complaint), complaints)
        if engine.dialect.name == "postgresql":
            await conn.execute(text("ANALYZE"))
    await engine.dispose()
    return code


async def timed(client: httpx.AsyncClient, repeat: int, method: str, path: str,
                **kw: object) -> tuple[float, float, httpx.Response]:
    samples, resp = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        resp = await client.request(method, path, **kw)
        samples.append((time.perf_counter() - t) * 1000)
        assert resp.status_code < 400, resp.text
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], resp


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="review-bench-"))
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    dbname = f"review_bench_{uuid.uuid4().hex[:8]}"
    if pg:
        admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{dbname}"'))
        await admin.dispose()
        url = pg.rsplit("/", 1)[0] + "/" + dbname
    else:
        url = f"sqlite+aiosqlite:///{tmp / 'review.db'}"
    try:
        await asyncio.to_thread(migrate.upgrade, "review", url)
        t = time.perf_counter()
        code = await fill(url, args.rows)
        print(f"{'postgresql' if pg else 'sqlite'}: inserted {args.rows} reviews + "
              f"{args.rows} complaints in {time.perf_counter() - t:.1f}s")
        jwt = JwtSettings(keys_dir=str(tmp / "keys"), generate_keys=True)
        app = create_app(ReviewSettings(database_url=url, jwt=jwt, run_outbox_worker=False,
                                        data_dir=str(tmp), complaint_rate_per_minute=1e9,
                                        complaint_rate_burst=10**9))
        async with app.router.lifespan_context(app):
            ring = app.state.keyring
            tok = auth.issue_access_token(ring, jwt, subject="b", roles=["legal_reviewer"],
                                          agency_id=str(AGENCIES[0]), region_code="500112")
            sup = auth.issue_access_token(ring, jwt, subject="s", roles=["supervisor"],
                                          region_code="500112")
            h = {"Authorization": f"Bearer {tok}"}
            hs = {"Authorization": f"Bearer {sup}"}
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://review") as c:
                q = "/api/v1/review/legal-reviews"
                cases = [("queue, first page (agency, pending)", "GET", q,
                          {"params": {"status": "pending"}, "headers": h})]
                page = (await c.get(q, params={"status": "pending", "limit": 200},
                                    headers=h)).json()
                for _ in range(5):
                    page = (await c.get(q, params={"status": "pending", "limit": 200,
                                                   "cursor": page["next_cursor"]},
                                        headers=h)).json()
                cases += [
                    ("queue, 7th page by cursor", "GET", q,
                     {"params": {"status": "pending", "cursor": page["next_cursor"]},
                      "headers": h}),
                    ("overdue list (region)", "GET", q,
                     {"params": {"overdue": "true"}, "headers": hs}),
                    ("complaint stats 2026 (region, 50 agencies)", "GET",
                     "/api/v1/review/complaints/stats", {"params": {"year": 2026},
                                                         "headers": hs}),
                    ("public status by code", "GET",
                     f"/api/v1/review/complaints/{code}/status", {}),
                    ("major-decision check", "POST", "/api/v1/review/major-decision-checks",
                     {"headers": h, "json": {
                         "agency_id": str(AGENCIES[0]), "region_code": "500112100",
                         "party_kind": "person", "penalties": [{"kind": "fine",
                                                               "amount": "20000.00"}]}})]
                for label, method, path, kw in cases:
                    p50, p95, _ = await timed(c, args.repeat, method, path, **kw)
                    print(f"  {label:45s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    finally:
        if pg:
            admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
            await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
