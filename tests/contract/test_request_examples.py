"""Issue 18: the Chinese request examples shown by /docs and /redoc are valid requests. Every
example in openapi/ validates against its route's body model; the main operations (and, once
their branches land, inspections and licence applications) carry at least one; the complaint
example is accepted by the running platform."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from gateway.composition import create_service, service_settings

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "gateway.json"
MAIN = {"cases_create_case", "cases_file_case", "cases_decide_case", "review_submit_complaint"}
# the hook for operations other branches are building: any such operation must bring examples
LATER = re.compile(r"inspection|licen[cs]e")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _routes(routes: list[Any]) -> list[APIRoute]:
    out: list[APIRoute] = []
    for route in routes:
        if hasattr(route, "original_router"):
            out += _routes(route.original_router.routes)
        elif isinstance(route, APIRoute):
            out.append(route)
    return out


def _operations() -> dict[str, dict[str, Any]]:
    spec = json.loads(OPENAPI.read_text(encoding="utf-8"))
    return {op["operationId"]: op for item in spec["paths"].values() for op in item.values()}


def test_every_example_is_a_valid_request_body() -> None:
    checked = 0
    for service in ("personnel", "cases", "review", "publicity"):
        app = create_service(service, service_settings(service, "/nonexistent"))
        routes = {f"{service}_{r.name}": r for r in _routes(app.routes)}
        for op_id, op in _operations().items():
            for media, content in op.get("requestBody", {}).get("content", {}).items():
                for key, example in content.get("examples", {}).items():
                    if not op_id.startswith(service + "_"):
                        continue
                    assert CJK.search(example["summary"]), (op_id, key)
                    body = routes[op_id].body_field
                    assert body is not None
                    if media == "application/json":
                        TypeAdapter(body.field_info.annotation).validate_python(example["value"])
                    else:  # form bodies: every field the example fills is a form field
                        fields = set(body.field_info.annotation.model_fields)
                        assert set(example["value"]) <= fields, (op_id, key)
                    checked += 1
    assert checked >= 6


def test_main_operations_carry_chinese_examples() -> None:
    ops = _operations()
    wanted = MAIN | {op_id for op_id, op in ops.items()
                     if LATER.search(op_id) and "requestBody" in op
                     and op_id.split("_", 1)[1].startswith(("create", "submit", "apply"))}
    for op_id in sorted(wanted):
        examples = ops[op_id]["requestBody"]["content"]["application/json"].get("examples")
        assert examples, f"{op_id} 缺少中文请求示例（见 services/<service>/examples.py）"


async def test_the_complaint_example_is_accepted_as_is(zhifa) -> None:
    example = _operations()["review_submit_complaint"]["requestBody"]["content"][
        "application/json"]["examples"]["citizen_report"]["value"]
    resp = await zhifa.client.post("/api/v1/review/complaints", json=example)
    assert resp.status_code == 201, resp.text
    assert resp.json()["tracking_code"]
