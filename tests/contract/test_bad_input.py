"""Bad input never gives a 500: every operation of every service, called through the gateway
with malformed ids, bodies and queries, answers 4xx problem+json (or a normal 2xx/3xx)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from harness import Platform

BODIES: list[Any] = [{}, [], {"unexpected": "字段"}, "not-an-object", {"name": "x" * 5000}]
IDS = [str(uuid.uuid4()), "not-a-uuid", "0" * 300]


def _paths(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in sorted(spec["paths"].items())
            for method, op in sorted(ops.items()) if method in ("get", "post", "put", "patch",
                                                                "delete")]


async def test_no_operation_answers_5xx_to_malformed_input(zhifa: Platform) -> None:
    spec = (await zhifa.client.get("/openapi.json")).json()
    failures: list[str] = []
    seen: dict[int, int] = {}
    for role in ("sysadmin", "officer"):
        headers = zhifa.headers(role, agency_id=uuid.uuid4(), region_code="500112")
        for path, method, op in _paths(spec):
            for ident in IDS:
                url = re.sub(r"\{[^}]+\}", ident, path)
                media = op.get("requestBody", {}).get("content", {})
                attempts: list[dict[str, Any]] = [{"params": {"limit": "-1", "cursor": "%%",
                                                              "from": "yesterday"}}]
                if "application/json" in media:
                    attempts += [{"json": b} for b in BODIES]
                    attempts.append({"content": b"{broken", "headers": {
                        "content-type": "application/json"}})
                if "multipart/form-data" in media:
                    attempts.append({"files": {"file": ("x.bin", b"\x00" * 10)},
                                     "data": {"kind": "???"}})
                    attempts.append({"content": b"--x\r\n", "headers": {
                        "content-type": "multipart/form-data; boundary=x"}})
                if "application/x-www-form-urlencoded" in media:
                    attempts.append({"data": {"username": "", "password": ""}})
                for kw in attempts:
                    hdrs = headers | kw.pop("headers", {})
                    resp = await zhifa.client.request(method.upper(), url, headers=hdrs, **kw)
                    seen[resp.status_code // 100] = seen.get(resp.status_code // 100, 0) + 1
                    if resp.status_code >= 500:
                        failures.append(f"{role} {method.upper()} {url} {kw!r:.80} → "
                                        f"{resp.status_code} {resp.text[:200]}")
                    elif resp.status_code >= 400:
                        assert resp.headers["content-type"].startswith(
                            "application/problem+json"), (method, url, resp.text[:200])
    assert not failures, "\n".join(failures[:30])
    assert len(spec["paths"]) > 50  # the whole platform was exercised
    assert seen[4] > 1000 and seen.get(2, 0) > 10, seen
