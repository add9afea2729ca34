"""执法文书 throughput through the gateway (one process): .docx issues per second and PDF
conversions per minute, each with 4 concurrent requests.

    .venv/bin/python bench/documents.py [--docs 80] [--pdfs 8] [--concurrency 4]
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/documents.py

An issue is one POST .../cases/{id}/documents (context from the case incl. personnel's
certificate numbers, numbering, docxtpl render, SHA-256 storage of context and .docx, timeline
entry); each worker issues on its own case. A PDF is one GET .../documents/{id}/pdf of a fresh
document (LibreOffice headless, worker concurrency = --concurrency). Also prints the bare
docxtpl render rate (no HTTP, no database) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from cases_lifecycle import Bench, C, _pg, id_number, run  # noqa: E402

from gateway.composition import build_all_in_one  # noqa: E402
from gateway.config import SERVICES, GatewaySettings  # noqa: E402
from services.cases.documents import render  # noqa: E402
from services.cases.documents.catalogue import SPECS  # noqa: E402
from services.cases.documents.samples import sample  # noqa: E402
from services.cases.documents.service import shipped_bytes  # noqa: E402

FIELDS = {"rectify_content": "撤除占道摊位", "rectify_deadline": "2026年3月10日"}


async def filed_case(b: Bench) -> str:
    case = await b.post(f"{C}/cases", {
        "matter_id": b.matter_id, "source": "inspection", "act_date": "2026-03-01",
        "discovered_on": "2026-03-02", "facts": "在人行道上摆摊经营",
        "party": {"kind": "person", "name": "张三 & <李四>", "id_number": id_number(),
                  "address": "木耳镇人民路1号"}}, b.officer(), 201)
    await b.post(f"{C}/cases/{case['id']}/file", {
        "officer_ids": b.officers[:2], "approver_id": b.officers[2],
        "filed_on": "2026-03-03"}, b.officer())
    return case["id"]


async def main(docs: int, pdfs: int, concurrency: int) -> None:
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    names = {s: f"zbd_{uuid.uuid4().hex[:8]}_{s}" for s in SERVICES}
    overrides: dict[str, dict[str, Any]] = {s: {"run_outbox_worker": False} for s in SERVICES}
    overrides["cases"]["document_pdf_concurrency"] = concurrency
    if pg:
        await _pg(pg, names, create=True)
        for s, n in names.items():
            overrides[s]["database_url"] = f"{pg.rsplit('/', 1)[0]}/{n}"
    template = shipped_bytes(SPECS["penalty_decision"])
    t0 = time.perf_counter()
    for _ in range(20):
        render.render(template, sample())
    bare = 20 / (time.perf_counter() - t0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            gw = build_all_in_one(tmp, service_overrides=overrides,
                                  gateway_settings=GatewaySettings(
                                      rate_limit_per_minute=10**9, rate_limit_burst=10**6))
            async with gw.router.lifespan_context(gw):
                transport = httpx.ASGITransport(app=gw)
                async with httpx.AsyncClient(transport=transport, base_url="http://bench",
                                             timeout=300) as client:
                    b = Bench(client, Path(tmp) / "keys")
                    await b.setup()
                    cases = [await filed_case(b) for _ in range(concurrency)]
                    ids: list[str] = []
                    slots = asyncio.Queue()  # one case per concurrent worker (row lock)
                    for c in cases:
                        slots.put_nowait(c)

                    async def issue() -> None:
                        cid = await slots.get()
                        try:
                            doc = await b.post(f"{C}/cases/{cid}/documents", {
                                "code": "rectification_notice", "fields": FIELDS},
                                b.officer(), 201)
                            ids.append(f"{C}/cases/{cid}/documents/{doc['id']}")
                        finally:
                            slots.put_nowait(cid)

                    await issue()  # first use creates the counter row
                    issued = await run(issue, docs, concurrency)
                    pdf = None
                    if shutil.which("soffice"):
                        todo = iter(ids[:pdfs])

                        async def convert() -> None:
                            resp = await client.get(f"{next(todo)}/pdf", headers=b.officer())
                            if resp.status_code != 200:
                                raise RuntimeError(resp.text[:300])

                        pdf = await run(convert, min(pdfs, len(ids)), concurrency)
    finally:
        if pg:
            await _pg(pg, names, create=False)
    print(f"database={'postgresql' if pg else 'sqlite'} concurrency={concurrency}")
    print(f"bare docxtpl render (行政处罚决定书): {bare:.1f} renders/s (one thread)")
    print(f".docx issue through the gateway: {issued['per_second']:.1f} documents/s, "
          f"p50 {issued['p50_ms']:.0f} ms, p95 {issued['p95_ms']:.0f} ms "
          f"({issued['n']} in {issued['seconds']:.1f} s)")
    if pdf:
        print(f"PDF conversion: {pdf['per_second'] * 60:.1f} conversions/min, "
              f"p50 {pdf['p50_ms'] / 1000:.1f} s, p95 {pdf['p95_ms'] / 1000:.1f} s "
              f"({pdf['n']} in {pdf['seconds']:.1f} s)")
    else:
        print("PDF conversion: LibreOffice (soffice) not installed, skipped")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=80)
    parser.add_argument("--pdfs", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(main(args.docs, args.pdfs, args.concurrency))
