"""The problem+json exception handlers: problems, request validation (Chinese messages),
Starlette's HTTP errors (405 with the resource's full `Allow`), unexpected errors (500, logged)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kit.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    InternalError,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    Problem,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnprocessableEntity,
    ValidationFailed,
    problem_response,
)

log = logging.getLogger("zhifa.errors")

_HTTP_STATUS_PROBLEMS: dict[int, type[Problem]] = {
    p.status: p
    for p in (BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, Conflict,
              PayloadTooLarge, UnprocessableEntity, TooManyRequests, ServiceUnavailable)
}

_MESSAGES = {
    "missing": "缺少必填字段",
    "string_too_short": "字符串过短",
    "string_too_long": "字符串过长",
    "int_parsing": "应为整数",
    "float_parsing": "应为数字",
    "date_from_datetime_parsing": "应为日期 YYYY-MM-DD",
    "date_parsing": "应为日期 YYYY-MM-DD",
    "datetime_parsing": "应为日期时间 (ISO 8601)",
    "uuid_parsing": "应为 UUID",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "json_invalid": "JSON 格式错误",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_short": "元素个数过少",
}


def validation_problem(errors: list[dict[str, Any]]) -> ValidationFailed:
    items = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body",)]
        msg = err.get("msg", "")
        if err.get("type") == "value_error":
            msg = str(err.get("ctx", {}).get("error", msg))
        else:
            msg = _MESSAGES.get(err.get("type", ""), msg)
        items.append({"field": ".".join(loc), "message": msg, "code": err.get("type")})
    return ValidationFailed("请求中有字段未通过校验", errors=items)


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc, request.url.path)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errs = list(exc.errors())
    if errs and all((e.get("loc") or ("",))[0] == "path" for e in errs):
        # the router fell through to a `{param}` route that does not fit (`GET
        # /inspection-targets/imports` on `/inspection-targets/{target_id}`): when the literal
        # path is a resource with other methods, the answer is 405 with its Allow (RFC 9110)
        allowed = allowed_methods(request.app, request.url.path)
        if allowed and request.method not in allowed:
            resp = problem_response(MethodNotAllowed("该地址不支持此请求方法"),
                                    request.url.path)
            resp.headers["Allow"] = ", ".join(allowed)
            return resp
    return problem_response(validation_problem(errs), request.url.path)


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    cls = _HTTP_STATUS_PROBLEMS.get(exc.status_code, BadRequest)
    problem = cls(exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None)
    resp = problem_response(problem, request.url.path)
    resp.status_code = exc.status_code
    for name, value in (exc.headers or {}).items():
        resp.headers[name] = value
    if exc.status_code == 405:
        # RFC 9110 §15.5.6: `Allow` lists every method of the resource, not only those of the
        # first route the router tried
        resp.headers["Allow"] = ", ".join(allowed_methods(request.app, request.url.path))
    return resp


def _path_params(dependant: Any) -> list[Any]:
    """The path parameters of a route, its dependencies' included (`InspectionById`)."""
    return [*dependant.path_params,
            *(p for sub in dependant.dependencies for p in _path_params(sub))]


def _admits(regex: Any, params: dict[str, Any], path: str) -> bool:
    """The route matches `path` and its path parameters accept the captured values: the literal
    `/inspection-targets/imports` is no `{target_id}` (a UUID), so that route's GET is not an
    allowed method there (RFC 9110 §10.2.1: Allow lists what the resource supports)."""
    match = regex.match(path)
    if match is None:
        return False
    for name, value in match.groupdict().items():
        field = params.get(name)
        if field is not None and field.validate(value, {}, loc=("path", name))[1]:
            return False
    return True


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    from fastapi import routing
    from fastapi.openapi.utils import _get_api_route_for_openapi

    table = getattr(app.state, "allow_table", None)
    if table is None:
        table = []
        for context in routing.iter_route_contexts(app.routes):
            route = _get_api_route_for_openapi(context)
            if route is not None:
                params = {f.name: f for f in _path_params(route.dependant)}
                table.append((route.path_regex, route.methods, params))
        app.state.allow_table = table
    methods = {m for regex, ms, params in table if _admits(regex, params, path) for m in ms}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(InternalError("服务器发生未预期的错误，已记录日志"), request.url.path)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
