from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICES = ("personnel", "cases", "review", "publicity")
API_TITLE = "zhifa API"
API_DESCRIPTION = (
    "行政执法与监督平台的统一接口（网关）。先用右侧 Authorize 以演示账号登录"
    "（如 muer-officer / zhifa-demo-2026），再用 Try it out 试调用。"
    "错误一律为 RFC 9457 application/problem+json，其 `type` 可在网关 /problems/{slug} "
    "查到含义、法律依据和处理建议（/problems 为总表）；另有 /redoc 阅读版。")


def gateway_spec(specs: dict[str, Any]) -> dict[str, Any]:
    """The gateway's one OpenAPI document from the four services' documents."""
    from kit import openapi

    return openapi.merge(specs, API_TITLE, API_DESCRIPTION)


class GatewaySettings(BaseSettings):
    """Upstream per service: `http://host:port` (split) or `asgi://name` (one process)."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore",
                                      populate_by_name=True)

    upstream_personnel: str = "asgi://personnel"
    upstream_cases: str = "asgi://cases"
    upstream_review: str = "asgi://review"
    upstream_publicity: str = "asgi://publicity"
    timeout_seconds: float = 30.0
    # `http://` upstreams are reached over pooled aiohttp (gateway.upstream); false: httpx
    aiohttp_upstreams: bool = True
    # `asgi://` upstreams (one process) are called as ASGI apps directly (gateway.inprocess);
    # false: through httpx's ASGITransport
    direct_asgi_upstreams: bool = True
    max_body_bytes: int = 200 * 1024 * 1024
    rate_limit_per_minute: int = Field(1200, ge=1)
    rate_limit_burst: int = Field(200, ge=1)
    # the gateway is the edge: by default it trusts no X-Forwarded-For (set the load balancer's
    # address here when one sits in front); it overwrites the header towards the services
    trusted_proxies: list[str] = Field(default_factory=list)
    # with Redis the buckets are shared by every gateway replica; unset: in this process
    redis_url: str | None = Field(None, validation_alias="ZHIFA_REDIS_URL")
    redis_prefix: str = Field("zhifa:", validation_alias="ZHIFA_REDIS_PREFIX")
    environment: str = Field("dev", validation_alias="ZHIFA_ENV")
    # /metrics: bearer token; protection defaults to on outside dev (kit.observability)
    metrics_token: str | None = Field(None, validation_alias="ZHIFA_METRICS_TOKEN")
    metrics_protected: bool | None = Field(None, validation_alias="ZHIFA_METRICS_PROTECTED")
    # /metrics on its own listener "host:port" (kit.metrics_listener); the public one hides it
    metrics_bind: str | None = Field(None, validation_alias="ZHIFA_METRICS_BIND")

    def upstreams(self) -> dict[str, str]:
        return {name: getattr(self, f"upstream_{name}") for name in SERVICES}
