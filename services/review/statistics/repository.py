"""The review figures (docs/statistics.md, "Review"), each one filtered aggregate, scoped by
common.scope (complaints by their target agency). Rates carry their numerator and denominator as
figures of their own (seed 004: 投诉举报 774 件, 回应率 100%, 办结率 100%; seed 001: 监督意见书
9 份, 案卷评查 76 卷 拉通排名)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, func, or_, select

from common.calendar import today_legal
from common.statistics import (
    Derived,
    Figure,
    GroupMeasure,
    Measure,
    Period,
    Registry,
    Source,
    rate,
)
from kit.auth import Principal
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

FIGURES = Registry().add(
    Measure(
        "legal_review.requested",
        "法制审核申请",
        "件",
        "申请日期在统计期间内的法制审核（含退回后再次送审的各轮）",
        REQUESTED,
    ),
    Measure(
        "legal_review.completed", "法制审核完成", "件", "完成日期在统计期间内的法制审核", COMPLETED
    ),
    Measure(
        "legal_review.late",
        "法制审核超期",
        "件",
        "尚未完成、审核期限早于判断日（统计期末，或今日若更早）的法制审核",
        OPEN_REVIEWS,
        lambda per: LR.due_date < day_of(per),
    ),
    Measure("evaluation.files", "评查案卷", "卷", "评分日期在统计期间内的评查案卷", FILES),
    GroupMeasure(
        "evaluation.grade",
        "评查等次",
        "卷",
        "评分日期在统计期间内的评查案卷，按等次",
        FILES,
        EF.grade,
    ),
    Measure(
        "evaluation.average_score",
        "评查平均分",
        "分",
        "评分日期在统计期间内的评查案卷平均分",
        FILES,
        total=EF.score,
        average=True,
        digits=1,
    ),
    Measure(
        "supervision.instruments_issued",
        "行政执法监督文书",
        "份",
        "制发日期在统计期间内的监督通知书、意见书、决定书、建议书",
        INSTRUMENTS,
    ),
    Measure(
        "supervision.opinions_issued",
        "行政执法监督意见书",
        "份",
        "制发日期在统计期间内的监督意见书",
        OPINIONS,
    ),
    Measure(
        "supervision.opinions_replied",
        "已回复监督意见书",
        "份",
        "其中被监督机关已书面回复的",
        OPINIONS,
        lambda per: SO.replied_at.is_not(None),
    ),
    Measure(
        "supervision.overdue",
        "逾期回复监督意见书",
        "份",
        "统计期末前制发、回复逾期或未回复且整改期限早于判断日的监督意见书（行政执法监督条例）",
        ALL_OPINIONS,
        lambda per: or_(
            SO.replied_late.is_(True), and_(SO.replied_at.is_(None), SO.reply_due_on < day_of(per))
        ),
    ),
    Measure("complaints.received", "投诉举报", "件", "受理日期在统计期间内的投诉举报", COMPLAINTS),
    Measure(
        "complaints.responded",
        "已回应投诉举报",
        "件",
        "其中已回应的",
        COMPLAINTS,
        lambda per: CO.responded_at.is_not(None),
    ),
    Measure(
        "complaints.completed",
        "已办结投诉举报",
        "件",
        "其中已办结的",
        COMPLAINTS,
        lambda per: CO.closed_at.is_not(None),
    ),
    Derived(
        "complaints.response_rate",
        "回应率",
        "%",
        "已回应 ÷ 投诉举报",
        lambda v: rate(v["complaints.responded"], v["complaints.received"]),
        "complaints.responded",
    ),
    Derived(
        "complaints.completion_rate",
        "办结率",
        "%",
        "已办结 ÷ 投诉举报",
        lambda v: rate(v["complaints.completed"], v["complaints.received"]),
        "complaints.completed",
    ),
    Measure(
        "complaints.late",
        "超期未回应投诉举报",
        "件",
        "未回应、未办结且回应期限早于判断日的投诉举报",
        OPEN_COMPLAINTS,
        lambda per: CO.respond_by < day_of(per),
    ),
)
RANK_RULE = (
    "仅在指定 agency_id 时给出：该机关评查案卷平均分在同一评查区域（其案卷所属评查批次的区域）内、"
    "统计期间内有评分案卷的机关中的名次（1 为最好，同分同名次；无评分案卷为 0）"
)



class ReviewRegistry(Registry):
    """The review figures plus `evaluation.rank`, per agency too (one query for the regions
    each agency was scored in, one for the score sums per region and agency)."""

    def _rank_figure(self, value: int) -> Figure:
        return Figure(key="evaluation.rank", label="评查排名", unit="名", rule=RANK_RULE,
                      value=value)

    async def figures(self, session: Any, principal: Principal, period: Period) -> list[Figure]:
        out = await super().figures(session, principal, period)
        agency = period.agency_id
        ranks = await ranks_of(session, principal, period) if agency is not None else {}
        return [*out, self._rank_figure(ranks.get(agency, 0))]

    async def grouped(self, session: Any, principal: Principal, period: Period
                      ) -> tuple[list[Figure], dict[uuid.UUID, list[Figure]]]:
        figures, groups = await super().grouped(session, principal, period)
        ranks = await ranks_of(session, principal, period)
        own = ranks.get(period.agency_id, 0) if period.agency_id is not None else 0
        return [*figures, self._rank_figure(own)], {
            a: [*f, self._rank_figure(ranks.get(a, 0))] for a, f in groups.items()}

    def empty(self) -> list[Figure]:
        return [*super().empty(), self._rank_figure(0)]


REGISTRY = ReviewRegistry(FIGURES.entries)


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
