"""The annual report's own cost and the dashboard (issue 14): p50/p95 of

- `POST /annual-reports` (gather six statistics sources, freeze the snapshot, year-over-year),
- `GET …/tables.xlsx`, `…/report.docx` (three charts rendered), `…/charts/penalties.png`,
- `GET /dashboard` for a district of 22 towns, sources grouping by agency (6 calls) and not
  (6 × 22 calls + the agency list).

    .venv/bin/python bench/annual_report.py [--repeat 20] [--towns 22]
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/annual_report.py

The statistics endpoints are stand-ins answering the contract shape at once (the review app is
real: migrated database, RS256 tokens, ASGI): this measures the report side only. The query
cost over a year of 100,000 inspections and 20,000 decisions belongs to the statistics
endpoints (slice stats) and adds to the POST and to the dashboard once per source call.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from kit import auth, migrate  # noqa: E402
from kit.http import ServiceClient  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402
from services.review.app import create_app  # noqa: E402
from services.review.config import ReviewSettings  # noqa: E402

DISTRICT = "500112"
KEYS = ([f"penalty.decisions.{k}" for k in ("warning", "criticism", "fine", "confiscation",
                                            "license_suspension", "other", "total")]
        + [f"inspections.month.{m:02d}" for m in range(1, 13)]
        + ["inspections.counted", "inspections.enterprise", "coercion.items.seize",
           "licensing.accepted", "licensing.granted", "officers.year_end",
           "complaints.received", "complaints.responded", "complaints.completed",
           "overdue.cases", "complaints.late", "officers.certified_rate", "evaluation.rank"])


def stand_in(towns: list[uuid.UUID], grouped: bool) -> FastAPI:
    app = FastAPI()
    figures = [{"key": k, "label": k, "value": 100 + i, "unit": "件", "rule": "bench"}
               for i, k in enumerate(KEYS)]

    @app.get("/api/v1/personnel/agencies")
    async def agencies() -> dict[str, Any]:
        return {"items": [{"id": str(t), "name": f"镇{i}", "region_code": f"{DISTRICT}{i:03d}"}
                          for i, t in enumerate(towns)], "next_cursor": None, "limit": 200}

    @app.get("/api/v1/personnel/agencies/{agency_id}")
    async def agency(agency_id: str) -> dict[str, Any]:
        return {"id": agency_id, "region_code": f"{DISTRICT}100"}

    async def answer(request: Request) -> dict[str, Any]:
        q = dict(request.query_params)
        if grouped and q.get("group_by") == "agency":
            return {"year": int(q["year"]), "scope": q,
                    "groups": [{"agency_id": str(t), "figures": figures} for t in towns]}
        return {"year": int(q["year"]), "scope": q, "figures": figures}

    for path in ("/api/v1/cases/statistics", "/api/v1/cases/inspections/statistics",
                 "/api/v1/cases/licensing/statistics", "/api/v1/personnel/statistics",
                 "/api/v1/review/statistics", "/api/v1/publicity/statistics"):
        app.add_api_route(path, answer, methods=["GET"])
    return app


async def timed(c: httpx.AsyncClient, repeat: int, method: str, path: str,
                **kw: Any) -> tuple[float, float, float]:
    """p50, p95 and the first (cold: renders before the cache keeps them), in ms."""
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        resp = await c.request(method, path, **kw)
        samples.append((time.perf_counter() - t) * 1000)
        assert resp.status_code < 300, resp.text
    first = samples[0]
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], first


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--towns", type=int, default=22)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="report-bench-"))
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    dbname = f"report_bench_{uuid.uuid4().hex[:8]}"
    if pg:
        admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{dbname}"'))
        await admin.dispose()
        url = pg.rsplit("/", 1)[0] + "/" + dbname
    else:
        url = f"sqlite+aiosqlite:///{tmp / 'review.db'}"
    towns = [uuid.UUID(int=i + 1) for i in range(args.towns)]
    try:
        await asyncio.to_thread(migrate.upgrade, "review", url)
        jwt = JwtSettings(keys_dir=str(tmp / "keys"), generate_keys=True)
        app = create_app(ReviewSettings(database_url=url, jwt=jwt, run_outbox_worker=False,
                                        data_dir=str(tmp)))
        async with app.router.lifespan_context(app):
            ring = app.state.keyring
            sup = auth.issue_access_token(ring, jwt, subject="s", roles=["supervisor"],
                                          region_code=DISTRICT)
            h = {"Authorization": f"Bearer {sup}"}
            print(f"{'postgresql' if pg else 'sqlite'}: {len(KEYS)} figures per source, "
                  f"6 sources, {args.towns} towns, {args.repeat} runs each")
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://review") as c:
                for grouped in (True, False):
                    stub = httpx.AsyncClient(transport=httpx.ASGITransport(
                        app=stand_in(towns, grouped)), base_url="http://stub")
                    for name in ("cases", "personnel", "review", "publicity"):
                        app.state.clients[name] = ServiceClient(name, stub)
                    if grouped:
                        body = {"year": 2024, "kind": "statistical",
                                "agency_id": str(towns[0])}
                        p50, p95, first = await timed(c, args.repeat, "POST",
                                               "/api/v1/review/annual-reports",
                                               json=body, headers=h)
                        print(f"  {'POST annual-reports (gather + snapshot)':44s} "
                              f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   first {first:7.1f} ms")
                        rid = (await c.post("/api/v1/review/annual-reports", json=body,
                                            headers=h)).json()["id"]
                        for label, sub in (("GET tables.xlsx", "tables.xlsx"),
                                           ("GET report.docx (3 charts)", "report.docx"),
                                           ("GET charts/penalties.png", "charts/penalties.png")):
                            p50, p95, first = await timed(
                                c, args.repeat, "GET",
                                f"/api/v1/review/annual-reports/{rid}/{sub}", headers=h)
                            print(f"  {label:44s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
                                  f"   first {first:7.1f} ms")
                    params = {"region_code": DISTRICT, "year": 2024}
                    calls = (await c.get("/api/v1/review/dashboard", params=params,
                                         headers=h)).json()["calls"]
                    p50, p95, first = await timed(c, args.repeat, "GET", "/api/v1/review/dashboard",
                                           params=params, headers=h)
                    label = f"dashboard, {'grouped' if grouped else 'per agency'} ({calls} calls)"
                    print(f"  {label:44s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
                          f"   first {first:7.1f} ms")
                    await stub.aclose()
    finally:
        if pg:
            admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
            await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
