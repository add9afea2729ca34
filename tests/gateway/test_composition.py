"""The one-process composition: every service reachable through the gateway, merged OpenAPI,
service-to-service calls with the caller's token."""

from __future__ import annotations

from harness import Platform


class TestComposition:
    async def test_service_to_service_call_forwards_the_callers_token(self, zhifa: Platform):
        resp = await zhifa.client.get("/api/v1/cases/status?deep=true",
                                      headers=zhifa.headers("officer", subject="u-77"))
        assert resp.status_code == 200, resp.text
        assert resp.json()["upstreams"] == {"personnel": "personnel", "review": "review",
                                            "publicity": "publicity"}

    async def test_every_service_is_ready(self, zhifa: Platform):
        resp = await zhifa.client.get("/readyz")
        assert resp.status_code == 200, resp.text
        assert set(resp.json()["upstreams"].values()) == {"ok"}

    async def test_merged_openapi_has_every_service(self, zhifa: Platform):
        spec = (await zhifa.client.get("/openapi.json")).json()
        prefixes = {p.split("/")[3] for p in spec["paths"] if p.startswith("/api/v1/")}
        assert {"personnel", "cases", "review", "publicity", "auth"} <= prefixes
        ops = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
        assert len(ops) == len(set(ops))

    async def test_service_metrics_by_route_template(self, zhifa: Platform):
        await zhifa.client.get("/api/v1/review/status", headers=zhifa.headers("officer"))
        text = (await zhifa.service("review").get("/metrics")).text
        assert 'route="/api/v1/review/status"' in text
