"""Event handlers of 法制审核: `case.review_requested` opens a review."""

import logging
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from kit.events import EventHandler
from services.review.legal import service

log = logging.getLogger("zhifa.review.events")


def _malformed(payload: dict[str, Any]) -> bool:
    try:
        uuid.UUID(str(payload["case_id"]))
        uuid.UUID(str(payload["agency_id"]))
        int(payload.get("round") or 1)
    except (KeyError, ValueError, TypeError):
        return True
    return False


def handlers(app: FastAPI) -> dict[str, EventHandler]:
    async def on_review_requested(session: AsyncSession, event: dict[str, Any]) -> None:
        if _malformed(event["payload"]):  # acknowledged, never retried forever
            log.error("malformed case.review_requested %s ignored", event.get("id"))
            return
        await service.open_review(session, app.state.calendar,
                                  app.state.settings.legal_review_working_days,
                                  event["payload"])

    return {"case.review_requested": on_review_requested}
