"""RSS growth of the gateway while a 200 MB request body streams through it to an upstream
that only counts the bytes (and samples the RSS as it goes): the in-process hop (one-process
mode: the service app called in the gateway's task, `gateway/inprocess.py`) and the split-mode
hop (aiohttp to a uvicorn server on loopback, in this process too, so one RSS covers both
ends). The client streams the body in 64 KiB chunks.

    .venv/bin/python bench/gateway_upload_rss.py [--megabytes 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI, Request

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ceiling import machine  # noqa: E402

from gateway.app import create_app  # noqa: E402
from gateway.config import GatewaySettings  # noqa: E402

CHUNK = 64 * 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# RSS sampled by the upstream itself every 16 chunks: in one process the client, the gateway
# and the upstream run in one task without yielding to the loop, so a watcher task never runs
SEEN = [0.0]


def sink() -> FastAPI:
    app = FastAPI()

    @app.post("/api/v1/cases/upload")
    async def upload(request: Request) -> dict[str, int]:
        size, chunks = 0, 0
        async for chunk in request.stream():
            size, chunks = size + len(chunk), chunks + 1
            if chunks % 16 == 0:
                SEEN[0] = max(SEEN[0], rss_mb())
        return {"size": size}

    return app


async def body(total: int) -> AsyncIterator[bytes]:
    block = b"x" * CHUNK
    sent = 0
    while sent < total:
        yield block[: min(CHUNK, total - sent)]
        sent += CHUNK


async def one(label: str, settings: GatewaySettings, apps: dict[str, FastAPI] | None,
              total: int) -> None:
    gw = create_app(settings, apps)
    async with gw.router.lifespan_context(gw):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gw),
                                     base_url="http://gw", timeout=600) as client:
            warm = await client.post("/api/v1/cases/upload", content=body(CHUNK * 16))
            assert warm.status_code == 200, warm.text
            before, peak = rss_mb(), 0.0
            SEEN[0] = 0.0

            async def watch() -> None:
                nonlocal peak
                while True:
                    peak = max(peak, rss_mb())
                    await asyncio.sleep(0.05)

            watcher = asyncio.create_task(watch())
            resp = await client.post("/api/v1/cases/upload", content=body(total))
            watcher.cancel()
            peak = max(peak, SEEN[0])
            assert resp.status_code == 200 and resp.json()["size"] == total, resp.text
            print(f"{label:34} {total / 2**20:.0f} MB through the gateway: RSS {before:.0f} MB "
                  f"before, peak {peak:.0f} MB (+{peak - before:.1f} MB)", flush=True)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--megabytes", type=int, default=200)
    args = ap.parse_args()
    total = args.megabytes * 2**20
    print(machine())
    limit = dict(max_body_bytes=total + 2**20, timeout_seconds=600,
                 rate_limit_per_minute=10**6, rate_limit_burst=10**6)
    await one("one-process hop (direct ASGI)", GatewaySettings(**limit),
              {n: sink() for n in ("cases", "personnel", "review", "publicity")}, total)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(sink(), host="127.0.0.1", port=port,
                                           log_config=None, access_log=False, lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn exposes a flag, not an event)
        await asyncio.sleep(0.01)
    try:
        url = f"http://127.0.0.1:{port}"
        await one("split hop (aiohttp to uvicorn)", GatewaySettings(
            upstream_cases=url, upstream_personnel=url, upstream_review=url,
            upstream_publicity=url, **limit), None, total)
    finally:
        server.should_exit = True
        await task
    print(f"end {machine()}; pid {os.getpid()}")


if __name__ == "__main__":
    asyncio.run(main())
