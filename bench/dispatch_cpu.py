"""CPU per request of the cases app over raw ASGI (no client, no network, one process):
FastAPI's own dispatch and dependency solving, `kit.dispatch` with FastAPI's solver, and
`kit.dispatch` with `kit.solver` (what the services run), interleaved in one run (3 rounds,
median), beside the bare hello world of `bench/ceiling.py`. SQLite; `/status` and the 404/405
need no database.

    .venv/bin/python bench/dispatch_cpu.py [--requests 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from ceiling import app as hello  # noqa: E402
from fastapi import routing  # noqa: E402
from gateway_overhead import _headers  # noqa: E402

from gateway.composition import build_all_in_one  # noqa: E402
from gateway.config import GatewaySettings  # noqa: E402
from kit import solver  # noqa: E402

MODES = ("fastapi", "kit.dispatch", "+kit.solver")

PATHS = (("GET", "/hello", b""), ("GET", "/api/v1/cases/status", b""),
         ("GET", "/api/v1/cases/nope/x", b""), ("GET", "/api/v1/cases/cases", b"limit=20"),
         ("DELETE", "/api/v1/cases/status", b""))


async def call(app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]],
               query: bytes) -> int:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query, "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("b", 80), "state": {}}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


async def main(n: int) -> None:
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()}, {n} requests per figure")
    with tempfile.TemporaryDirectory() as tmp:
        gw = build_all_in_one(tmp, gateway_settings=GatewaySettings(
            rate_limit_per_minute=10**9, rate_limit_burst=10**6))
        async with gw.router.lifespan_context(gw):
            headers = [(k.lower().encode(), v.encode())
                       for k, v in _headers(Path(tmp) / "keys").items()]
            cases = gw.state.services["cases"]
            indexed = cases.router.middleware_stack
            res: dict[tuple[str, str, str, int], list[float]] = {}
            for _ in range(3):
                for mode in MODES:
                    cases.router.middleware_stack = indexed.plain if mode == "fastapi" \
                        else indexed
                    routing.solve_dependencies = solver.solve_dependencies \
                        if mode == "+kit.solver" else solver.ORIGINAL  # type: ignore[assignment]
                    for method, path, query in PATHS:
                        app = hello if path == "/hello" else cases
                        for _ in range(20):
                            status = await call(app, method, path, headers, query)
                        t0 = time.process_time()
                        for _ in range(n):
                            await call(app, method, path, headers, query)
                        res.setdefault((mode, method, path, status), []).append(
                            (time.process_time() - t0) / n * 1000)
            cases.router.middleware_stack = indexed
            routing.solve_dependencies = solver.solve_dependencies  # type: ignore[assignment]
    for (mode, method, path, status), v in res.items():
        print(f"{mode:13} {method:6} {path:28} {status}  {statistics.median(v):.3f} ms CPU")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    asyncio.run(main(parser.parse_args().requests))
