"""Issue 10, point 22: the outbox across crashes, with real processes over HTTP.

A producer replica (`notes`, outbox worker on) delivers N events to a consumer (`sink`). The
consumer applies a few and holds the next one inside its transaction (`tests/outbox_serve.py`,
a gate, no delay): it is killed with SIGKILL while it holds it and started again; then the
producer replica is killed while the sink holds a delivery of its batch (on PostgreSQL it holds
the batch's rows under `FOR UPDATE SKIP LOCKED`; its transaction dies with it) and a second
replica takes over. In the end the consumer has applied exactly N events, each once: nothing is
lost, and the inbox absorbed every redelivery. No step waits a fixed time: each waits for a
condition (bounded by a deadline)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from harness import PG_URL
from minisvc import NotesBase, SinkBase, create_schema, notes_platform
from split import ROOT, free_port
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from kit import auth
from kit.settings import JwtSettings

N = 24
SERVE = str(Path(__file__).resolve().parent.parent / "outbox_serve.py")


class Proc:
    def __init__(self, tmp: Path, role: str, url: str, keys: Path, sink: str = "",
                 port: int | None = None, allow: int | None = None) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (tmp / f"{role}-{self.port}.log").open("wb")
        env = {k: v for k, v in os.environ.items() if k != "SINK_ALLOW"}
        if allow is not None:
            env["SINK_ALLOW"] = str(allow)  # the sink applies this many, then holds the next
        self.proc = subprocess.Popen(
            [sys.executable, SERVE, role, str(self.port), url, str(keys), sink], cwd=ROOT,
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180  # a start-up bound on a busy machine, not a timing
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.proc.kill()  # never leave a half-started server behind
            assert self.proc.poll() is None and time.monotonic() < deadline, role
            time.sleep(0.1)

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=15)
        self.log.close()


def wait_for(predicate: Callable[[], bool], timeout: float = 300) -> None:
    """A bound, not a timing: after each kill the outbox backs off exponentially (up to a
    minute between tries on a busy machine), so redelivery may take minutes on CI."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


async def _databases(tmp: Path) -> tuple[dict[str, str], str | None]:
    if not PG_URL:
        return {n: f"sqlite+aiosqlite:///{tmp}/{n}.db" for n in ("notes", "sink")}, None
    prefix = f"zt_crash_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in ("notes", "sink"):
            await conn.execute(text(f'CREATE DATABASE "{prefix}_{n}"'))
    await admin.dispose()
    base = PG_URL.rsplit("/", 1)[0]
    return {n: f"{base}/{prefix}_{n}" for n in ("notes", "sink")}, prefix


async def _drop(prefix: str | None) -> None:
    if prefix is None:
        return
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        for n in ("notes", "sink"):
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{prefix}_{n}" WITH (FORCE)'))
    await admin.dispose()


async def _outbox_states(url: str) -> dict[str, int]:
    engine = create_async_engine(url)
    model = notes_platform.Outbox
    async with engine.connect() as conn:
        rows = (await conn.execute(select(model.status, func.count())
                                   .group_by(model.status))).all()
    await engine.dispose()
    return {s: c for s, c in rows}


def test_no_event_lost_or_doubled_across_kill_9(tmp_path: Path) -> None:
    urls, prefix = asyncio.run(_databases(tmp_path))
    procs: list[Proc] = []
    try:
        asyncio.run(create_schema(urls["notes"], NotesBase))
        asyncio.run(create_schema(urls["sink"], SinkBase))
        keys = tmp_path / "keys"
        auth.KeyRing.rotate(keys)
        jwt = JwtSettings(keys_dir=str(keys), generate_keys=False)
        token = auth.issue_access_token(auth.KeyRing.load(keys), jwt, subject="t",
                                        roles=["officer"])
        h = {"Authorization": f"Bearer {token}"}

        def start(role: str, sink: str = "", port: int | None = None,
                  allow: int | None = None) -> Proc:
            url = urls["sink" if role == "sink" else "notes"]
            p = Proc(tmp_path, role, url, keys, sink, port, allow)
            procs.append(p)
            return p

        sink = start("sink", allow=3)
        replica_a = start("notes", sink.base)

        def gate(open_it: bool = False) -> dict[str, int]:
            try:
                return (httpx.post if open_it else httpx.get)(f"{sink.base}/_gate",
                                                             timeout=5).json()
            except httpx.HTTPError:
                return {"held": 0, "inflight": -1}

        def received() -> list[str]:
            try:
                return httpx.get(f"{sink.base}/api/v1/sink/received", headers=h,
                                 timeout=5).json()
            except httpx.HTTPError:
                return []

        titles = [f"事件{i:02d}" for i in range(N)]
        with httpx.Client(base_url=replica_a.base, headers=h, timeout=10) as c:
            for t in titles:
                assert c.post("/api/v1/notes/notes", json={"title": t, "amount": "1.00"}
                              ).status_code == 201
        # 1. the consumer dies mid delivery: it applied 3 events and holds the 4th inside its
        #    transaction (SIGKILL: that event is lost with the transaction, the producer sees a
        #    broken connection and backs off)
        wait_for(lambda: gate()["held"] >= 1 and len(received()) >= 3)
        sink.kill9()
        sink = start("sink", "", sink.port, allow=3)  # same address; 3 more, then hold again
        first = len(received())
        assert 3 <= first < N
        # 2. the producer replica dies mid batch, waiting for the delivery the sink holds: on
        #    PostgreSQL it holds the batch's rows (FOR UPDATE SKIP LOCKED) and its transaction
        #    dies with it; rows it delivered but did not yet mark go out again from the second
        #    replica
        wait_for(lambda: gate()["held"] >= 1 and len(received()) >= 6)
        replica_a.kill9()
        assert len(received()) < N, "the replica finished before it could be killed"
        gate(open_it=True)  # the held apply (its producer is gone) goes on
        start("notes", sink.base)
        wait_for(lambda: len(received()) >= N)
        # no straggler can add a row once every outbox row is marked (the live replica sends
        # nothing more) and the sink has no delivery in flight (the dead replica's held one)
        wait_for(lambda: asyncio.run(_outbox_states(urls["notes"])).get("pending", 0) == 0
                 and gate()["inflight"] == 0)
        assert sorted(received()) == titles
        assert asyncio.run(_outbox_states(urls["notes"])) == {"delivered": N}
    finally:
        for p in procs:
            if not p.log.closed:
                p.stop()
        asyncio.run(_drop(prefix))
