"""Inspections: a 双随机 draw over 100,000 targets and 2,000 inspectors, and an offline sync
batch of 200 records through the gateway (one process).

    .venv/bin/python bench/inspections_draw.py [--targets 100000] [--inspectors 2000]
        [--sync-inspections 40]
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/inspections_draw.py

The draw is `services.cases.inspections.draws.service.derive` on a synthetic pool snapshot
(strata A/B/C/D = 30/40/20/10 % of the targets at ratios 1/3/20/100 %, 1 % of targets with a
conflict, 5 % of inspectors unqualified, 2 inspectors per target, load cap 20), plus the pool
hashes, and `verify`'s recomputation. The sync batch is `--sync-inspections` approved
inspections × 5 records each (notify, start, 现场笔录, finish, feedback) in one
`POST /inspections/sync`, then the same batch replayed (all `already_applied`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from cases_lifecycle import TOWN, Bench, C, _pg, uscc  # noqa: E402

from gateway.composition import build_all_in_one  # noqa: E402
from gateway.config import SERVICES, GatewaySettings  # noqa: E402
from services.cases.inspections.draws.service import derive, hashes  # noqa: E402


def snapshot(n_targets: int, n_inspectors: int) -> dict[str, Any]:
    rnd = random.Random(7)
    officers = [str(uuid.UUID(int=rnd.getrandbits(128))) for _ in range(n_inspectors)]
    targets = []
    for _ in range(n_targets):
        stratum = rnd.choices("ABCD", weights=(30, 40, 20, 10))[0]
        conflicts = [rnd.choice(officers)] if rnd.random() < 0.01 else []
        targets.append({"id": str(uuid.UUID(int=rnd.getrandbits(128))), "stratum": stratum,
                        "conflicts": conflicts})
    inspectors = [{"id": o, "qualified": rnd.random() >= 0.05, "reasons": []}
                  for o in sorted(officers)]
    return {"targets": targets, "inspectors": inspectors,
            "params": {"strata": {"A": 0.01, "B": 0.03, "C": 0.2, "D": 1.0}, "per_target": 2,
                       "max_load": 20}}


def bench_draw(n_targets: int, n_inspectors: int) -> None:
    pool = snapshot(n_targets, n_inspectors)
    t0 = time.perf_counter()
    targets, exclusions = derive("bench-seed-2026", pool)
    t1 = time.perf_counter()
    h = hashes(pool)
    t2 = time.perf_counter()
    again, _ = derive("bench-seed-2026", pool)
    t3 = time.perf_counter()
    assert again == targets and h
    print(f"draw: {n_targets} targets, {n_inspectors} inspectors → {len(targets)} drawn, "
          f"{len(exclusions)} exclusions; derive {t1 - t0:.2f} s, pool hashes "
          f"{t2 - t1:.3f} s, verify recomputation {t3 - t2:.2f} s")


async def bench_sync(client: httpx.AsyncClient, tmp: str, inspections: int) -> None:
    b = Bench(client, Path(tmp) / "keys")
    await b.setup()
    admin = b.headers("agency_admin", agency_id=b.agency_id, region_code=TOWN)
    h = b.officer()
    item = await b.post(f"{C}/inspection-items", {
        "code": "JC0001", "name": "占道经营检查", "agency_id": b.agency_id,
        "legal_basis": "《城市市容和环境卫生管理条例》第十四条", "target_kind": "enterprise",
        "domain": "urban_management", "types_allowed": ["routine"],
        "methods_allowed": ["onsite"], "annual_cap": 100, "publish": True}, admin, 201)
    records = []
    for n in range(inspections):
        target = await b.post(f"{C}/inspection-targets", {
            "kind": "enterprise", "uscc": uscc(), "name": f"商户{n}"}, h, 201)
        i = await b.post(f"{C}/inspections", {
            "type": "routine", "item_ids": [item["id"]], "target_id": target["id"],
            "method": "onsite", "officer_ids": b.officers[:2], "assistants": 0,
            "planned_on": "2026-03-10"}, h, 201)
        await b.post(f"{C}/inspections/{i['id']}/approve", {}, admin)
        for action, body in (
                ("notify", {"method": "onsite"}),
                ("start", {"attest_discipline": True, "started_at": "2026-03-10T01:00:00Z"}),
                ("records", {"kind": "onsite", "officer_ids": b.officers[:2], "place": "门前",
                             "started_at": "2026-03-10T01:00:00Z",
                             "ended_at": "2026-03-10T01:20:00Z", "content": "现场检查"}),
                ("finish", {"result": "no_issue", "findings": "未发现问题"}),
                ("feedback", {"delivered_on": "2026-03-11"})):
            records.append({"client_id": str(uuid.uuid4()), "idempotency_key": uuid.uuid4().hex,
                            "inspection_id": i["id"], "action": action,
                            "client_at": "2026-03-10T01:00:00Z", "body": body})
    for label in ("batch", "replay"):
        t0 = time.perf_counter()
        out = await b.post(f"{C}/inspections/sync", {"records": records}, h)
        dt = time.perf_counter() - t0
        print(f"sync {label}: {len(records)} records in {dt:.2f} s = "
              f"{len(records) / dt:.0f} records/s (applied {out['applied']}, already "
              f"{out['already_applied']}, refused {out['refused']})")


async def main(args: argparse.Namespace) -> None:
    bench_draw(args.targets, args.inspectors)
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    names = {s: f"zbi_{uuid.uuid4().hex[:8]}_{s}" for s in SERVICES}
    overrides: dict[str, dict[str, Any]] = {s: {"run_outbox_worker": False} for s in SERVICES}
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
                async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gw),
                                             base_url="http://bench", timeout=300) as client:
                    await bench_sync(client, tmp, args.sync_inspections)
    finally:
        if pg:
            await _pg(pg, names, create=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--targets", type=int, default=100_000)
    parser.add_argument("--inspectors", type=int, default=2_000)
    parser.add_argument("--sync-inspections", type=int, default=40)
    asyncio.run(main(parser.parse_args()))
