"""The publicity figures (docs/statistics.md, "Publicity") the statistics endpoints answer: each
figure's key, label, unit and counting rule (`rule`), counted over the records of
repository.py. Seed 004 counts PUBLISHED decisions (公示 21 件, 罚款共 316081.7 元), kept apart
from the cases service's decided count."""

from __future__ import annotations

from common.statistics import Measure, Registry
from services.publicity.statistics import repository as repo

REGISTRY = Registry().add(
    Measure(
        "publicity.decisions_published",
        "公示行政处罚决定",
        "件",
        "公示日期在统计期间内的行政处罚决定（行政处罚法第四十八条）",
        repo.PUBLISHED,
    ),
    Measure(
        "publicity.decisions_fine_fen",
        "公示罚款金额",
        "分",
        "其罚款金额之和（分）",
        repo.PUBLISHED,
        total=repo.FINE_FEN,
    ),
    Measure(
        "publicity.decisions_fine_yuan",
        "公示罚款金额",
        "元",
        "其罚款金额之和（元）",
        repo.PUBLISHED,
        total=repo.FINE_FEN,
        divide=100,
    ),
    Measure(
        "publicity.decisions_withdrawn",
        "撤下处罚公示",
        "件",
        "撤回日期在统计期间内的处罚决定公示",
        repo.WITHDRAWN,
    ),
    Measure(
        "publicity.licences_published",
        "公示行政许可决定",
        "件",
        "公示日期在统计期间内的行政许可决定",
        repo.L_PUBLISHED,
    ),
    Measure(
        "publicity.licences_withdrawn",
        "撤下许可公示",
        "件",
        "撤回日期在统计期间内的行政许可公示",
        repo.L_WITHDRAWN,
    ),
    Measure(
        "publicity.published_late",
        "逾期公示",
        "件",
        "统计期间内公示、但晚于公示期限的行政处罚决定",
        repo.PUBLISHED,
        repo.published_late,
    ),
    Measure(
        "publicity.withdrawn_late",
        "逾期撤回",
        "件",
        "统计期间内撤回、但晚于撤回期限的处罚决定公示",
        repo.WITHDRAWN,
        repo.withdrawn_late,
    ),
    Measure(
        "overdue.disclosures",
        "逾期未公示",
        "件",
        "待公示、公示期限早于判断日（统计期末，或今日若更早）的行政处罚决定",
        repo.UNPUBLISHED,
        repo.overdue,
    ),
)
