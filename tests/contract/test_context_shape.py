"""One service context: every service has a `context.py` whose `Ctx` is the platform's one shape
(`common.context.ServiceCtx`: session, principal, outbox, calendar, settings, up); no route takes
the session itself (it comes inside the `Ctx` its dependency builds); and no function outside a
repository takes a `session` and a `principal` side by side — it takes the `Ctx` (only a function
that returns a `Ctx`, and `common.context` itself, build one from those parts)."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import typing
from pathlib import Path

import pytest
from fastapi import FastAPI, routing
from fastapi.openapi.utils import _get_api_route_for_openapi as api_route
from sqlalchemy.ext.asyncio import AsyncSession

from common.context import ServiceCtx
from kit.db import SessionDep

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "cases", "review", "publicity")
SHAPE = ("session", "principal", "outbox", "calendar", "settings", "up")


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_context_is_the_one_shape(service: str) -> None:
    ctx = importlib.import_module(f"services.{service}.context").Ctx
    assert issubclass(ctx, ServiceCtx)
    assert tuple(f.name for f in dataclasses.fields(ctx)) == SHAPE


def _session_params(app: typing.Any) -> list[str]:
    out = []
    for context in routing.iter_route_contexts(app.routes):
        route = api_route(context)
        if route is None:
            continue
        hints = typing.get_type_hints(route.endpoint, include_extras=True)
        for name, hint in hints.items():
            base = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated \
                else hint
            if base is AsyncSession:
                out.append(f"{route.endpoint.__module__}.{route.endpoint.__name__}({name})")
    return sorted(out)


@pytest.mark.parametrize("service", SERVICES)
def test_no_route_takes_the_session_itself(service: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    app = importlib.import_module(f"services.{service}.app").create_app()
    assert _session_params(app) == []


def _builds_a_ctx(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function returning a `Ctx` builds one from its parts (e.g. the demo loader's)."""
    return node.returns is not None and ast.unparse(node.returns).split(".")[-1] == "Ctx"


def _session_and_principal(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.py")):
        if path.name == "repository.py" or path == ROOT / "common" / "context.py":
            continue  # queries, and the one builder of a context
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                    and not node.name.startswith("_") and not _builds_a_ctx(node):
                args = {a.arg for a in (*node.args.posonlyargs, *node.args.args,
                                        *node.args.kwonlyargs)}
                if {"session", "principal"} <= args:
                    out.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    return out


@pytest.mark.parametrize("folder", [*(f"services/{s}" for s in SERVICES), "common"])
def test_functions_take_the_ctx_not_session_and_principal(folder: str) -> None:
    assert _session_and_principal(ROOT / folder) == []


def test_the_checkers_catch_a_violation(tmp_path: Path) -> None:
    app = FastAPI()

    @app.get("/x")
    async def handler(session: SessionDep) -> None:
        return None

    assert _session_params(app) == [f"{__name__}.handler(session)"]
    (tmp_path / "service.py").write_text(
        "async def act(session, principal, x):\n    pass\n"
        "def build(session, principal) -> Ctx:\n    pass\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _session_and_principal(tmp_path) == ["service.py:1 act"]
    finally:
        ROOT = saved
