"""Offline API docs and the OpenAPI touches that make them usable.

- `/docs` (Swagger UI 5.x, reads OpenAPI 3.1) and `/redoc` (ReDoc) from files vendored under
  `kit/static/docs/` (versions and checksums in its VERSIONS.txt; `tools/vendor_docs.sh`
  re-fetches them from the npm registry). No page or asset names another host.
- The security schemes come from `kit.auth.current_principal` (OAuth2 password flow against
  `/api/v1/auth/token`, so Swagger's "Authorize" logs in with a demo account, or a pasted JWT).
- Request examples: each service passes `{handler_name: {example_key: {summary, description,
  value}}}` (its `examples.py`); they land on the operation's request body, so "Try it out" is
  prefilled. An example naming an unknown operation is an error, so examples cannot go stale.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static" / "docs"
STATIC_URL = "/docs/static"
Examples = Mapping[str, Mapping[str, Mapping[str, Any]]]

SWAGGER_PARAMETERS: dict[str, Any] = {
    "validatorUrl": None,  # the default would fetch a badge from an external validator
    "persistAuthorization": True,
    "displayRequestDuration": True,
    "docExpansion": "list",
    "defaultModelsExpandDepth": -1,
    "filter": True,
    "deepLinking": True,
}


def install_docs(app: FastAPI, openapi_url: str, title: str) -> None:
    """Mount the vendored assets and add `/docs`, `/docs/oauth2-redirect` and `/redoc`.
    Call before any catch-all route."""
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="docs-static")
    favicon = f"{STATIC_URL}/favicon-32x32.png"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{title} · 接口文档",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css", swagger_favicon_url=favicon,
            oauth2_redirect_url="/docs/oauth2-redirect", swagger_ui_parameters=SWAGGER_PARAMETERS)

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=openapi_url, title=f"{title} · 接口参考",
                              redoc_js_url=f"{STATIC_URL}/redoc.standalone.js",
                              redoc_favicon_url=favicon, with_google_fonts=False)


def decorate(spec: dict[str, Any], service: str,
             examples: Examples | None = None) -> dict[str, Any]:
    """Put the request examples on their operations in `spec` (in place)."""
    prefix = f"{service}_"
    by_handler = {op["operationId"][len(prefix):]: op for item in spec.get("paths", {}).values()
                  for op in item.values() if op.get("operationId", "").startswith(prefix)}
    for handler, cases in (examples or {}).items():
        op = by_handler.get(handler)
        if op is None or "requestBody" not in op:
            raise LookupError(f"{service} 的请求示例指向不存在或无请求体的操作: {handler}")
        for media in op["requestBody"]["content"].values():
            media["examples"] = {key: {k: v for k, v in ex.items() if k != "parameters"}
                                 for key, ex in cases.items()}
        for param in op.get("parameters", []):  # an example's path parameters, by name
            for key, ex in cases.items():
                if param["name"] in ex.get("parameters", {}):
                    param.setdefault("examples", {})[key] = {
                        "summary": ex["summary"], "value": ex["parameters"][param["name"]]}
    return spec


def with_decorations(app: FastAPI, service: str,
                     examples: Examples | None = None) -> None:
    """Make `app.openapi()` return the decorated document (cached like FastAPI's own)."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = decorate(plain(), service, examples)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
