"""Issue 10, points 18–19: what the outside fuzzer found, as API tests on one platform.

- the gateway forwards the path bytes it received and answers 400 problem+json for paths no
  route can have (control characters, escapes that are not UTF-8) instead of a 500 from httpx;
- integer query parameters are bounded in the schema (no SQLite integer overflow);
- every error response in the OpenAPI is application/problem+json, routes document the codes
  the kit answers, 405 carries an `Allow` that lists every method of the resource;
- a PATCH refuses `null` and non-boolean booleans;
- a problem's `status` is the HTTP status code (RFC 9457 §3.1.3), the case status travels as
  `case_status`."""

from __future__ import annotations

import pytest
from factories import PER, C, world
from harness import Platform
from starlette.requests import Request

from gateway.proxy import InvalidPath, raw_target
from kit.errors import Problem

PROBLEM = "application/problem+json"


async def test_fuzzer_findings_and_schema_truth(zhifa: Platform) -> None:
    client = zhifa.client
    sys_h = zhifa.headers("sysadmin")

    # 18: impossible paths are a 400 problem, not an httpx InvalidURL 500
    for raw in ("/api/v1/personnel/officers/W%0C8/trainings", "/api/v1/cases/cases/%FF%FE",
                "/api/v1/review/evaluation-batches/%00/ranking"):
        resp = await client.get(raw, headers=sys_h)
        assert resp.status_code == 400, (raw, resp.text)
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["type"].endswith("/invalid-path") and resp.json()["status"] == 400
    resp = await client.get(f"{PER}/officers/%E7%8E%8B/trainings", headers=sys_h)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == "path.officer_id"

    # 18: an out-of-range year is a validation problem, not an integer overflow
    for year in ("-68665555327013208064", "1899", "3000"):
        resp = await client.get(f"{C}/coercive-measures/statistics", params={"year": year},
                                headers=sys_h)
        assert resp.status_code == 422, (year, resp.text)
    assert (await client.get(f"{C}/coercive-measures/statistics", params={"year": "2026"},
                             headers=sys_h)).status_code == 200

    # 19: the schema tells the truth about errors
    spec = (await client.get("/openapi.json")).json()
    ops = 0
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            ops += 1
            codes = set(op["responses"])
            assert {"400", "422", "429"} <= codes, (method, path, codes)
            if "{" in path:
                assert "404" in codes, (method, path)
            if op.get("security"):
                assert {"401", "403"} <= codes, (method, path)
            for code, entry in op["responses"].items():
                if int(code) >= 400:
                    assert list(entry["content"]) == [PROBLEM], (method, path, code)
    assert ops > 100
    assert any(v.get("scheme") == "bearer" for v in spec["components"]["securitySchemes"].values())
    assert spec["paths"][f"{C}/cases/{{case_id}}/decide"]["post"]["security"]

    # 19: 405 names every method of the resource (RFC 9110 §15.5.6)
    resp = await client.put(f"{C}/cases", headers=sys_h, json={})
    assert resp.status_code == 405 and resp.headers["allow"] == "GET, HEAD, POST", resp.headers
    assert resp.headers["content-type"].startswith(PROBLEM)
    resp = await client.get(f"{C}/summary-decisions/numbering", headers=sys_h)
    assert resp.status_code == 405 and "PUT" in resp.headers["allow"], resp.text

    # 19: PATCH refuses null and 0-for-false; leaving a field out keeps it
    w = await world(zhifa)
    officer = w.officers[0]
    for body in ({"on_post": None}, {"is_auxiliary": 0}, {"name": None}):
        resp = await client.patch(f"{PER}/officers/{officer}", headers=w.sys, json=body)
        assert resp.status_code == 422, (body, resp.text)
    resp = await client.patch(f"{PER}/officers/{officer}", headers=w.sys,
                              json={"employment_type": "contract"})
    assert resp.status_code == 200 and resp.json()["employment_type"] == "contract", resp.text
    assert resp.json()["is_auxiliary"] is False and resp.json()["on_post"] is True

    # 19: a case refusal carries the HTTP code in `status`, the case's state in `case_status`
    case = await w.concluded("1000.00")
    resp = await client.post(f"{C}/cases/{case['id']}/decide", headers=w.officer_headers(),
                             json={"decided_on": "2026-03-30"})
    body = resp.json()
    assert resp.status_code == 409 and body["status"] == 409, body
    assert body["case_status"] == "concluded" and "rule" in body


def test_gateway_forwards_the_bytes_it_received() -> None:
    scope = {"type": "http", "path": "/api/v1/x/a/b", "raw_path": b"/api/v1/x/a%2Fb%20c",
             "query_string": b"q=%E5%BC%A0&x=1", "headers": []}
    assert raw_target(Request(scope)) == b"/api/v1/x/a%2Fb%20c?q=%E5%BC%A0&x=1"
    for raw in (b"/a b", b"/a%0a", b"/a%c3", "/王".encode()):
        with pytest.raises(InvalidPath):
            raw_target(Request({**scope, "raw_path": raw}))


def test_problem_extensions_cannot_shadow_rfc9457_members() -> None:
    with pytest.raises(TypeError):
        Problem("x", status="concluded")
    assert Problem("x", case_status="concluded").body()["status"] == 400
