"""The records the publicity figures count (the figures themselves, their keys and counting
rules: service.py): each source a scoped selection of one table (common.scope), each predicate a
filter on it. Deadlines: 行政处罚法第四十八条 (7 个工作日, publicity settings) and 撤回 within 3
working days of a revocation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_

from common.calendar import today_legal
from common.statistics import Period, Source
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

FINE_FEN = D.fine_fen  # a decision's fine, in 分


def published_late(per: Period) -> Any:
    return D.published_late.is_(True)


def withdrawn_late(per: Period) -> Any:
    return D.withdrawn_late.is_(True)


def overdue(per: Period) -> Any:
    """Still unpublished past its deadline on the judging day."""
    return and_(D.publish_due_on < day_of(per))
