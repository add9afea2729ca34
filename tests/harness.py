"""Test harness: migrated template databases, the one-process platform, tokens and events.

SQLite lane (default): each service's schema is migrated once per session into a template file;
every test copies the templates. PostgreSQL lane (`ZHIFA_TEST_DATABASE_URL` set): one database per
service per session, migrated once, truncated after every test."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from gateway import composition
from gateway.config import SERVICES, GatewaySettings
from kit import auth, migrate, solver
from kit.settings import JwtSettings

PG_URL = os.environ.get("ZHIFA_TEST_DATABASE_URL", "")


def _migrate(service: str, url: str) -> None:
    with ThreadPoolExecutor(1) as pool:
        pool.submit(migrate.upgrade, service, url).result()


class Databases:
    """Fresh, migrated databases for each test on either dialect."""

    def __init__(self, root: Path) -> None:
        self.root, self.pg = root, bool(PG_URL)
        self.prefix = f"zt_{uuid.uuid4().hex[:10]}"
        self.templates: dict[str, Path] = {}
        self._wipe: dict[str, tuple[Any, str]] = {}  # service -> (engine, DELETE statements)

    def pg_url(self, service: str, database: str | None = None) -> str:
        base = PG_URL.rsplit("/", 1)[0]
        return f"{base}/{database or f'{self.prefix}_{service}'}"

    async def setup(self) -> None:
        if self.pg:
            admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
            async with admin.connect() as conn:
                for s in SERVICES:
                    await conn.execute(text(f'CREATE DATABASE "{self.prefix}_{s}"'))
            await admin.dispose()
            for s in SERVICES:
                await asyncio.to_thread(_migrate, s, self.pg_url(s))
            return
        for s in SERVICES:
            path = self.root / "templates" / f"{s}.db"
            await asyncio.to_thread(_migrate, s, f"sqlite+aiosqlite:///{path}")
            self.templates[s] = path

    async def teardown(self) -> None:
        if not self.pg:
            return
        for engine, _ in self._wipe.values():
            await engine.dispose()
        admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            for s in SERVICES:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{self.prefix}_{s}" '
                                        "WITH (FORCE)"))
        await admin.dispose()

    def fresh(self, service: str, tmp: Path) -> str:
        if self.pg:
            return self.pg_url(service)
        target = tmp / f"{service}.db"
        shutil.copy(self.templates[service], target)
        return f"sqlite+aiosqlite:///{target}"

    async def wipe(self) -> None:
        """After a PostgreSQL test: empty every table (migrations stay). DELETE in reverse
        dependency order is much cheaper than TRUNCATE for the few rows a test writes."""
        if not self.pg:
            return
        for s in SERVICES:
            if s not in self._wipe:
                metadata = importlib.import_module(f"services.{s}.models").Base.metadata
                tables = [t.name for t in reversed(metadata.sorted_tables)]
                stmt = "; ".join(f'DELETE FROM "{t}"' for t in tables)
                self._wipe[s] = (create_async_engine(self.pg_url(s), pool_size=1), stmt)
            engine, stmt = self._wipe[s]
            async with engine.begin() as conn:
                raw = await conn.get_raw_connection()
                await raw.driver_connection.execute(stmt)  # simple protocol: many statements


class Platform:
    """The four services and the gateway in one process, over ASGI, with real databases."""

    def __init__(self, gateway: Any, ring: auth.KeyRing, jwt: JwtSettings) -> None:
        self.gateway, self.ring, self.jwt = gateway, ring, jwt
        self.apps: dict[str, Any] = gateway.state.services
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway),
                                        base_url="http://testserver", timeout=60)

    def service(self, name: str) -> httpx.AsyncClient:
        """A client straight to one service, bypassing the gateway."""
        transport = httpx.ASGITransport(app=self.apps[name])
        return httpx.AsyncClient(transport=transport, base_url=f"http://{name}", timeout=60)

    def token(self, *roles: str, agency_id: Any = None, region_code: str | None = None,
              officer_id: Any = None, subject: str | None = None, **kw: Any) -> str:
        return auth.issue_access_token(
            self.ring, self.jwt, subject=subject or f"test-{uuid.uuid4().hex[:8]}",
            roles=list(roles) or ["officer"], agency_id=str(agency_id) if agency_id else None,
            region_code=region_code, officer_id=str(officer_id) if officer_id else None, **kw)

    def headers(self, *roles: str, **kw: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(*roles, **kw)}"}

    async def drain(self, rounds: int = 10) -> None:
        """Deliver every pending event on every service until all outboxes are quiet."""
        for _ in range(rounds):
            moved = 0
            for app in self.apps.values():
                moved += await app.state.outbox.run_once(app.state.sessionmaker)
            if not moved:
                return

    def session(self, service: str) -> Any:
        """A raw session on a service's database (for direct tampering in tests)."""
        return self.apps[service].state.sessionmaker()


@contextlib.asynccontextmanager
async def platform(dbs: Databases, tmp: Path, keys_dir: Path,
                   overrides: dict[str, dict[str, Any]] | None = None) -> AsyncIterator[Platform]:
    jwt = JwtSettings(keys_dir=str(keys_dir), generate_keys=False)
    per_service = {
        s: {"database_url": dbs.fresh(s, tmp), "jwt": jwt, "run_outbox_worker": False,
            **(overrides or {}).get(s, {})}
        for s in SERVICES}
    gw = composition.build_all_in_one(str(tmp), auto_migrate=False, service_overrides=per_service,
                                      gateway_settings=GatewaySettings(
                                          rate_limit_per_minute=100_000,
                                          rate_limit_burst=10_000))
    async with gw.router.lifespan_context(gw):
        p = Platform(gw, auth.KeyRing.load(keys_dir), jwt)
        try:
            yield p
        finally:
            await p.client.aclose()
    await dbs.wipe()
    release_built_apps()


def release_built_apps() -> None:
    """Let a closed platform's apps be freed. FastAPI memoises "is this dependency a coroutine /
    generator" per callable in module-level LRU caches (4,096 entries each, `fastapi.dependencies.
    models`); every app build adds its own closures, so without this about a hundred closed
    platforms stayed alive (1.2 GB per lane after 160 tests), and the garbage collector's full
    passes over them grew into seconds — once long enough to time out a 10 s service call in the
    demo-year load on CI. A production process builds its apps once, so this is a test concern."""
    from fastapi.dependencies import models

    solver.forget()  # its plans hold the dependants of every app that served a request
    for name in ("_is_gen_callable_cached", "_is_async_gen_callable_cached",
                 "_is_coroutine_callable_cached"):
        cached = getattr(models, name, None)
        if cached is not None:
            cached.cache_clear()
