"""RFC 9457 problem+json errors: one exception hierarchy, one set of handlers."""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "https://zhifa.dev/problems/"
log = logging.getLogger("zhifa.errors")


def _slug(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


RESERVED_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})


class Problem(Exception):
    """Base of every expected error; subclasses set status and a Chinese title."""

    status: ClassVar[int] = 400
    title: ClassVar[str] = "请求有误"
    slug: ClassVar[str | None] = None
    # documentation of the type, served by the gateway at /problems/<slug>: the article the
    # refusal comes from (else the citations found in the class docstring are shown) and what
    # the client should do (else a default by status)
    article: ClassVar[str | None] = None
    advice: ClassVar[str | None] = None
    # a refusal that must still keep what the request recorded (e.g. a failed-login counter)
    persist_changes: ClassVar[bool] = False

    def __init__(self, detail: str | None = None, **extensions: Any) -> None:
        reserved = RESERVED_MEMBERS.intersection(extensions)
        if reserved:  # RFC 9457 §3.1: `status` is the HTTP status code, never a domain state
            raise TypeError(f"problem extension may not be named {sorted(reserved)}")
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extensions = extensions

    @classmethod
    def type_uri(cls) -> str:
        return TYPE_PREFIX + (cls.slug or _slug(cls.__name__))

    def body(self, instance: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type_uri(),
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            data["instance"] = instance
        data.update(self.extensions)
        return data

    def headers(self) -> dict[str, str] | None:
        return None


class BadRequest(Problem):
    status, title = 400, "请求有误"


class Unauthorized(Problem):
    status, title = 401, "未认证或令牌无效"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class Forbidden(Problem):
    status, title = 403, "无权执行此操作"


class NotFound(Problem):
    status, title = 404, "资源不存在"


class MethodNotAllowed(Problem):
    status, title = 405, "不支持的请求方法"


class Conflict(Problem):
    status, title = 409, "与当前状态冲突"


class ConcurrentUpdate(Conflict):
    """Two requests changed the same record at once; this one lost (optimistic locking)."""

    title = "记录已被其他请求同时修改"
    advice = "重新读取该记录后再提交；同一操作可携带原 Idempotency-Key 重试。"


class PreconditionFailed(Problem):
    status, title = 412, "资源已被修改，请刷新后重试"


class PreconditionRequired(Problem):
    status, title = 428, "缺少 If-Match 请求头"


class PayloadTooLarge(Problem):
    status, title = 413, "请求体过大"


class UnprocessableEntity(Problem):
    status, title = 422, "请求内容无法处理"


class ValidationFailed(Problem):
    status, title, slug = 422, "请求参数校验失败", "validation-error"


class TooManyRequests(Problem):
    status, title = 429, "请求过于频繁，请稍后再试"

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.extensions.get("retry_after", 1))}


class InternalError(Problem):
    status, title = 500, "服务器内部错误"


class BadGateway(Problem):
    status, title = 502, "上游服务返回错误"


class ServiceUnavailable(Problem):
    status, title = 503, "服务暂时不可用"


class GatewayTimeout(Problem):
    status, title = 504, "上游服务响应超时"


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


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    return JSONResponse(problem.body(instance), status_code=problem.status,
                        media_type=PROBLEM_JSON, headers=problem.headers())


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


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


_PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "required": ["type", "title", "status"],
}


def responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries documenting the problems a route may answer."""
    out: dict[int | str, dict[str, Any]] = {}
    for p in sorted(problems, key=lambda p: (p.status, p.__name__)):
        entry = out.setdefault(p.status, {"description": "", "content": {
            PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}})
        names = [n for n in entry["description"].split("; ") if n]
        entry["description"] = "; ".join([*names, f"{p.__name__}: {p.title}"])
    return out
