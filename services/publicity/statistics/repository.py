"""The publicity figures (docs/statistics.md, "Publicity"), each one filtered aggregate, scoped
by common.scope. Seed 004 counts PUBLISHED decisions (公示 21 件, 罚款共 316081.7 元), kept apart
from the cases service's decided count. Deadlines: 行政处罚法第四十八条 (7 个工作日, publicity
settings) and 撤回 within 3 working days of a revocation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_

from common.calendar import today_legal
from common.statistics import Measure, Period, Registry, Source
from services.publicity.disclosures.models import Disclosure, DisclosureStatus
from services.publicity.licences.models import LicenceDisclosure

D, L = Disclosure, LicenceDisclosure


def day_of(per: Period) -> Any:
    return min(per.date_to, today_legal())


def _decisions(col: Any) -> Source:
    return Source(
        D,
        "disclosure",
        D.document_number,
        lambda p, per: [
            *per.within(p, D.agency_id, D.region_code),
            col.is_not(None),
            per.on_times(col),
        ],
    )


def _licences(col: Any) -> Source:
    return Source(
        L,
        "licence_disclosure",
        L.document_number,
        lambda p, per: [
            *per.within(p, L.agency_id, L.region_code),
            col.is_not(None),
            per.on_times(col),
        ],
    )


PUBLISHED, WITHDRAWN = _decisions(D.published_at), _decisions(D.withdrawn_at)
L_PUBLISHED, L_WITHDRAWN = _licences(L.published_at), _licences(L.withdrawn_at)
UNPUBLISHED = Source(
    D,
    "disclosure",
    D.document_number,
    lambda p, per: [
        *per.within(p, D.agency_id, D.region_code),
        D.published_at.is_(None),
        D.status == DisclosureStatus.pending,
        D.publish_due_on.is_not(None),
    ],
)

REGISTRY = Registry().add(
    Measure(
        "publicity.decisions_published",
        "公示行政处罚决定",
        "件",
        "公示日期在统计期间内的行政处罚决定（行政处罚法第四十八条）",
        PUBLISHED,
    ),
    Measure(
        "publicity.decisions_fine_fen",
        "公示罚款金额",
        "分",
        "其罚款金额之和（分）",
        PUBLISHED,
        total=D.fine_fen,
    ),
    Measure(
        "publicity.decisions_fine_yuan",
        "公示罚款金额",
        "元",
        "其罚款金额之和（元）",
        PUBLISHED,
        total=D.fine_fen,
        divide=100,
    ),
    Measure(
        "publicity.decisions_withdrawn",
        "撤下处罚公示",
        "件",
        "撤回日期在统计期间内的处罚决定公示",
        WITHDRAWN,
    ),
    Measure(
        "publicity.licences_published",
        "公示行政许可决定",
        "件",
        "公示日期在统计期间内的行政许可决定",
        L_PUBLISHED,
    ),
    Measure(
        "publicity.licences_withdrawn",
        "撤下许可公示",
        "件",
        "撤回日期在统计期间内的行政许可公示",
        L_WITHDRAWN,
    ),
    Measure(
        "publicity.published_late",
        "逾期公示",
        "件",
        "统计期间内公示、但晚于公示期限的行政处罚决定",
        PUBLISHED,
        lambda per: D.published_late.is_(True),
    ),
    Measure(
        "publicity.withdrawn_late",
        "逾期撤回",
        "件",
        "统计期间内撤回、但晚于撤回期限的处罚决定公示",
        WITHDRAWN,
        lambda per: D.withdrawn_late.is_(True),
    ),
    Measure(
        "overdue.disclosures",
        "逾期未公示",
        "件",
        "待公示、公示期限早于判断日（统计期末，或今日若更早）的行政处罚决定",
        UNPUBLISHED,
        lambda per: and_(D.publish_due_on < day_of(per)),
    ),
)
