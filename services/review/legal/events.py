"""Event handlers of 法制审核: `case.review_requested` opens a review."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events import EventHandler
from services.review.legal import service


def handlers(app: FastAPI) -> dict[str, EventHandler]:
    async def on_review_requested(session: AsyncSession, event: dict[str, Any]) -> None:
        await service.open_review(session, app.state.calendar,
                                  app.state.settings.legal_review_working_days,
                                  event["payload"])

    return {"case.review_requested": on_review_requested}
