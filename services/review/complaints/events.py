"""Event handlers of 投诉举报: a complaint follows its lead (`case.status_changed`)."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events import EventHandler
from services.review.complaints import service


def handlers(app: FastAPI) -> dict[str, EventHandler]:
    async def on_status_changed(session: AsyncSession, event: dict[str, Any]) -> None:
        await service.follow_lead(session, app.state.settings.lead_final_statuses,
                                  event["payload"])

    return {"case.status_changed": on_status_changed}
