"""The review figures (docs/statistics.md, "Review"): each figure's key, label, unit and counting
rule, counted over the records of repository.py (complaints by their target agency), and
`evaluation.rank` per agency. Rates carry their numerator and denominator as figures of their
own (seed 004: 投诉举报 774 件, 回应率 100%, 办结率 100%; seed 001: 监督意见书 9 份, 案卷评查
76 卷 拉通排名)."""

from __future__ import annotations

import uuid
from typing import Any

from common.statistics import Derived, Figure, GroupMeasure, Measure, Period, Registry, rate
from services.review.statistics import repository as repo

FIGURES = Registry().add(
    Measure(
        "legal_review.requested",
        "法制审核申请",
        "件",
        "申请日期在统计期间内的法制审核（含退回后再次送审的各轮）",
        repo.REQUESTED,
    ),
    Measure(
        "legal_review.completed", "法制审核完成", "件", "完成日期在统计期间内的法制审核",
        repo.COMPLETED,
    ),
    Measure(
        "legal_review.late",
        "法制审核超期",
        "件",
        "尚未完成、审核期限早于判断日（统计期末，或今日若更早）的法制审核",
        repo.OPEN_REVIEWS,
        repo.review_late,
    ),
    Measure("evaluation.files", "评查案卷", "卷", "评分日期在统计期间内的评查案卷", repo.FILES),
    GroupMeasure(
        "evaluation.grade",
        "评查等次",
        "卷",
        "评分日期在统计期间内的评查案卷，按等次",
        repo.FILES,
        repo.GRADE,
    ),
    Measure(
        "evaluation.average_score",
        "评查平均分",
        "分",
        "评分日期在统计期间内的评查案卷平均分",
        repo.FILES,
        total=repo.SCORE,
        average=True,
        digits=1,
    ),
    Measure(
        "supervision.instruments_issued",
        "行政执法监督文书",
        "份",
        "制发日期在统计期间内的监督通知书、意见书、决定书、建议书",
        repo.INSTRUMENTS,
    ),
    Measure(
        "supervision.opinions_issued",
        "行政执法监督意见书",
        "份",
        "制发日期在统计期间内的监督意见书",
        repo.OPINIONS,
    ),
    Measure(
        "supervision.opinions_replied",
        "已回复监督意见书",
        "份",
        "其中被监督机关已书面回复的",
        repo.OPINIONS,
        repo.opinion_replied,
    ),
    Measure(
        "supervision.overdue",
        "逾期回复监督意见书",
        "份",
        "统计期末前制发、回复逾期或未回复且整改期限早于判断日的监督意见书（行政执法监督条例）",
        repo.ALL_OPINIONS,
        repo.opinion_overdue,
    ),
    Measure("complaints.received", "投诉举报", "件", "受理日期在统计期间内的投诉举报",
            repo.COMPLAINTS),
    Measure(
        "complaints.responded",
        "已回应投诉举报",
        "件",
        "其中已回应的",
        repo.COMPLAINTS,
        repo.complaint_responded,
    ),
    Measure(
        "complaints.completed",
        "已办结投诉举报",
        "件",
        "其中已办结的",
        repo.COMPLAINTS,
        repo.complaint_completed,
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
        repo.OPEN_COMPLAINTS,
        repo.complaint_late,
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

    async def figures(self, ctx: Any, period: Period) -> list[Figure]:
        out = await super().figures(ctx, period)
        agency = period.agency_id
        ranks = await repo.ranks_of(ctx.session, ctx.principal, period) \
            if agency is not None else {}
        return [*out, self._rank_figure(ranks.get(agency, 0))]

    async def grouped(self, ctx: Any, period: Period
                      ) -> tuple[list[Figure], dict[uuid.UUID, list[Figure]]]:
        figures, groups = await super().grouped(ctx, period)
        ranks = await repo.ranks_of(ctx.session, ctx.principal, period)
        own = ranks.get(period.agency_id, 0) if period.agency_id is not None else 0
        return [*figures, self._rank_figure(own)], {
            a: [*f, self._rank_figure(ranks.get(a, 0))] for a, f in groups.items()}

    def empty(self) -> list[Figure]:
        return [*super().empty(), self._rank_figure(0)]


REGISTRY = ReviewRegistry(FIGURES.entries)
