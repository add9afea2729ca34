"""Dependency solving with each dependant's facts worked out once (issue 17, point 2).

FastAPI 0.165 solves a route's dependency tree per request and, per request and per node,
recomputes what never changes once the route is built: the node's cache key (its OAuth scopes,
whether any node below uses scopes, its computed scope), whether its callable is a generator, an
async generator or a coroutine, and four parameter lists read even when empty. Under `wrk` that
was about half of the CPU of a token-only request (`bench/profile_paths.py`). `install()` puts
`solve_dependencies` below in the place of FastAPI's own in `fastapi.routing` (the one name its
route, websocket and router-dependency handlers call): the same walk, in the same order, with the
same cache, exit stacks, errors, background tasks and response, over facts computed once per
dependant and kept. A solve with dependency overrides set goes to FastAPI's own function."""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import Request, Response, WebSocket, routing
from fastapi.background import BackgroundTasks
from fastapi.dependencies import models
from fastapi.dependencies import utils as fa
from fastapi.security import SecurityScopes
from starlette.concurrency import run_in_threadpool

from kit.solver.params import Param

ORIGINAL = fa.solve_dependencies
EXPECTED = ("request", "dependant", "body", "background_tasks", "response",
            "dependency_overrides_provider", "dependency_cache", "async_exit_stack",
            "embed_body_fields", "_uses_scopes_cache")
GEN, CORO, SYNC = 0, 1, 2
MAX_PLANS = 20_000  # a bound for processes that build and drop apps (tests: `forget()`)


class _Sub:
    __slots__ = ("plan", "key", "kind", "name", "use_cache", "function_scope", "call",
                 "concurrency")

    def __init__(self, dependant: models.Dependant) -> None:
        call = dependant.call
        self.plan = plan_of(dependant)
        self.key = models._get_cache_key(dependant=dependant, uses_scopes_cache={})
        self.kind = (GEN if models._is_gen_callable(call) or models._is_async_gen_callable(call)
                     else CORO if models._is_coroutine_callable(call) else SYNC)
        self.name, self.use_cache, self.call = dependant.name, dependant.use_cache, call
        self.function_scope = dependant.scope == "function"
        self.concurrency = dependant.concurrency


class _Plan:
    __slots__ = ("dependant", "subs", "params", "body")

    def __init__(self, dependant: models.Dependant) -> None:
        self.dependant = dependant
        self.subs = [_Sub(d) for d in dependant.dependencies]
        d = dependant
        # (the request attribute the values come from, the parameters read from it)
        self.params = [(source, [Param(f) for f in fields]) for source, fields in (
            ("path_params", d.path_params), ("query_params", d.query_params),
            ("headers", d.header_params), ("cookies", d.cookie_params)) if fields]
        self.body = bool(d.body_params)


_plans: dict[int, _Plan] = {}


def plan_of(dependant: models.Dependant) -> _Plan:
    plan = _plans.get(id(dependant))
    if plan is None or plan.dependant is not dependant:
        if len(_plans) >= MAX_PLANS:
            _plans.clear()
        plan = _plans[id(dependant)] = _Plan(dependant)
    return plan


def forget() -> None:
    """Drop every kept plan (and with it every dependant it holds alive): for a process that
    builds and closes apps, such as the test suite, after closing them."""
    _plans.clear()


