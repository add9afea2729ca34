"""How a built app runs in its process: the started heap frozen for the collector, FastAPI's
dependency solving with facts computed once (`kit.solver`), FastAPI's own OpenTelemetry hooks
off unless asked for. Every service app and the gateway call these."""

from __future__ import annotations

import gc
import os
from typing import Any

from kit import solver


def _switch(name: str, default: bool) -> bool:
    """An on/off environment switch: unset or empty is `default`, `0` or `false` is off,
    anything else on."""
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value not in ("0", "false")


def freeze_startup_heap() -> None:
    """In a served process (`run_uvicorn` sets `ZHIFA_GC_FREEZE=1` unless it is set): once the
    app has started, move everything alive into the collector's permanent generation. A full
    collection then scans only what requests allocate: over a started cases service's ~300,000
    objects it took ~160 ms, a stall of every request in flight that set the list's p95
    (`bench/cases_list.py`). Not in tests, which start hundreds of apps in one process."""
    if _switch("ZHIFA_GC_FREEZE", default=False):
        gc.collect()
        gc.freeze()


def native_telemetry() -> dict[str, Any] | None:
    """FastAPI's own OpenTelemetry hooks: off unless `ZHIFA_OTEL=1` (then FastAPI's defaults,
    for a process started under an OpenTelemetry SDK). The platform's metrics and access log are
    its own (`kit.observability`); with the hooks on, every request also asks the global
    providers whether they are configured, ~3 % of a token-only request."""
    if _switch("ZHIFA_OTEL", default=False):
        return None
    return {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


def install_solver() -> bool:
    """FastAPI's dependency solving with each dependant's facts computed once (`kit.solver`);
    `ZHIFA_KIT_SOLVER=0` keeps FastAPI's own (the same answers, more CPU per request)."""
    if not _switch("ZHIFA_KIT_SOLVER", default=True):
        return False
    return solver.install()
