"""Issue 18: every service serves its own offline /docs (Swagger UI 5.x) and /redoc, pointing at
its own OpenAPI, from the vendored assets, naming no other host."""

from __future__ import annotations

import re

import httpx
import pytest

from gateway.composition import create_service, service_settings
from kit.docs import STATIC_DIR

URL = re.compile(r"""(?:src|href|url)\s*[:=]\s*['"]?(https?://[^'"\s)]+)""")


def test_the_vendored_assets_are_swagger_ui_5_and_recorded() -> None:
    versions = dict(line.split()[:2] for line in (STATIC_DIR / "VERSIONS.txt").read_text()
                    .splitlines() if line and not line.startswith("#"))
    assert versions["swagger-ui-dist"].startswith("5.")  # 4.x cannot read OpenAPI 3.1
    assert "redoc" in versions


@pytest.mark.parametrize("service", ["personnel", "cases", "review", "publicity"])
async def test_each_service_serves_its_docs_offline(service: str) -> None:
    app = create_service(service, service_settings(service, "/nonexistent"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://svc") as client:
        for page, asset in (("/docs", "/docs/static/swagger-ui-bundle.js"),
                            ("/redoc", "/docs/static/redoc.standalone.js")):
            resp = await client.get(page)
            assert resp.status_code == 200 and asset in resp.text
            assert f"/api/v1/{service}/openapi.json" in resp.text
            assert URL.findall(resp.text) == []
            js = await client.get(asset)
            assert js.status_code == 200 and len(js.content) > 500_000
        spec = (await client.get(f"/api/v1/{service}/openapi.json")).json()
        assert set(spec["components"]["securitySchemes"]) == {"OAuth2Password", "BearerJWT"}
