"""The records the review figures count (service.py): their sources, scoped by common.scope
(complaints by their target agency), the conditions the figures count with, and the 拉通排名
of the evaluated agencies."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, func, or_, select

from common.calendar import today_legal
from common.principal import Principal
from common.statistics import (
    Period,
    Source,
)
from services.review.complaints.models import Complaint
from services.review.evaluation.models import EvaluationBatch, EvaluationFile
from services.review.instruments.models import SupervisionInstrument
from services.review.legal.models import LegalReview

LR, EF, SO, CO = LegalReview, EvaluationFile, SupervisionInstrument, Complaint
BATCH_REGION = (
    select(EvaluationBatch.region_code)
    .where(EvaluationBatch.id == EF.batch_id)
    .correlate(EF)
    .scalar_subquery()
)


def day_of(per: Period) -> Any:
    return min(per.date_to, today_legal())


def _reviews(col: Any) -> Source:
    return Source(
        LR,
        "legal_review",
        LR.case_number,
        lambda p, per: [
            *per.within(p, LR.agency_id, LR.region_code),
            col.is_not(None),
            per.on_times(col),
        ],
    )


REQUESTED, COMPLETED = _reviews(LR.requested_at), _reviews(LR.completed_at)
OPEN_REVIEWS = Source(
    LR,
    "legal_review",
    LR.case_number,
    lambda p, per: [*per.within(p, LR.agency_id, LR.region_code), LR.completed_at.is_(None)],
)
FILES = Source(
    EF,
    "evaluation_file",
    EF.case_number,
    lambda p, per: [
        *per.within(p, EF.agency_id, BATCH_REGION),
        EF.scored_at.is_not(None),
        per.on_times(EF.scored_at),
    ],
)
# 监督文书 (instruments/): the 意见书 are kind `opinion` (the opinions of before were migrated
# into it); every kind counts under supervision.instruments_issued
INSTRUMENTS = Source(
    SO,
    "supervision_instrument",
    SO.facts,
    lambda p, per: [*per.within(p, SO.agency_id, SO.region_code), per.on_times(SO.issued_at)],
)
OPINIONS = Source(
    SO,
    "supervision_instrument",
    SO.facts,
    lambda p, per: [*per.within(p, SO.agency_id, SO.region_code), SO.kind == "opinion",
                    per.on_times(SO.issued_at)],
)
ALL_OPINIONS = Source(
    SO,
    "supervision_instrument",
    SO.facts,
    lambda p, per: [*per.within(p, SO.agency_id, SO.region_code), SO.kind == "opinion",
                    SO.issued_at < per.end_instant()],
)
COMPLAINTS = Source(
    CO,
    "complaint",
    CO.tracking_code,
    lambda p, per: [
        *per.within(p, CO.target_agency_id, CO.region_code),
        per.on_times(CO.received_at),
    ],
    agency=CO.target_agency_id,
)
OPEN_COMPLAINTS = Source(
    CO,
    "complaint",
    CO.tracking_code,
    lambda p, per: [
        *per.within(p, CO.target_agency_id, CO.region_code),
        CO.responded_at.is_(None),
        CO.closed_at.is_(None),
    ],
    agency=CO.target_agency_id,
)

# the conditions the figures count with (service.FIGURES), named
def review_late(per: Period) -> Any:
    return LR.due_date < day_of(per)


def opinion_replied(per: Period) -> Any:
    return SO.replied_at.is_not(None)


def opinion_overdue(per: Period) -> Any:
    return or_(SO.replied_late.is_(True),
               and_(SO.replied_at.is_(None), SO.reply_due_on < day_of(per)))


def complaint_responded(per: Period) -> Any:
    return CO.responded_at.is_not(None)


def complaint_completed(per: Period) -> Any:
    return CO.closed_at.is_not(None)


def complaint_late(per: Period) -> Any:
    return CO.respond_by < day_of(per)


GRADE, SCORE = EF.grade, EF.score


async def ranks_of(session: Any, principal: Principal, period: Period) -> dict[uuid.UUID, int]:
    """拉通排名 (seed 001): each agency's place by mean score among the agencies scored in the
    same evaluation regions (the regions of its files' batches) in the period (1 = best, ties
    share a place); agencies in the caller's scope (and the asked agency / region) only."""
    scored = [EF.scored_at.is_not(None), period.on_times(EF.scored_at)]
    pairs = (await session.execute(
        select(EF.agency_id, EvaluationBatch.region_code).distinct()
        .join(EvaluationBatch, EvaluationBatch.id == EF.batch_id)
        .where(*scored, *period.within(principal, EF.agency_id, BATCH_REGION)))).all()
    regions: dict[uuid.UUID, set[str]] = {}
    for agency, region in pairs:
        regions.setdefault(agency, set()).add(region)
    if not regions:
        return {}
    sums: dict[str, dict[uuid.UUID, tuple[float, int]]] = {}
    for region, agency, total, n in (await session.execute(
            select(EvaluationBatch.region_code, EF.agency_id, func.sum(EF.score),
                   func.count(EF.score))
            .join(EvaluationBatch, EvaluationBatch.id == EF.batch_id)
            .where(*scored, EvaluationBatch.region_code.in_(set().union(*regions.values())))
            .group_by(EvaluationBatch.region_code, EF.agency_id))).all():
        sums.setdefault(region, {})[agency] = (float(total or 0), int(n))
    out: dict[uuid.UUID, int] = {}
    for agency, mine_regions in regions.items():
        acc: dict[uuid.UUID, list[float]] = {}
        for region in mine_regions:
            for other, (total, n) in sums.get(region, {}).items():
                slot = acc.setdefault(other, [0.0, 0])
                slot[0], slot[1] = slot[0] + total, slot[1] + n
        means = {a: t / n for a, (t, n) in acc.items() if n}
        if agency in means:
            out[agency] = 1 + sum(1 for m in means.values() if m > means[agency])
    return out
