"""The records the cases figures count (the figures themselves, their keys and counting rules:
service.py): each source a scoped selection of one table (common.scope), each predicate a
filter on it. A decision's 统计年报 rank (`Case.report_rank`) is stored with the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, func

from common.statistics import Period, Source
from services.cases.coercion.repository import day_of
from services.cases.lifecycle import states as st
from services.cases.models import Case
from services.cases.transfers.models import CaseTransfer

DECISIONS = Source(
    Case,
    "case",
    Case.decision_number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        per.on_dates(Case.decided_on),
        Case.decision_kind.is_not(None),
    ],
)
OPEN_CASES = Source(
    Case,
    "case",
    Case.number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        Case.status.in_(st.OPEN_STATES),
        Case.next_due_on.is_not(None),
    ],
)
TRANSFERS = Source(
    CaseTransfer,
    "case_transfer",
    CaseTransfer.target_name,
    lambda p, per: [
        *per.within(p, CaseTransfer.agency_id, CaseTransfer.region_code),
        CaseTransfer.sent_at.is_not(None),
        per.on_times(CaseTransfer.sent_at),
    ],
)

REVOKED = Source(
    Case,
    "case",
    Case.decision_number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        per.on_dates(Case.revoked_on),
        Case.decision_kind.is_not(None),
    ],
)


PENALTY = Case.decision_kind == "penalty"
FINE, CONFISCATION = Case.fine_fen, Case.confiscation_fen  # in 分
Where = Callable[[Period], Any]


def penalty(per: Period) -> Any:
    return PENALTY


def heaviest_kind(rank: int) -> Where:
    """Penalty decisions whose heaviest kind has this 统计年报 rank."""
    return lambda per: and_(PENALTY, Case.report_rank == rank)


def procedure(name: str) -> Where:
    return lambda per: and_(PENALTY, Case.procedure == name)


def mitigation(kind: str) -> Where:
    return lambda per: and_(PENALTY, Case.mitigation == kind)


def no_penalty(per: Period) -> Any:
    return Case.decision_kind.in_(("no_penalty", "minor_no_penalty"))


def no_penalty_ground(ground: str) -> Where:
    return lambda per: Case.no_penalty_ground == ground


def review_required(per: Period) -> Any:
    return Case.legal_review_required.is_(True)


def review_done(per: Period) -> Any:
    return and_(Case.legal_review_required.is_(True), Case.legal_review_status == "approved")


def remedy_recorded(per: Period) -> Any:
    """A 复议/诉讼 recorded on the case (lifecycle `remedy`: one period per proceeding)."""
    return func.json_array_length(Case.remedy_periods) > 0


def transfer(kind: str) -> Where:
    return lambda per: CaseTransfer.kind == kind


def overdue(per: Period) -> Any:
    """Open with its next legal deadline before the judging day."""
    return Case.next_due_on < day_of(per)
