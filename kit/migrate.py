"""Shared Alembic logic: one chain per service under `migrations/<service>/`.

`python -m kit.migrate upgrade all|<service>` (and `downgrade`, `check`)."""

from __future__ import annotations

import asyncio
import configparser
import os
import sys
from collections.abc import Callable
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
INI = Path(os.environ.get("ZHIFA_ALEMBIC_INI") or ROOT / "migrations" / "alembic.ini")


def chains(ini: Path = INI) -> dict[str, Path]:
    """The ini's migration chains: section name -> script folder (relative paths are taken from
    the project root, the folder above the ini's)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ini, encoding="utf-8")
    root = ini.resolve().parent.parent
    return {name: root / parser[name]["script_location"] for name in parser.sections()
            if parser.has_option(name, "script_location")}


SERVICES: tuple[str, ...] = tuple(chains())


def config(service: str, url: str | None = None, ini: Path = INI) -> Config:
    known = chains(ini)
    if service not in known:
        raise SystemExit(f"未知迁移链 {service}；可选：{', '.join(known)}")
    cfg = Config(str(ini), ini_section=service)
    cfg.set_main_option("script_location", str(known[service]))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(service: str, url: str | None = None, revision: str = "head") -> None:
    command.upgrade(config(service, url), revision)


def downgrade(service: str, url: str | None = None, revision: str = "base") -> None:
    command.downgrade(config(service, url), revision)


def check(service: str, url: str | None = None) -> None:
    """Raise when autogenerate finds a difference between models and migrations."""
    command.check(config(service, url))


async def upgrade_async(service: str, url: str) -> None:
    """Alembic's env runs its own event loop, so migrate from a worker thread."""
    await asyncio.to_thread(upgrade, service, url)


def _configure(**kwargs: object) -> None:
    context.configure(compare_type=True, render_as_batch=True, **kwargs)  # type: ignore[arg-type]


def _run_sync(connection: Connection, metadata: MetaData) -> None:
    _configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as conn:
        await conn.run_sync(_run_sync, metadata)
        await conn.commit()
    await engine.dispose()


def run_env(metadata: MetaData, default_url: Callable[[], str]) -> None:
    """Body of every `migrations/<service>/env.py`."""
    url = context.config.get_main_option("sqlalchemy.url") or default_url()
    if url.startswith("sqlite"):
        Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    if context.is_offline_mode():
        _configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_async(url, metadata))


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2 or args[0] not in ("upgrade", "downgrade", "check"):
        raise SystemExit("用法: python -m kit.migrate upgrade|downgrade|check all|<chain>")
    action = {"upgrade": upgrade, "downgrade": downgrade, "check": check}[args[0]]
    for service in SERVICES if args[1] == "all" else (args[1],):
        action(service)
        print(f"{args[0]} {service}: ok")


if __name__ == "__main__":
    main()
