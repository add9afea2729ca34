"""OpenAPI as a committed artifact: deterministic rendering, merging, drift check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REF = "#/components/schemas/"


def render(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _rename_refs(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        return {k: (REF + prefix + v[len(REF):] if k == "$ref" and isinstance(v, str)
                    and v.startswith(REF) else _rename_refs(v, prefix))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rename_refs(v, prefix) for v in node]
    return node


def merge(specs: dict[str, dict[str, Any]], title: str = "API",
          description: str = "") -> dict[str, Any]:
    """One document for the gateway; schema names are prefixed `<service>__` so equal names
    from different services never collide."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    security: dict[str, Any] = {}
    for name in sorted(specs):
        spec = _rename_refs(specs[name], f"{name}__")
        paths.update(spec.get("paths", {}))
        for key, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas[f"{name}__{key}"] = schema
        security.update(spec.get("components", {}).get("securitySchemes", {}))
    components: dict[str, Any] = {"schemas": schemas}
    if security:
        components["securitySchemes"] = security
    return {"openapi": "3.1.0",
            "info": {"title": title, "version": "0.1.0", "description": description},
            "paths": dict(sorted(paths.items())), "components": components}


def write_all(specs: dict[str, dict[str, Any]], out_dir: Path,
              merged: dict[str, Any]) -> list[Path]:
    """`<name>.json` per spec and `gateway.json` (`merged`, from `merge`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = {**specs, "gateway": merged}
    written = []
    for name, spec in docs.items():
        path = out_dir / f"{name}.json"
        path.write_text(render(spec), encoding="utf-8")
        written.append(path)
    return written


def drifted(specs: dict[str, dict[str, Any]], out_dir: Path,
            merged: dict[str, Any]) -> list[str]:
    """Names whose committed file differs from the code."""
    docs = {**specs, "gateway": merged}
    out = []
    for name, spec in docs.items():
        path = out_dir / f"{name}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(spec):
            out.append(name)
    return out


# --- schema truth: what every route can answer, applied by `common.app` to every service --------

PROBLEM_JSON = "application/problem+json"
PROBLEM_SCHEMA = "Problem"
VALIDATION_SCHEMA = "ValidationProblem"
_PROBLEM = {
    "type": "object", "title": "Problem",
    "description": "RFC 9457 problem details; `status` is always the HTTP status code",
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"}, "instance": {"type": "string"},
    },
    "required": ["type", "title", "status"],
}
_VALIDATION = {
    "allOf": [{"$ref": REF + PROBLEM_SCHEMA}, {
        "type": "object",
        "properties": {"errors": {"type": "array", "items": {
            "type": "object", "description": "field/message/code for request validation; "
            "routes may add members (an import names row and column)",
            "properties": {"field": {"type": "string"}, "message": {"type": "string"},
                           "code": {"type": ["string", "null"]}}}}}}],
    "title": "ValidationProblem",
}
# (status, description) every route may answer, and when
_COMMON = {
    400: "BadRequest: 请求有误（网关拒绝无法成立的路径、幂等键格式无效等）",
    401: "Unauthorized: 未认证或令牌无效",
    403: "Forbidden: 无权执行此操作",
    404: "NotFound: 资源不存在或不在权限范围内",
    409: "IdempotencyKeyInProgress: 相同幂等键的请求正在处理中",
    413: "PayloadTooLarge: 请求体过大",
    422: "ValidationFailed: 请求参数校验失败",
    429: "TooManyRequests: 请求过于频繁，请稍后再试",
    503: "ServiceUnavailable: 服务暂时不可用",
    504: "GatewayTimeout: 上游服务响应超时",
}


@dataclass(frozen=True)
class RouteFacts:
    """What the kit knows of a route without running it."""

    authenticated: bool
    has_path_params: bool
    has_body: bool
    method: str


def _codes(facts: RouteFacts) -> list[int]:
    codes = [400, 422, 429, 503, 504]
    if facts.authenticated:
        codes += [401, 403]
    if facts.has_path_params:
        codes.append(404)
    if facts.method == "post":
        codes.append(409)
    if facts.has_body:
        codes.append(413)
    return sorted(codes)


def _problem_content(code: int) -> dict[str, Any]:
    name = VALIDATION_SCHEMA if code == 422 else PROBLEM_SCHEMA
    return {PROBLEM_JSON: {"schema": {"$ref": REF + name}}}


def apply_truth(spec: dict[str, Any], facts: dict[tuple[str, str], RouteFacts]) -> dict[str, Any]:
    """Every error response is `application/problem+json` (RFC 9457), every status code the
    kit, the gateway or the route can answer is documented, authenticated routes declare the
    bearer scheme. Applied to every route of every service, so new routes need no edits."""
    components = spec.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas[PROBLEM_SCHEMA] = _PROBLEM
    schemas[VALIDATION_SCHEMA] = _VALIDATION
    schemes = components.setdefault("securitySchemes", {})
    bearer = next((n for n, v in schemes.items() if v.get("type") == "http"
                   and str(v.get("scheme", "")).lower() == "bearer"), "bearer")
    schemes.setdefault(bearer, {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            route = facts.get((path, method))
            if route is None or not isinstance(op, dict):
                continue
            responses = op.setdefault("responses", {})
            for code in _codes(route):
                entry = responses.setdefault(str(code), {"description": _COMMON[code]})
                if code == 422 and entry.get("description") == "Validation Error":
                    entry["description"] = _COMMON[422]
            for code, entry in responses.items():
                if code.isdigit() and int(code) >= 400:
                    entry["content"] = _problem_content(int(code))
            if route.authenticated and not op.get("security"):
                op["security"] = [{bearer: []}]
            _no_control_characters_in_paths(op)
    return spec


# the gateway refuses a path with control characters (400 invalid-path, gateway/proxy.py)
PATH_TEXT_PATTERN = "^[^\\u0000-\\u001f\\u007f]+$"


def _no_control_characters_in_paths(op: dict[str, Any]) -> None:
    """A free-text path parameter says what the gateway admits: no control characters."""
    for param in op.get("parameters", []):
        schema = param.get("schema") if isinstance(param, dict) else None
        if (param.get("in") == "path" and isinstance(schema, dict)
                and schema.get("type") == "string"
                and not {"pattern", "format", "enum", "const"} & set(schema)):
            schema["pattern"] = PATH_TEXT_PATTERN
