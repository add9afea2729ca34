"""Typed settings: one class per service (env prefix `<SERVICE>_`) plus the shared JWT block."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = "./var"


class JwtSettings(BaseSettings):
    """Shared `JWT_*` settings. Keys live as PEM files in `keys_dir` (generated on first start
    in the one-process mode, mounted from a secret in split mode)."""

    model_config = SettingsConfigDict(env_prefix="JWT_", extra="ignore")

    issuer: str = "zhifa"
    audience: str = "zhifa"
    keys_dir: str | None = None
    # alternatively (split mode without a key volume): PEM text in the environment
    signing_key_pem: str | None = None
    signing_key_id: str = "env"
    extra_public_keys: dict[str, str] = Field(default_factory=dict)  # kid -> PEM (rotation)
    generate_keys: bool = True
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 14 * 24 * 3600
    service_ttl_seconds: int = 120
    leeway_seconds: int = 10


class ServiceSettings(BaseSettings):
    """Plumbing fields every service has; subclasses set `env_prefix` and add their own (zhifa's
    services extend `common.settings.ServiceSettings`, which adds the calendar and remedies)."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = ""
    environment: str = Field("dev", validation_alias="ZHIFA_ENV")
    data_dir: str = Field(DEFAULT_DATA_DIR, validation_alias="ZHIFA_DATA_DIR")
    database_url: str | None = None
    database_pool_size: int = 10
    # PostgreSQL: ping a pooled connection idle this long before use (0: always; null: never),
    # and run GET/HEAD sessions in autocommit (no BEGIN/COMMIT round trips; see kit.engines)
    database_ping_idle_seconds: float | None = 10.0
    database_read_autocommit: bool = True
    # upstream base URLs this service calls: {"personnel": "http://personnel:8000"}
    upstreams: dict[str, str] = Field(default_factory=dict)
    # internal event subscriptions: {"case.decided": ["publicity"]}
    subscriptions: dict[str, list[str]] = Field(default_factory=dict)
    outbox_poll_seconds: float = 0.5
    outbox_max_attempts: int = 20
    # the longest pause between two tries of one event (exponential backoff up to this)
    outbox_max_backoff_seconds: float = 300.0
    run_outbox_worker: bool = True
    # the delivery worker's own connections (PostgreSQL), apart from the request pool, and how
    # many (destination, aggregate) groups of due rows it delivers at once
    outbox_pool_size: int = Field(2, ge=1)
    outbox_concurrency: int = Field(8, ge=1)
    http_timeout_seconds: float = 10.0
    # X-Forwarded-For is believed only from these peers (the gateway's hop)
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1/32", "::1/128"],
                                       validation_alias="ZHIFA_TRUSTED_PROXIES")
    # shared limits (login throttle, complaint limiter) across replicas; unset: in memory
    redis_url: str | None = Field(None, validation_alias="ZHIFA_REDIS_URL")
    redis_prefix: str = Field("zhifa:", validation_alias="ZHIFA_REDIS_PREFIX")
    # how stale a service's view of revoked sessions may get (common.sessions)
    session_sync_seconds: float = Field(10.0, ge=0, validation_alias="ZHIFA_SESSION_SYNC_SECONDS")
    # /metrics: bearer token; protection defaults to on outside dev (kit.observability)
    metrics_token: str | None = Field(None, validation_alias="ZHIFA_METRICS_TOKEN")
    metrics_protected: bool | None = Field(None, validation_alias="ZHIFA_METRICS_PROTECTED")
    # /metrics on its own listener "host:port" (kit.metrics_listener); the public one hides it
    metrics_bind: str | None = Field(None, validation_alias="ZHIFA_METRICS_BIND")
    # webhook targets admitted despite the SSRF guard (kit.egress): "host:port,host:port"
    webhook_allowed_targets: str = Field("", validation_alias="ZHIFA_WEBHOOK_ALLOWED_TARGETS")
    jwt: JwtSettings = Field(default_factory=JwtSettings)

    @model_validator(mode="after")
    def _fill_defaults(self) -> ServiceSettings:
        if not self.database_url:
            path = Path(self.data_dir) / f"{self.service_name}.db"
            self.database_url = f"sqlite+aiosqlite:///{path}"
        if not self.jwt.keys_dir:
            self.jwt.keys_dir = str(Path(self.data_dir) / "keys")
        if self.environment != "dev" and self.jwt.generate_keys and not self.jwt.signing_key_pem:
            raise ValueError(
                "生产环境不得自动生成签名密钥：请设置 JWT_GENERATE_KEYS=false 并挂载密钥")
        return self

    @property
    def is_sqlite(self) -> bool:
        return (self.database_url or "").startswith("sqlite")
