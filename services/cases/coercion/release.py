"""Ending a 查封/扣押 without a decision of its own: release (解除, 行政强制法第二十八条), the
automatic release of measures past their end (issue 16 point 13, `CasesSettings.
coercion_auto_release`, off by default: the alert is the overdue list) and the hand-over with a
judicial transfer (第二十一条)."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.calendar import today_legal
from kit.db import utcnow
from services.cases.coercion.models import CoerciveMeasure
from services.cases.coercion.repository import MeasureRepository
from services.cases.models import Case
from services.cases.timeline.service import append_system_entry

log = logging.getLogger(__name__)


async def release_items(session: AsyncSession, measure: CoerciveMeasure, on: date, ground: str,
                   returned: bool, note: str | None) -> None:
    items = (await MeasureRepository(session).items([measure.id], True)).get(measure.id, [])
    for item in items:
        if item.status == "held" and returned:
            item.status, item.disposed_on = "returned", on
    measure.status, measure.released_on, measure.closed_on = "released", on, on
    measure.release_ground, measure.release_note = ground, note
    measure.updated_at = utcnow()
    await session.flush()


async def transfer_items(session: AsyncSession, case: Case,
                         measure_ids: list[str] | None, on: date) -> list[dict[str, Any]]:
    """Hand the held items over with a judicial transfer (行政强制法第二十一条): the named
    active measures (all active ones when None) end as `transferred`."""
    repo = MeasureRepository(session)
    measures = await repo.active_for_case(case.id)
    if measure_ids is not None:
        measures = [m for m in measures if str(m.id) in set(measure_ids)]
    items = await repo.items([m.id for m in measures], True)
    moved = []
    for m in measures:
        for item in items.get(m.id, []):
            if item.status == "held":
                item.status, item.disposed_on = "transferred", on
                moved.append({"measure_id": str(m.id), "item_id": str(item.id),
                              "name": item.name, "quantity": item.quantity,
                              "unit": item.unit})
        m.status, m.closed_on, m.updated_at = "transferred", on, utcnow()
    await session.flush()
    return moved




async def release_expired(session: AsyncSession, on: date) -> int:
    """期限届满 (第二十八条第一款第四项): release every active measure whose period ended
    before `on`, return the held items and record it on the case's timeline (by the system).
    Returns how many were released; the caller commits."""
    repo = MeasureRepository(session)
    released = 0
    for measure in await repo.expired(on):
        case = await session.get(Case, measure.case_id, with_for_update=True)
        if case is None:  # pragma: no cover - the FK cascades
            continue
        await release_items(session, measure, on, "period_expired", True,
                            "期限届满未作出处理决定，依法自动解除")
        await append_system_entry(session, case, "coercion.released", [], {
            "measure_id": str(measure.id), "released_on": on.isoformat(),
            "ground": "period_expired", "items_returned": True, "automatic": True})
        released += 1
    return released


async def release_worker(maker: async_sessionmaker[AsyncSession], interval: float) -> None:
    """The background job behind `coercion_auto_release`: every `interval` seconds."""
    while True:
        await asyncio.sleep(interval)
        try:
            async with maker() as session:
                released = await release_expired(session, today_legal())
                await session.commit()
            if released:
                log.info("coercion: %d measures past their end released", released)
        except Exception:  # keep the loop alive; the next round retries
            log.exception("coercion auto-release failed")
