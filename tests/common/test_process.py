"""How a built app runs in its process (common.process): FastAPI's own OpenTelemetry hooks are off
unless `ZHIFA_OTEL=1`, and `ZHIFA_KIT_SOLVER=0` leaves FastAPI's own dependency solving."""

from __future__ import annotations

import pytest
from fastapi import routing
from harness import Platform

from common import process
from kit import solver


def test_native_telemetry_is_off_unless_asked(zhifa: Platform,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for app in (*zhifa.apps.values(), zhifa.gateway):
        assert not app._native_telemetry.enabled()
        assert app._telemetry["tracing"] is False and app._telemetry["metrics"] is False
    monkeypatch.setenv("ZHIFA_OTEL", "1")
    assert process.native_telemetry() is None  # FastAPI's defaults
    monkeypatch.setenv("ZHIFA_OTEL", "0")
    assert process.native_telemetry() == {"tracing": False, "metrics": False, "logs": False,
                                          "operation_spans": False}


def test_the_solver_can_be_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "solve_dependencies", solver.ORIGINAL)
    monkeypatch.setenv("ZHIFA_KIT_SOLVER", "0")
    assert process.install_solver() is False
    assert routing.solve_dependencies is solver.ORIGINAL
    monkeypatch.delenv("ZHIFA_KIT_SOLVER")
    assert process.install_solver() is True
    assert routing.solve_dependencies is solver.solve_dependencies
