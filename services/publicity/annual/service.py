"""Consuming `annual_report.finalised` (review): publish a 统计年报's tables.

Only the kind `statistical` (行政执法统计年报) is published here: it is the one the rules make
public by 31 January (大同 统计年报制度 Art.3–6 [S]); the narrative reports go
to the same-level government, not to this portal. A redelivery is a no-op (inbox + primary key)."""

import logging
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import utcnow
from services.publicity.annual.models import AnnualStatistics
from services.publicity.annual.repository import AnnualStatisticsRepository

log = logging.getLogger("zhifa.publicity.annual")


async def consume_finalised(session: AsyncSession, event: dict[str, Any]) -> None:
    p = event["payload"]
    if p.get("kind") != "statistical":
        return
    try:
        report_id = uuid.UUID(str(p["report_id"]))
        finalised_at = datetime.fromisoformat(str(p["finalised_at"]))
        tables = list(p["tables"])
    except (KeyError, ValueError, TypeError):
        log.error("malformed annual_report.finalised %s ignored", event.get("id"))
        return
    if await session.get(AnnualStatistics, report_id) is not None:
        return
    replaces = uuid.UUID(str(p["replaces_id"])) if p.get("replaces_id") else None
    if replaces is not None:
        old = await session.get(AnnualStatistics, replaces)
        if old is not None:
            old.status = "superseded"
    agency = p.get("agency_id")
    session.add(AnnualStatistics(
        id=report_id, year=int(p["year"]), number=int(p.get("number") or 1),
        agency_id=uuid.UUID(str(agency)) if agency else None,
        region_code=str(p["region_code"]), status="published", replaces_id=replaces,
        tables=tables, finalised_at=finalised_at, published_at=utcnow()))
    await session.flush()


async def public_page(session: AsyncSession, region_code: str | None, year: int | None,
                      current_only: bool, cursor: str | None,
                      limit: int) -> tuple[list[Any], str | None]:
    """Finalised annual reports, newest first (superseded ones only when asked)."""
    return await AnnualStatisticsRepository(session).page(region_code, year, current_only,
                                                          cursor, limit)


async def get_report(session: AsyncSession, report_id: uuid.UUID) -> AnnualStatistics | None:
    return await AnnualStatisticsRepository(session).get(report_id)
