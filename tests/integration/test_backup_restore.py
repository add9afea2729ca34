"""Issue 10, point 21: `zhifa backup` while the one-process platform serves and writes, then
`zhifa restore` into a new data dir; every case timeline verifies and every evidence file
matches its recorded SHA-256. The one-process mode is SQLite whatever the test lane (the
PostgreSQL equivalent is pg_dump, described in README)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from split import ROOT, free_port

ZHIFA = [sys.executable, "-m", "gateway.cli"]
PASSWORD = "zhifa-demo-2026"


def run(*args: str) -> str:
    out = subprocess.run([*ZHIFA, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "GATEWAY_RATE_LIMIT_PER_MINUTE": "1000000",
               "GATEWAY_RATE_LIMIT_BURST": "100000", "PYTHONPATH": str(ROOT)}
        self.log = (data_dir.parent / f"server-{self.port}.log").open("wb")
        self.proc = subprocess.Popen([*ZHIFA, "serve", "all", "--data-dir", str(data_dir),
                                      "--port", str(self.port)], cwd=ROOT, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180  # a start-up bound on a busy machine, not a timing
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.proc.kill()  # never leave a half-started server behind
            assert self.proc.poll() is None and time.monotonic() < deadline, "server down"
            time.sleep(0.2)

    def login(self, username: str) -> httpx.Client:
        resp = httpx.post(self.base + "/api/v1/auth/token", timeout=30,
                          data={"username": username, "password": PASSWORD})
        assert resp.status_code == 200, resp.text
        return httpx.Client(base_url=self.base, timeout=30, headers={
            "Authorization": f"Bearer {resp.json()['access_token']}"})

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


class Writer(threading.Thread):
    """Leads, files and adds evidence to cases until told to stop."""

    def __init__(self, client: httpx.Client, matter_id: str, officers: list[str]) -> None:
        super().__init__(daemon=True)
        self.client, self.matter_id, self.officers = client, matter_id, officers
        self.stop_flag = threading.Event()
        self.done: list[tuple[str, str]] = []  # (case id, evidence sha256), fully written
        self.error: str | None = None

    def one(self, n: int) -> None:
        c = self.client
        resp = c.post("/api/v1/cases/cases", json={
            "matter_id": self.matter_id, "source": "inspection", "act_date": "2026-03-01",
            "discovered_on": "2026-03-02", "facts": f"第{n}起：占道经营",
            "party": {"kind": "person", "name": f"当事人{n}"}})
        assert resp.status_code == 201, resp.text
        case_id = resp.json()["id"]
        resp = c.post(f"/api/v1/cases/cases/{case_id}/file", json={
            "officer_ids": self.officers[:2], "approver_id": self.officers[2],
            "filed_on": "2026-03-03"})
        assert resp.status_code == 200, resp.text
        content = b"%PDF-1.4\n" + os.urandom(2048)
        resp = c.post(f"/api/v1/cases/cases/{case_id}/evidence",
                      files={"file": (f"现场{n}.pdf", content, "application/pdf")},
                      data={"kind": "documentary", "officer_ids": self.officers[:2]})
        assert resp.status_code == 201, resp.text
        assert resp.json()["sha256"] == hashlib.sha256(content).hexdigest()
        self.done.append((case_id, resp.json()["sha256"]))

    def run(self) -> None:
        n = 0
        try:
            while not self.stop_flag.is_set():
                n += 1
                self.one(n)
        except Exception as exc:  # reported by the test
            self.error = repr(exc)


def test_backup_while_serving_then_restore(tmp_path: Path) -> None:
    data, restored, archive = tmp_path / "var", tmp_path / "restored", tmp_path / "b.tar.gz"
    run("migrate", "all", "--data-dir", str(data))
    run("demo", "load", "--data-dir", str(data))
    server = Server(data)
    try:
        officer = server.login("muer-officer")
        matter = next(m for m in officer.get("/api/v1/cases/matters").json()["items"]
                      if m["code"] == "UM-0101")
        team = officer.get("/api/v1/personnel/officers",
                           params={"agency_id": matter["agency_id"]}).json()["items"]
        demo_cases = {c["id"] for c in server.login("admin").get(
            "/api/v1/cases/cases", params={"limit": 200}).json()["items"]}  # the demo's own
        heads = [o["id"] for o in team if o.get("is_head")]  # the approver (负责人) goes last
        writer = Writer(officer, matter["id"],
                        [o["id"] for o in team if o["id"] not in heads] + heads[:1])
        writer.start()
        while len(writer.done) < 2 and writer.error is None:
            time.sleep(0.05)
        before = list(writer.done)
        out = run("backup", "--data-dir", str(data), "--to", str(archive))  # under load
        during = len(writer.done) - len(before)
        while len(writer.done) < len(before) + during + 1 and writer.error is None:
            time.sleep(0.05)  # the platform kept serving after the backup, too
        writer.stop_flag.set()
        writer.join(timeout=60)
        assert writer.error is None, writer.error
        assert "4 个数据库" in out
        written = list(writer.done)
    finally:
        server.stop()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds the keys

    run("restore", "--from", str(archive), "--data-dir", str(restored))
    refused = subprocess.run([*ZHIFA, "restore", "--from", str(archive), "--data-dir",
                              str(restored)], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0 and "--force" in refused.stderr
    server = Server(restored)  # the restored keys verify the restored accounts' tokens
    try:
        admin = server.login("admin")
        cases, cursor = [], None
        while True:
            page = admin.get("/api/v1/cases/cases", params={"limit": 200, **(
                {"cursor": cursor} if cursor else {})}).json()
            cases += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        ids = {c["id"] for c in cases}
        assert {cid for cid, _ in before} <= ids  # everything acknowledged before the backup
        assert ids <= {cid for cid, _ in written} | demo_cases  # nothing invented
        assert demo_cases <= ids
        ids -= demo_cases  # the writer's cases from here on
        evidence_dir = restored / "evidence"
        with_evidence = set()
        for case_id in ids:
            verify = admin.get(f"/api/v1/cases/cases/{case_id}/timeline/verify").json()
            assert verify["valid"] is True and verify["entries"] >= 1, verify
            for ev in admin.get(f"/api/v1/cases/cases/{case_id}/evidence").json():
                stored = evidence_dir / ev["sha256"][:2] / ev["sha256"]  # content-addressed
                assert hashlib.sha256(stored.read_bytes()).hexdigest() == ev["sha256"]
                assert ev["sha256"] == dict(written)[case_id]
                with_evidence.add(case_id)
        # a case the writer was still on when the snapshot ran may lack its evidence row
        assert {cid for cid, _ in before} <= with_evidence and len(ids) - len(with_evidence) <= 1
    finally:
        server.stop()
