"""Consuming `supervision_plan.published` (review): the public 年度行政执法监督计划 (seed 001
publishes its yearly plan). Every text (title, summary, item titles and matters) goes through
the redaction engine, like every public record; target agencies are public bodies and stay.
A redelivery is a no-op (inbox + primary key)."""

import logging
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import utcnow
from services.publicity import redaction
from services.publicity.plans.errors import PublicPlanNotFound
from services.publicity.plans.models import PublicSupervisionPlan
from services.publicity.plans.repository import PublicPlanRepository

log = logging.getLogger("zhifa.publicity.plans")
ITEM_FIELDS = ("seq", "kind", "kind_name", "target_agency_ids", "target_domains",
               "starts_on", "ends_on")


async def consume_published(session: AsyncSession, event: dict[str, Any]) -> None:
    p = event.get("payload") or {}
    try:
        plan_id = uuid.UUID(str(p["plan_id"]))
        year = int(p["year"])
        region = str(p["region_code"])
        items = list(p.get("items") or [])
        datetime.fromisoformat(str(p["published_at"]))
    except (KeyError, ValueError, TypeError):
        log.error("malformed supervision_plan.published %s ignored", event.get("id"))
        return
    repo = PublicPlanRepository(session)
    if await repo.get(plan_id) is not None:
        return
    clean = redaction.Redactor.for_party({}).redact
    repo.add(PublicSupervisionPlan(
        id=plan_id, year=year, region_code=region, title=clean(str(p.get("title") or "")),
        summary=clean(str(p.get("summary") or "")),
        items=[{**{k: i.get(k) for k in ITEM_FIELDS}, "title": clean(str(i.get("title") or "")),
                "target_matters": [clean(str(m)) for m in i.get("target_matters") or []]}
               for i in items if isinstance(i, dict)],
        published_at=utcnow()))
    await session.flush()


async def page(session: AsyncSession, region_code: str | None, year: int | None,
               cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """Published plans, newest first, one keyset page."""
    rows, nxt = await PublicPlanRepository(session).page(region_code, year, cursor, limit)
    return list(rows), nxt


async def get(session: AsyncSession, plan_id: uuid.UUID) -> Any:
    """One published plan, else `PublicPlanNotFound`."""
    row = await PublicPlanRepository(session).get(plan_id)
    if row is None:
        raise PublicPlanNotFound(f"年度监督计划 {plan_id} 不存在")
    return row
