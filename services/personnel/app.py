import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from fastapi import FastAPI

from common import sessions
from common.app import ServiceSpec, build_app
from common.calendar import today_legal
from kit.http import AsgiApps
from services.personnel.config import PersonnelSettings
from services.personnel.examples import EXAMPLES
from services.personnel.identifiers import PiiVault
from services.personnel.models import platform
from services.personnel.router import router

log = logging.getLogger("zhifa.personnel")


async def _status_worker(app: FastAPI, interval: float) -> None:
    """Apply due status changes (and revoke certificates) now and then every `interval`."""
    from services.personnel.staff.service import apply_due_status_changes

    while True:
        try:
            async with app.state.sessionmaker() as session:
                applied = await apply_due_status_changes(session, today_legal(),
                                                         app.state.outbox)
                await session.commit()
            if applied:
                log.info("applied %d due status changes", applied)
        except Exception:  # keep the loop alive; the next round retries
            log.exception("status change worker failed")
        await asyncio.sleep(interval)


def _session_source(state: Any) -> sessions.Fetcher:
    """Personnel's own session gate reads its own table (no HTTP to itself)."""
    from services.personnel.accounts.service import session_changes

    async def fetch(since: datetime | None
                    ) -> tuple[list[sessions.Change], list[sessions.Ended], datetime]:
        async with state.sessionmaker() as session:
            changes = await session_changes(session, state.settings.jwt, since)
        return ([(c.subject, c.session_version, c.changed_at) for c in changes.items],
                [(e.session_id, e.ended_at) for e in changes.ended_sessions], changes.as_of)

    return fetch


def create_app(settings: PersonnelSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    settings = settings or PersonnelSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pii_vault = PiiVault.load(settings.pii_key, settings.data_dir,
                                            generate=settings.environment == "dev")
        task = None
        if settings.run_status_worker:
            task = asyncio.create_task(_status_worker(app, settings.status_check_interval_seconds))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    spec = ServiceSpec(name="personnel", router=router, platform=platform, lifespan=lifespan,
                       title="zhifa 人员服务 (personnel)", session_source=_session_source,
                       examples=EXAMPLES)
    return build_app(spec, settings, asgi_apps)
