"""Issue 18: the API docs render in a real browser with no network. `zhifa serve all` (the
one-process app under uvicorn) on a free loopback port; headless Chromium loads /docs (Swagger UI)
and /redoc (ReDoc) and must render every operation of all four services, with no request to any
host but this machine. Screenshots stay in the test's tmp dir (docs.png, redoc.png)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cdp import Browser, find_chromium
from harness import Databases
from split import ROOT, free_port

SERVICES = ("personnel", "cases", "review", "publicity")


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    if os.environ.get("ZHIFA_TEST_DATABASE_URL"):
        pytest.skip("the docs do not depend on the database; this runs in the SQLite lane")
    return binary


@pytest.fixture(scope="module")
def server(chromium: str, databases: Databases,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("one-process")
    port = free_port()
    env = dict(os.environ)
    for name in SERVICES:  # copies of the session's migrated templates: no migration at start
        env[f"{name.upper()}_DATABASE_URL"] = databases.fresh(name, data)
    log = (data / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "all", "--host",
                             "127.0.0.1", "--port", str(port), "--data-dir", str(data)],
                            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((data / "serve.log").read_text()[-3000:])
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def operations(server: str) -> dict[str, str]:
    """operationId → service, from the gateway's live merged OpenAPI."""
    spec = httpx.get(server + "/openapi.json", timeout=30).json()
    return {op["operationId"]: op["operationId"].split("_", 1)[0]
            for item in spec["paths"].values() for op in item.values()}


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[Browser]:
    b = Browser(chromium, tmp_path / "profile")  # a fresh profile every time
    try:
        yield b
    finally:
        b.close()


def _rendered(browser: Browser, ready: str, ids: str, expected: int) -> list[str]:
    browser.wait_for(f"{ready} >= {expected}", timeout=120)
    return browser.evaluate(ids) or []


def test_swagger_ui_renders_every_operation_offline(server: str, operations: dict[str, str],
                                                    browser: Browser, tmp_path: Path) -> None:
    # Swagger UI renders only the operations in view: a page tall enough to hold them all
    browser.viewport(1400, 600 + 110 * len(operations))
    browser.goto(server + "/docs")
    ids = _rendered(browser, "document.querySelectorAll('.opblock').length",
                    "[...document.querySelectorAll('.opblock')].map(e => e.id)",
                    len(operations))
    browser.viewport(1400, 1000)
    shot = browser.screenshot(tmp_path / "docs.png")
    text = browser.evaluate("document.body.innerText")
    assert "Unable to render" not in text and "does not specify a valid version" not in text
    shown = {op for op in operations if any(i.endswith("-" + op) for i in ids)}
    assert sorted(set(operations) - shown) == []
    assert {operations[op] for op in shown} == set(SERVICES)
    assert "Authorize" in text  # the security schemes reached the page
    assert browser.foreign_requests() == []
    assert any(u.endswith("/docs/static/swagger-ui-bundle.js") for u in browser.requests)
    assert shot.stat().st_size > 20_000


def test_redoc_renders_every_operation_offline(server: str, operations: dict[str, str],
                                              browser: Browser, tmp_path: Path) -> None:
    browser.goto(server + "/redoc")
    sections = _rendered(
        browser, "document.querySelectorAll('[data-section-id*=\"operation/\"]').length",
        "[...document.querySelectorAll('[data-section-id*=\"operation/\"]')]"
        ".map(e => e.getAttribute('data-section-id'))", len(operations))
    shot = browser.screenshot(tmp_path / "redoc.png")
    shown = {s.rsplit("operation/", 1)[-1] for s in sections}
    assert sorted(set(operations) - shown) == []
    assert browser.foreign_requests() == []
    assert any(u.endswith("/docs/static/redoc.standalone.js") for u in browser.requests)
    assert shot.stat().st_size > 20_000
