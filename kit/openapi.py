"""OpenAPI as a committed artifact: deterministic rendering, merging, drift check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REF = "#/components/schemas/"
DESCRIPTION = (
    "行政执法与监督平台的统一接口（网关）。先用右侧 Authorize 以演示账号登录"
    "（如 muer-officer / zhifa-demo-2026），再用 Try it out 试调用。"
    "错误一律为 RFC 9457 application/problem+json，其 `type` 可在网关 /problems/{slug} "
    "查到含义、法律依据和处理建议（/problems 为总表）；另有 /redoc 阅读版。")


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


def merge(specs: dict[str, dict[str, Any]], title: str = "zhifa API") -> dict[str, Any]:
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
            "info": {"title": title, "version": "0.1.0", "description": DESCRIPTION},
            "paths": dict(sorted(paths.items())), "components": components}


def write_all(specs: dict[str, dict[str, Any]], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = {**specs, "gateway": merge(specs)}
    written = []
    for name, spec in docs.items():
        path = out_dir / f"{name}.json"
        path.write_text(render(spec), encoding="utf-8")
        written.append(path)
    return written


def drifted(specs: dict[str, dict[str, Any]], out_dir: Path) -> list[str]:
    """Names whose committed file differs from the code."""
    docs = {**specs, "gateway": merge(specs)}
    out = []
    for name, spec in docs.items():
        path = out_dir / f"{name}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(spec):
            out.append(name)
    return out
