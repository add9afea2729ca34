"""Where the time goes: py-spy samples a loaded process while `wrk` drives it, and the top
entries (own time and cumulative, by function) are printed.

    .venv/bin/pip install py-spy            # into the venv only (or the `bench` extra)
    ZHIFA_BENCH_PG_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/profile_paths.py [--seconds 8] [--top 25] [--path ...]

Split mode (one uvicorn process per service and the gateway): profiles the cases process under
direct load, then the gateway process and the cases process under load through the gateway.
One-process mode (`zhifa serve all`): profiles that one process under load through the gateway.
Default path `GET /api/v1/cases/status` (token verified, no database).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from ceiling import machine  # noqa: E402
from gateway_overhead import _headers, _pg_databases  # noqa: E402
from split import SERVICES, SplitDeployment, free_port, new_id  # noqa: E402

PY_SPY = str(Path(sys.executable).parent / "py-spy")


def summarise(raw: Path, top: int, title: str) -> None:
    own: collections.Counter[str] = collections.Counter()
    cum: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = [
            f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].rsplit("/", 1)[-1]
            if " (" in f
            else f
            for f in stack.split(";")
        ]
        total += n
        own[frames[-1]] += n
        for f in set(frames):
            cum[f] += n
    print(f"\n== {title}: {total} samples")
    print("  own time:")
    for f, n in own.most_common(top):
        print(f"    {100 * n / total:5.1f}%  {f}")
    print("  cumulative:")
    for f, n in cum.most_common(top + 10)[10:]:  # the first ten are the event loop's frames
        print(f"    {100 * n / total:5.1f}%  {f}")


def profile(
    pids: dict[str, int],
    url: str,
    headers: dict[str, str],
    seconds: float,
    top: int,
    label: str,
    out: Path,
) -> None:
    spies = {}
    for name, pid in pids.items():
        raw = out / f"{label}-{name}.txt"
        spies[name] = (
            raw,
            subprocess.Popen(
                [
                    PY_SPY,
                    "record",
                    "--pid",
                    str(pid),
                    "--duration",
                    str(int(seconds)),
                    "--rate",
                    "200",
                    "--format",
                    "raw",
                    "--output",
                    str(raw),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
        )
    time.sleep(0.5)
    args = ["wrk", "-t2", "-c16", f"-d{int(seconds)}s"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    wrk = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = [ln for ln in wrk.splitlines() if "Requests/sec" in ln]
    for name, (raw, spy) in spies.items():
        spy.wait(timeout=60)
        summarise(raw, top, f"{label}: {name} process ({' '.join(rps)})")


async def split(args: argparse.Namespace, out: Path) -> None:
    pg = os.environ.get("ZHIFA_BENCH_PG_URL")
    names = {s: f"zp_{new_id()}_{s}" for s in SERVICES}
    if pg:
        await _pg_databases(pg, names, create=True)
        urls = {s: f"{pg.rsplit('/', 1)[0]}/{n}" for s, n in names.items()}
    else:
        urls = {s: f"sqlite+aiosqlite:///{out}/{s}.db" for s in SERVICES}
    dep = SplitDeployment(out, urls)
    dep.env.update(GATEWAY_RATE_LIMIT_PER_MINUTE=str(10**9), GATEWAY_RATE_LIMIT_BURST=str(10**6))
    try:
        dep.prepare()
        dep.start()
        pid = dict(zip((*SERVICES, "gateway"), (p.pid for p in dep.procs), strict=True))
        headers = _headers(out / "keys")
        profile(
            {"cases": pid["cases"]},
            dep.url("cases") + args.path,
            headers,
            args.seconds,
            args.top,
            "split direct",
            out,
        )
        profile(
            {"gateway": pid["gateway"], "cases": pid["cases"]},
            dep.url("gateway") + args.path,
            headers,
            args.seconds,
            args.top,
            "split via gateway",
            out,
        )
    finally:
        dep.stop()
        if pg:
            await _pg_databases(pg, names, create=False)


def one_process(args: argparse.Namespace, out: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GATEWAY_RATE_LIMIT_PER_MINUTE": str(10**9),
        "GATEWAY_RATE_LIMIT_BURST": str(10**6),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gateway.cli",
            "serve",
            "all",
            "--port",
            str(port),
            "--data-dir",
            str(out / "one"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        headers = _headers(out / "one" / "keys")
        profile(
            {"all": proc.pid},
            f"http://127.0.0.1:{port}{args.path}",
            headers,
            args.seconds,
            args.top,
            "one-process via gateway",
            out,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--path", default="/api/v1/cases/status")
    ap.add_argument("--only", choices=["split", "one-process"])
    args = ap.parse_args()
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "one-process":
            asyncio.run(split(args, Path(tmp)))
        if args.only != "split":
            one_process(args, Path(tmp))


if __name__ == "__main__":
    main()
