"""Dependency solving with facts computed once (kit.solver, issue 17 point 2): every request is
answered exactly as FastAPI's own `solve_dependencies` answers it — every GET route of the four
services with a token and with every declared query parameter given a bad value, and a small app
that uses each feature of FastAPI's dependency system (cached and uncached sub-dependencies,
generator dependencies and their clean-up, sync dependencies in the thread pool, security scopes,
query/header/cookie/path parameters with aliases, lists, defaults and parameter models, bodies,
background tasks, the response parameter) — and overrides fall back to FastAPI's own."""

import re
from typing import Annotated, Any

import httpx
import pytest
from fastapi import (
    BackgroundTasks,
    Body,
    Cookie,
    Depends,
    FastAPI,
    Header,
    Query,
    Response,
    Security,
    routing,
)
from fastapi.dependencies.utils import get_flat_params
from fastapi.security import SecurityScopes
from harness import Platform
from pydantic import BaseModel

from kit import solver

PARAM = re.compile(r"{[^}]+}")
UUID = "3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e"


async def _under(solve: Any, app: Any, method: str, url: str, **kw: Any) -> httpx.Response:
    """One request with `solve` in FastAPI's place (kit.solver's again afterwards)."""
    routing.solve_dependencies = solve
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as client:
            return await client.request(method, url, **kw)
    finally:
        routing.solve_dependencies = solver.solve_dependencies  # type: ignore[assignment]


async def _both(app: Any, method: str, url: str, **kw: Any) -> tuple[Any, Any]:
    """The answer under FastAPI's solver, then under kit.solver."""
    answers = []
    for solve in (solver.ORIGINAL, solver.solve_dependencies):
        r = await _under(solve, app, method, url, **kw)
        headers = sorted((k, v) for k, v in r.headers.items()
                         if k not in ("date", "x-request-id"))
        answers.append((r.status_code, headers, r.content))
    return answers[0], answers[1]


def _sized(answer: tuple[Any, ...]) -> tuple[Any, ...]:
    return answer[0], [(k, v) for k, v in answer[1] if k != "content-length"]


def test_the_platform_runs_on_kit_solver(zhifa: Platform) -> None:
    assert routing.solve_dependencies is solver.solve_dependencies
    assert solver.install()  # idempotent


async def test_every_get_route_answers_as_fastapi_does(zhifa: Platform) -> None:
    compared = 0
    for name, app in zhifa.apps.items():
        headers = zhifa.headers("sysadmin", region_code="3301")
        for context in routing.iter_route_contexts(app.routes):
            path = getattr(context, "path_format", None)
            if (not isinstance(path, str) or "GET" not in (context.methods or ())
                    or path.startswith("/metrics") or not hasattr(context, "dependant")):
                continue
            url = PARAM.sub(UUID, path)
            queries = {p.alias for p in get_flat_params(context.dependant)
                       if p.field_info.in_.value == "query"}
            for params in ({}, {q: "\x01bad" for q in queries}):
                expected, got = await _both(app, "GET", url, headers=headers, params=params)
                if b"<feed" in got[2][:200] or got[2][:2] == b"PK":
                    # a feed or a zip is stamped with the second it was written (and a zip's
                    # compressed length moves with that stamp)
                    expected, got = _sized(expected), _sized(got)
                assert got == expected, (name, url, params)
                compared += 1
    assert compared > 300


class Page(BaseModel):
    size: int = 10
    tags: list[str] = []


class Item(BaseModel):
    name: str
    count: int = 1


