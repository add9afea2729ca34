"""RFC 9457 problem+json errors: one exception hierarchy (here), one set of handlers
(`kit.errors.handlers`, installed by `install_handlers`)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from fastapi import FastAPI
from fastapi.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "https://zhifa.dev/problems/"


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



def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    return JSONResponse(problem.body(instance), status_code=problem.status,
                        media_type=PROBLEM_JSON, headers=problem.headers())


def install_handlers(app: FastAPI) -> None:
    """Answer every error of `app` as problem+json (the handlers: `kit.errors.handlers`)."""
    from kit.errors import handlers  # imports this module's classes

    handlers.install(app)


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
