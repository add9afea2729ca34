"""Split mode for tests and benchmarks: each service and the gateway as its own uvicorn process
on a loopback port, each service on its own database, production-style settings."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("personnel", "cases", "review", "publicity")
CALLS = {"personnel": ("cases",), "cases": ("personnel", "review", "publicity"),
         # review's annual report and dashboard gather the statistics of all four, its own too
         "review": ("cases", "personnel", "publicity", "review"),
         "publicity": ("personnel", "cases")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SplitDeployment:
    """`redis_url`: every process shares limits on Redis under a key prefix unique to this
    deployment. `replicas`: extra gateway processes (`gateway-2`, …) with their own settings
    (`replica_env`), sharing one Redis prefix of their own."""

    def __init__(self, workdir: Path, database_urls: dict[str, str], *,
                 redis_url: str | None = None, replicas: int = 0,
                 replica_env: dict[str, str] | None = None) -> None:
        self.workdir, self.urls = workdir, database_urls
        self.replicas = [f"gateway-{i + 2}" for i in range(replicas)]
        self.ports = {name: free_port() for name in (*SERVICES, "gateway", *self.replicas)}
        self.procs: list[subprocess.Popen[bytes]] = []
        self.redis_prefix = f"zt-split-{uuid.uuid4().hex[:10]}:"
        self.replica_env = {"ZHIFA_REDIS_PREFIX": self.redis_prefix + "replicas:",
                            **(replica_env or {})}
        self.env = {**os.environ, "ZHIFA_ENV": "production", "JWT_GENERATE_KEYS": "false",
                    "JWT_KEYS_DIR": str(workdir / "keys"), "ZHIFA_DATA_DIR": str(workdir),
                    "PYTHONPATH": str(ROOT), "ZHIFA_METRICS_TOKEN": "split-metrics-token",
                    # personal data key, as a mounted secret would provide it
                    "PERSONNEL_PII_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
                    # a revoked session stops working within a second (common.sessions)
                    "ZHIFA_SESSION_SYNC_SECONDS": "1"}
        if redis_url:
            self.env.update(ZHIFA_REDIS_URL=redis_url, ZHIFA_REDIS_PREFIX=self.redis_prefix)
        for name in SERVICES:
            self.env[f"{name.upper()}_DATABASE_URL"] = database_urls[name]
            self.env[f"{name.upper()}_UPSTREAMS"] = json.dumps(
                {c: self.url(c) for c in CALLS[name]})
            self.env[f"GATEWAY_UPSTREAM_{name.upper()}"] = self.url(name)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def zhifa(self, *args: str) -> str:
        out = subprocess.run([sys.executable, "-m", "gateway.cli", *args], cwd=ROOT,
                             env=self.env, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"zhifa {' '.join(args)} failed: {out.stderr[-2000:]}")
        return out.stdout

    def prepare(self) -> None:
        """Keys from files (as a mounted secret would be), migrations, a first account."""
        self.zhifa("keys", "rotate", "--data-dir", str(self.workdir))
        self.zhifa("migrate", "all")

    def start(self) -> None:
        logs = self.workdir / "logs"
        logs.mkdir(exist_ok=True)
        for name in (*SERVICES, "gateway", *self.replicas):
            cmd = ([sys.executable, "-m", f"services.{name}"] if name in SERVICES else
                   [sys.executable, "-m", "gateway.cli", "serve", "gateway", "--host",
                    "127.0.0.1", "--port", str(self.ports[name])])
            env = {**self.env, "HOST": "127.0.0.1", "PORT": str(self.ports[name]),
                   **(self.replica_env if name in self.replicas else {})}
            log = (logs / f"{name}.log").open("wb")
            self.procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                               stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 240
        for name in (*SERVICES, "gateway", *self.replicas):
            while True:
                try:
                    if httpx.get(self.url(name) + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
                    exited = [(p.args[-1], p.returncode) for p in self.procs
                              if p.poll() is not None]
                    self.stop()
                    raise RuntimeError(f"{name} did not start (exited: {exited}): "
                                       + self.logs())
                time.sleep(0.2)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted((self.workdir / "logs").glob("*.log")))

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs.clear()


def new_id() -> str:
    return uuid.uuid4().hex[:10]