async def _solve(plan: _Plan, request: Any, body: Any, background_tasks: Any,
                 response: Response, cache: dict[Any, Any], stacks: tuple[Any, Any],
                 embed_body_fields: bool) -> tuple[dict[str, Any], list[Any], Any]:
    values: dict[str, Any] = {}
    errors: list[Any] = []
    for sub in plan.subs:
        sub_values, sub_errors, background_tasks = await _solve(
            sub.plan, request, body, background_tasks, response, cache, stacks,
            embed_body_fields)
        if sub_errors:
            errors.extend(sub_errors)
            continue
        key = sub.key
        if sub.use_cache and key in cache:
            solved = cache[key]
        elif sub.kind == GEN:
            solved = await fa._solve_generator(
                request=request, dependant=sub.plan.dependant,
                stack=stacks[1] if sub.function_scope else stacks[0], sub_values=sub_values)
        elif sub.kind == CORO:
            if sub.concurrency is None:
                solved = await sub.call(**sub_values)
            else:
                async with sub.concurrency.get_semaphore():
                    solved = await sub.call(**sub_values)
        elif sub.concurrency is None:
            solved = await run_in_threadpool(sub.call, **sub_values)
        else:
            async with sub.concurrency.get_semaphore():
                solved = await run_in_threadpool(sub.call, **sub_values)
        if sub.name is not None:
            values[sub.name] = solved
        if key not in cache:
            cache[key] = solved
    d = plan.dependant
    for source, params in plan.params:  # request_params_to_args, per list
        received = getattr(request, source)
        got: dict[str, Any] = {}
        for param in params:
            value, bad = param.read(received, got)
            if bad:
                errors.extend(bad)
            else:
                got[param.field.name] = value
        values.update(got)
    if plan.body:
        got, bad = await fa.request_body_to_args(
            body_fields=d.body_params, received_body=body, embed_body_fields=embed_body_fields)
        values.update(got)
        errors.extend(bad)
    if d.http_connection_param_name:
        values[d.http_connection_param_name] = request
    if d.request_param_name and isinstance(request, Request):
        values[d.request_param_name] = request
    elif d.websocket_param_name and isinstance(request, WebSocket):
        values[d.websocket_param_name] = request
    if d.background_tasks_param_name:
        if background_tasks is None:
            background_tasks = BackgroundTasks()
        values[d.background_tasks_param_name] = background_tasks
    if d.response_param_name:
        values[d.response_param_name] = response
    if d.security_scopes_param_name:
        values[d.security_scopes_param_name] = SecurityScopes(
            scopes=models._get_oauth_scopes(dependant=d))
    return values, errors, background_tasks


async def solve_dependencies(*, request: Any, dependant: models.Dependant, body: Any = fa.Undefined,
                             background_tasks: Any = None, response: Response | None = None,
                             dependency_overrides_provider: Any = None,
                             dependency_cache: dict[Any, Any] | None = None,
                             async_exit_stack: Any, embed_body_fields: bool,
                             _uses_scopes_cache: Any = None) -> fa.SolvedDependency:
    if dependency_overrides_provider is not None and getattr(
            dependency_overrides_provider, "dependency_overrides", None):
        return await ORIGINAL(
            request=request, dependant=dependant, body=body, background_tasks=background_tasks,
            response=response, dependency_overrides_provider=dependency_overrides_provider,
            dependency_cache=dependency_cache, async_exit_stack=async_exit_stack,
            embed_body_fields=embed_body_fields, _uses_scopes_cache=_uses_scopes_cache)
    scope = request.scope
    stacks = (scope.get("fastapi_inner_astack"), scope.get("fastapi_function_astack"))
    assert stacks[0] is not None, "fastapi_inner_astack not found in request scope"
    assert stacks[1] is not None, "fastapi_function_astack not found in request scope"
    if response is None:
        response = Response()
        del response.headers["content-length"]
        response.status_code = None  # type: ignore[assignment]
    if dependency_cache is None:
        dependency_cache = {}
    values, errors, background_tasks = await _solve(
        plan_of(dependant), request, body, background_tasks, response, dependency_cache, stacks,
        embed_body_fields)
    return fa.SolvedDependency(values=values, errors=errors, background_tasks=background_tasks,
                               response=response, dependency_cache=dependency_cache)


def install() -> bool:
    """Put `solve_dependencies` in FastAPI's routing module (idempotent). False, and FastAPI's
    own solver stays, when its signature is not the one this module was written against."""
    if routing.solve_dependencies is solve_dependencies:
        return True
    if tuple(inspect.signature(ORIGINAL).parameters) != EXPECTED:
        return False
    routing.solve_dependencies = solve_dependencies  # type: ignore[assignment]
    return True
