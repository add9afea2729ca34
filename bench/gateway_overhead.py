"""Requests/s and p50/p99 of an authenticated GET, straight to a service and through the gateway,
in one-process mode and in split mode (PostgreSQL when ZHIFA_BENCH_PG_URL is set, else SQLite),
each as a ratio of the ceiling measured in the same run: a bare FastAPI hello world
(`bench/ceiling.py`) under the same uvicorn settings (split) or the same in-process ASGI client
(one-process). Every path is measured `--rounds` times, interleaved, and the median is printed.

    .venv/bin/python bench/gateway_overhead.py [--seconds 10] [--concurrency 16] [--rounds 3]
        [--workers 1] [--only split|one-process] [--httpx-gateway] [--fastapi-solver]

`--workers N` runs every split-mode service and the gateway with N uvicorn workers
(`ZHIFA_WORKERS`); the ceiling stays at one worker. `--httpx-gateway` makes the split gateway
forward over httpx (`GATEWAY_AIOHTTP_UPSTREAMS=false`), the hop it used before.
`--fastapi-solver` builds every app with FastAPI's own dependency solving
(`ZHIFA_KIT_SOLVER=0`) instead of `kit.solver`.

One-process: gateway and services share one event loop; "direct" calls the cases app in-process
over ASGI, "gateway" goes through the gateway app (proxy + in-process transport) — both from a
load generator in the same process. Split: real uvicorn processes on loopback; the generator is
`wrk` over TCP when it is installed (`apt-get install wrk`), else this process with httpx
(which then is the bottleneck). The endpoint is `GET /api/v1/cases/status` (token verified,
no database).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from ceiling import app as hello_app  # noqa: E402
from ceiling import machine  # noqa: E402
from split import SERVICES, SplitDeployment, free_port, new_id  # noqa: E402

from gateway.composition import build_all_in_one  # noqa: E402
from gateway.config import GatewaySettings  # noqa: E402
from kit import auth  # noqa: E402
from kit.settings import JwtSettings  # noqa: E402


async def load(client: httpx.AsyncClient, path: str, headers: dict[str, str], seconds: float,
               concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            resp = await client.get(path, headers=headers)
            latencies.append(time.perf_counter() - t0)
            errors += resp.status_code != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "requests": len(latencies), "errors": errors}


def _ms(value: str) -> float:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for unit in ("us", "ms", "s"):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * units[unit]
    return float(value)


def wrk_load(url: str, headers: dict[str, str], seconds: float,
             concurrency: int) -> dict[str, float]:
    """Real HTTP load from `wrk` (C, two threads) when it is installed."""
    args = ["wrk", "-t2", f"-c{concurrency}", f"-d{int(seconds)}s", "--latency"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore
            "p50_ms": _ms(pct["50"]), "p99_ms": _ms(pct["99"]),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore
            "errors": int(non2xx.group(1)) if non2xx else 0}


def _headers(keys_dir: Path) -> dict[str, str]:
    ring = auth.KeyRing.load(keys_dir)
    token = auth.issue_access_token(ring, JwtSettings(), subject="bench", roles=["officer"],
                                    ttl=3600)
    return {"Authorization": f"Bearer {token}"}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


async def one_process(seconds: float, concurrency: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        gw = build_all_in_one(tmp, gateway_settings=GatewaySettings(
            rate_limit_per_minute=10**9, rate_limit_burst=10**6))
        async with gw.router.lifespan_context(gw):
            headers = _headers(Path(tmp) / "keys")
            paths = (("ceiling", hello_app, "/hello"),
                     ("direct", gw.state.services["cases"], "/api/v1/cases/status"),
                     ("gateway", gw, "/api/v1/cases/status"))
            runs: dict[str, list[dict[str, float]]] = {p[0]: [] for p in paths}
            for _ in range(rounds):
                for label, app, path in paths:
                    transport = httpx.ASGITransport(app=app)
                    async with httpx.AsyncClient(transport=transport, base_url="http://b") as c:
                        runs[label].append(await load(c, path, headers, seconds, concurrency))
            return {label: median_of(r) for label, r in runs.items()}


async def _pg_databases(pg: str, names: dict[str, str], create: bool) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in names.values():
            sql = f'CREATE DATABASE "{n}"' if create else \
                f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'
            await conn.execute(text(sql))
    await admin.dispose()


def _start_ceiling(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "ceiling.py")],
                            env={**os.environ, **env, "HOST": "127.0.0.1", "PORT": str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/hello", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("ceiling app did not start")


async def split_mode(seconds: float, concurrency: int, rounds: int, workers: int,
                     httpx_gateway: bool) -> dict[str, Any]:
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    names = {s: f"zb_{new_id()}_{s}" for s in SERVICES}
    with tempfile.TemporaryDirectory() as tmp:
        if pg:
            await _pg_databases(pg, names, create=True)
            urls = {s: f"{pg.rsplit('/', 1)[0]}/{n}" for s, n in names.items()}
        else:
            urls = {s: f"sqlite+aiosqlite:///{tmp}/{s}.db" for s in SERVICES}
        dep = SplitDeployment(Path(tmp), urls)
        dep.env.update(GATEWAY_RATE_LIMIT_PER_MINUTE=str(10**9),
                       GATEWAY_RATE_LIMIT_BURST=str(10**6), ZHIFA_WORKERS=str(workers),
                       GATEWAY_AIOHTTP_UPSTREAMS=str(not httpx_gateway).lower())
        ceiling = None
        try:
            dep.prepare()
            dep.start()
            ceiling, ceiling_url = _start_ceiling({})
            headers = _headers(Path(tmp) / "keys")
            out: dict[str, Any] = {"database": "postgresql" if pg else "sqlite"}
            limits = httpx.Limits(max_connections=concurrency * 2)
            out["generator"] = "wrk" if shutil.which("wrk") else "httpx"
            paths = (("ceiling", ceiling_url + "/hello"),
                     ("direct", dep.url("cases") + "/api/v1/cases/status"),
                     ("gateway", dep.url("gateway") + "/api/v1/cases/status"))
            runs: dict[str, list[dict[str, float]]] = {p[0]: [] for p in paths}
            for _ in range(rounds):
                for label, url in paths:
                    if shutil.which("wrk"):
                        runs[label].append(wrk_load(url, headers, seconds, concurrency))
                        continue
                    async with httpx.AsyncClient(limits=limits) as c:
                        runs[label].append(await load(c, url, headers, seconds, concurrency))
            out.update({label: median_of(r) for label, r in runs.items()})
            return out
        finally:
            if ceiling is not None:
                ceiling.terminate()
                ceiling.wait(timeout=15)
            dep.stop()
            if pg:
                await _pg_databases(pg, names, create=False)


def report(mode: str, res: dict[str, Any]) -> None:
    ceiling = res["ceiling"]["rps"]
    for label in ("ceiling", "direct", "gateway"):
        r = res[label]
        print(f"{mode:28} {label:8} {r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.2f} ms  "
              f"p99 {r['p99_ms']:7.2f} ms  {r['rps'] / ceiling:5.2f} of ceiling  "
              f"({r['requests']:.0f} requests, {r['errors']:.0f} errors)")
    print(f"{mode:28} gateway/direct throughput ratio: "
          f"{res['gateway']['rps'] / res['direct']['rps']:.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--httpx-gateway", action="store_true")
    ap.add_argument("--only", choices=["split", "one-process"])
    ap.add_argument("--fastapi-solver", action="store_true",
                    help="FastAPI's own dependency solving (ZHIFA_KIT_SOLVER=0), not kit.solver")
    args = ap.parse_args()
    if args.fastapi_solver:  # read when an app is built, here and by every split process
        os.environ["ZHIFA_KIT_SOLVER"] = "0"
    print(machine())
    print(f"config: {args.seconds:g} s per measurement, {args.concurrency} connections, "
          f"median of {args.rounds} interleaved rounds, split workers {args.workers}, "
          f"split gateway hop {'httpx' if args.httpx_gateway else 'aiohttp'}, "
          f"PostgreSQL {'yes' if os.environ.get('ZHIFA_BENCH_PG_URL') else 'no (SQLite)'}, "
          f"solver {'FastAPI' if args.fastapi_solver else 'kit.solver'}",
          flush=True)
    if args.only != "split":
        report("one-process", asyncio.run(one_process(args.seconds, args.concurrency,
                                                      args.rounds)))
    if args.only != "one-process":
        split = asyncio.run(split_mode(args.seconds, args.concurrency, args.rounds,
                                       args.workers, args.httpx_gateway))
        hop = "httpx" if args.httpx_gateway else "aiohttp"
        report(f"split/{split['database']}/w{args.workers}/{hop}", split)
    print(f"end {machine()}")


if __name__ == "__main__":
    main()
