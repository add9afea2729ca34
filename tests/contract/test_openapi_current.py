"""The committed openapi/ files match the code."""

from __future__ import annotations

from gateway.cli import OPENAPI_DIR, current_specs
from gateway.config import gateway_spec
from kit import openapi


def test_openapi_files_are_current() -> None:
    specs = current_specs()
    stale = openapi.drifted(specs, OPENAPI_DIR, gateway_spec(specs))
    assert not stale, (f"openapi/ differs from the code for {stale}: run "
                       "`.venv/bin/zhifa openapi export` and commit the result")


def test_operation_ids_are_unique_and_prefixed() -> None:
    seen: set[str] = set()
    for name, spec in current_specs().items():
        for path, ops in spec["paths"].items():
            for method, op in ops.items():
                oid = op["operationId"]
                assert oid.startswith(f"{name}_"), (path, method, oid)
                assert oid not in seen
                seen.add(oid)
