"""The demo year (`zhifa demo load --year 2024`), loaded once per test session: the statistics
tests (test_demo_year.py) and the annual-report tests (test_annual_report_demo.py) read the same
year, and loading it is the slow part (a minute or more)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from harness import Databases, Platform, platform

from gateway.config import SERVICES
from gateway.demo import run_demo

DEMO_YEAR = 2024


@pytest.fixture(scope="session")
async def demo_year(databases: Databases, tmp_path_factory: pytest.TempPathFactory,
                    keys_dir: Path) -> AsyncIterator[Platform]:
    # the year is a bulk load (thousands of calls): a slow CI machine must not turn one slow
    # service-to-service call into a failed fixture for every test that reads the year
    slow = {s: {"http_timeout_seconds": 60.0} for s in SERVICES}
    async with platform(databases, tmp_path_factory.mktemp("demo-year"), keys_dir,
                        overrides=slow) as p:
        started = time.perf_counter()
        took = await run_demo(p.gateway, DEMO_YEAR)
        print(f"\ndemo base + year {DEMO_YEAR}: {time.perf_counter() - started:.1f} s "
              f"(year {took if took is None else round(took, 1)} s)")
        yield p
