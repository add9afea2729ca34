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
         "review": ("cases", "personnel"), "publicity": ("personnel", "cases")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SplitDeployment:
    def __init__(self, workdir: Path, database_urls: dict[str, str]) -> None:
        self.workdir, self.urls = workdir, database_urls
        self.ports = {name: free_port() for name in (*SERVICES, "gateway")}
        self.procs: list[subprocess.Popen[bytes]] = []
        self.env = {**os.environ, "ZHIFA_ENV": "production", "JWT_GENERATE_KEYS": "false",
                    "JWT_KEYS_DIR": str(workdir / "keys"), "ZHIFA_DATA_DIR": str(workdir),
                    "PYTHONPATH": str(ROOT), "ZHIFA_METRICS_TOKEN": "split-metrics-token",
                    # personal data key, as a mounted secret would provide it
                    "PERSONNEL_PII_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode()}
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
        for name in (*SERVICES, "gateway"):
            cmd = ([sys.executable, "-m", f"services.{name}"] if name != "gateway" else
                   [sys.executable, "-m", "gateway.cli", "serve", "gateway", "--host",
                    "127.0.0.1", "--port", str(self.ports["gateway"])])
            env = {**self.env, "HOST": "127.0.0.1", "PORT": str(self.ports[name])}
            log = (logs / f"{name}.log").open("wb")
            self.procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                               stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 60
        for name in (*SERVICES, "gateway"):
            while True:
                try:
                    if httpx.get(self.url(name) + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
                    self.stop()
                    raise RuntimeError(f"{name} did not start: " + self.logs())
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