def _feature_app(log: list[str]) -> FastAPI:
    app = FastAPI()

    def counted() -> int:  # sync: runs in the thread pool
        log.append("counted")
        return len(log)

    async def session() -> Any:  # a generator dependency with clean-up
        log.append("open")
        yield "s"
        log.append("close")

    def scoped(scopes: SecurityScopes, n: Annotated[int, Depends(counted)]) -> str:
        return ",".join(scopes.scopes) + f"/{n}"

    async def uncached(n: Annotated[int, Depends(counted, use_cache=False)]) -> int:
        return n

    @app.post("/things/{thing_id}")
    async def things(thing_id: int, response: Response, tasks: BackgroundTasks,
                     item: Annotated[Item, Body()],
                     s: Annotated[str, Depends(session)],
                     a: Annotated[int, Depends(counted)], b: Annotated[int, Depends(counted)],
                     c: Annotated[int, Depends(uncached)],
                     sc: Annotated[str, Security(scoped, scopes=["read", "write"])],
                     q: Annotated[list[int], Query()] = [],  # noqa: B006
                     alias_q: Annotated[str | None, Query(alias="alias-q")] = None,
                     required: Annotated[str, Query(min_length=2)] = "dflt",
                     x_token: Annotated[str | None, Header()] = None,
                     sid: Annotated[str | None, Cookie()] = None) -> dict[str, Any]:
        response.headers["x-seen"] = str(thing_id)
        tasks.add_task(log.append, "task")
        return {"thing": thing_id, "item": item.model_dump(), "s": s, "a": a, "b": b, "c": c,
                "sc": sc, "q": q, "alias": alias_q, "required": required, "x": x_token,
                "sid": sid}

    @app.get("/pages")
    async def pages(page: Annotated[Page, Query()],
                    need: Annotated[int, Query(ge=1)]) -> dict[str, Any]:
        return {"page": page.model_dump(), "need": need}

    app.state.counted = counted
    return app


@pytest.mark.parametrize("method,url,kw,expected", [
    ("POST", "/things/7?q=1&q=2&alias-q=z&required=ok",
     {"json": {"name": "n"}, "headers": {"x-token": "t", "cookie": "sid=c"}}, 200),
    ("POST", "/things/7", {"json": {"name": "n", "count": 3}}, 200),
    ("POST", "/things/x?q=a&required=1", {"json": {"count": "many"}}, 422),
    ("POST", "/things/7", {"content": b"{", "headers": {"content-type": "application/json"}},
     422),
    ("POST", "/things/7", {}, 422),
    ("GET", "/pages?size=3&tags=a&tags=b&need=2", {}, 200),
    ("GET", "/pages?size=x&need=0", {}, 422),
    ("GET", "/pages", {}, 422),
])
async def test_each_feature_answers_as_fastapi_does(method: str, url: str, kw: dict[str, Any],
                                                    expected: int) -> None:
    logs: list[list[str]] = [[], []]
    answers = []
    for log, solve in zip(logs, (solver.ORIGINAL, solver.solve_dependencies), strict=True):
        r = await _under(solve, _feature_app(log), method, url, **kw)
        answers.append((r.status_code, sorted(r.headers.items()), r.json()))
    assert answers[1] == answers[0]
    assert logs[1] == logs[0]
    assert answers[0][0] == expected, answers[0]
    if expected == 200 and method == "POST":
        body = answers[0][2]
        assert body["a"] == body["b"] != body["c"]  # cached once, the uncached one again
        assert body["sc"].startswith("read,write/")
        assert logs[0] == ["open", "counted", "counted", "task", "close"]


async def test_overrides_are_solved_by_fastapi() -> None:
    log: list[str] = []
    app = _feature_app(log)
    called: list[bool] = []
    original = solver.ORIGINAL

    async def spy(**kw: Any) -> Any:
        called.append(True)
        return await original(**kw)

    solver.ORIGINAL = spy  # type: ignore[assignment]
    try:
        app.dependency_overrides[app.state.counted] = lambda: 99
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as client:
            r = await client.post("/things/1", json={"name": "n"})
        assert r.status_code == 200 and called, r.text
        assert r.json()["a"] == r.json()["c"] == 99
        called.clear()
        app.dependency_overrides.clear()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as client:
            assert (await client.get("/pages?need=1")).status_code == 200
        assert not called
    finally:
        solver.ORIGINAL = original
