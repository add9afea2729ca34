import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from common.app import ServiceSpec, build_app
from kit.http import AsgiApps, TtlCache
from services.cases.coercion.release import release_worker
from services.cases.config import CasesSettings
from services.cases.events import HANDLERS
from services.cases.examples import EXAMPLES
from services.cases.licensing.licences.service import settle_worker
from services.cases.models import platform
from services.cases.router import router


def create_app(settings: CasesSettings | None = None,
               asgi_apps: AsgiApps | None = None) -> FastAPI:
    settings = settings or CasesSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Runs the licensing settlement job (视为准予延续, 行政许可法第五十条第二款) and, when
        switched on, the automatic release of expired 查封/扣押 (行政强制法第二十八条)."""
        interval = settings.licensing_settle_interval_seconds
        tasks = [asyncio.create_task(settle_worker(app.state.sessionmaker,
                                                   app.state.calendar, interval))] \
            if interval > 0 else []
        if settings.coercion_auto_release:
            tasks.append(asyncio.create_task(release_worker(
                app.state.sessionmaker, settings.coercion_release_interval_seconds)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    spec = ServiceSpec(name="cases", router=router, platform=platform, event_handlers=HANDLERS,
                       title="zhifa 案件服务 (cases)", lifespan=lifespan,
                       examples=EXAMPLES)
    app = build_app(spec, settings, asgi_apps)
    app.state.agency_cache = TtlCache()  # clients.agency_named
    return app
