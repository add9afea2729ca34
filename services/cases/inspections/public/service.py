"""扫码入企 rules: the public code opens one inspection; an enterprise's evaluation is stored
for the aggregate (agencies) and the items (supervisors)."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.context import Ctx
from services.cases.inspections import errors as ie
from services.cases.inspections.models import Inspection
from services.cases.inspections.public import schemas
from services.cases.inspections.public.models import InspectionEvaluation
from services.cases.inspections.public.repository import EvaluationRepository
from services.cases.inspections.repository import InspectionRepository

BREACH_KINDS = 13  # the numbered list of breaches an enterprise may tick


async def by_code(session: AsyncSession, code: str) -> Inspection:
    """The inspection behind a QR code, else `InspectionNotFound` (codes are 16–40 long)."""
    i = await InspectionRepository(session).by_code(code) if 16 <= len(code) <= 40 else None
    if i is None:
        raise ie.InspectionNotFound("检查码无效")
    return i


async def evaluate(session: AsyncSession, code: str, body: schemas.EvaluationCreate) -> None:
    i = await by_code(session, code)
    EvaluationRepository(session).add(InspectionEvaluation(
        inspection_id=i.id, agency_id=i.agency_id, region_code=i.region_code, year=i.year,
        rating=body.rating, is_complaint=body.is_complaint,
        breaches=sorted({b for b in body.breaches if 0 <= b < BREACH_KINDS}),
        comment=body.comment))


async def summary(ctx: Ctx, year: int, agency_id: uuid.UUID | None
                  ) -> schemas.EvaluationSummary:
    """The aggregate for everyone who may read; the items only for supervisors/sysadmin."""
    principal = ctx.principal
    repo = EvaluationRepository(ctx.session)
    count, avg, complaints = await repo.aggregate(principal, year, agency_id)
    tally = Counter(str(b) for row in await repo.breaches(principal, year, agency_id)
                    for b in row)
    whole = principal.has("supervisor", "sysadmin")
    items: Any = ([schemas.EvaluationItem.model_validate(e)
                   for e in await repo.items(principal, year, agency_id)] if whole else None)
    return schemas.EvaluationSummary(agency_id=agency_id, year=year, count=count,
                                     average_rating=avg, complaints=complaints,
                                     by_breach=dict(tally), items=items)
