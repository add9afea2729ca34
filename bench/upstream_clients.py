"""Client-side CPU per proxied request, for the gateway's upstream hop: httpx (what the gateway
uses), aiohttp (when installed: `pip install aiohttp` into the venv) and a minimal raw HTTP/1.1
keep-alive pool on asyncio streams, each driving the same uvicorn hello-world server
(`bench/ceiling.py`, its own process) with `--concurrency` requests in flight.

    .venv/bin/python bench/upstream_clients.py [--requests 5000] [--concurrency 16]

Prints requests/s and CPU milliseconds per request of this (client) process; the lower the CPU
per request, the less the gateway spends on its upstream hop.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from ceiling import machine  # noqa: E402
from gateway_overhead import _start_ceiling  # noqa: E402

Get = Callable[[], Awaitable[int]]


async def drive(get: Get, requests: int, concurrency: int) -> tuple[float, float]:
    left = requests

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            assert await get() == 200

    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return requests / (time.perf_counter() - wall), (time.process_time() - cpu) * 1000 / requests


class RawPool:
    """Keep-alive HTTP/1.1 connections on asyncio streams: a GET, the response read by
    Content-Length. The smallest possible client, as the floor for the comparison."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port, self.idle = host, port, []  # type: ignore[var-annotated]

    async def get(self, path: bytes) -> int:
        reused = bool(self.idle)
        if reused:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(b"GET " + path + b" HTTP/1.1\r\nhost: b\r\n\r\n")
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            writer.close()
            if reused:  # the server closed an idle keep-alive connection: a new one
                return await self.get(path)
            raise
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        await reader.readexactly(length)
        self.idle.append((reader, writer))
        return status


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    print(machine())
    proc, url = _start_ceiling({})
    try:
        port = int(url.rsplit(":", 1)[1])
        results: dict[str, list[tuple[float, float]]] = {}
        hx = httpx.AsyncClient(
            base_url=url, limits=httpx.Limits(max_connections=100, max_keepalive_connections=20)
        )

        async def hx_get() -> int:
            return (await hx.get("/hello")).status_code

        clients: list[tuple[str, Get]] = [("httpx", hx_get)]
        try:
            import aiohttp

            session = aiohttp.ClientSession(url, connector=aiohttp.TCPConnector(limit=100))

            async def aio_get() -> int:
                async with session.get("/hello") as resp:
                    await resp.read()
                    return resp.status

            clients.append(("aiohttp", aio_get))
        except ImportError:
            session = None
        raw = RawPool("127.0.0.1", port)
        clients.append(("raw pool", lambda: raw.get(b"/hello")))
        for _ in range(args.rounds):
            for name, get in clients:
                results.setdefault(name, []).append(
                    await drive(get, args.requests, args.concurrency)
                )
        for name, runs in results.items():
            print(
                f"{name:10} {statistics.median(r[0] for r in runs):7.0f} req/s  "
                f"{statistics.median(r[1] for r in runs):6.3f} ms CPU per request (client)"
            )
        await hx.aclose()
        if session is not None:
            await session.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    print(f"end {machine()}")


if __name__ == "__main__":
    asyncio.run(main())
