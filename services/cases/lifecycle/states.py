"""Ordinary-procedure states and which actions each allows (the one source for
`allowed_actions` and for the 409 refusals)."""

from typing import Any

LEAD, DECLINED, INVESTIGATING, CONCLUDED = "lead", "declined", "investigating", "concluded"
NOTIFIED, HEARING_REQUESTED, DECIDED, SERVED = "notified", "hearing_requested", "decided", "served"
EXECUTED, CLOSED, ARCHIVED, REVOKED = "executed", "closed", "archived", "revoked"

OPEN_STATES = (LEAD, INVESTIGATING, CONCLUDED, NOTIFIED, HEARING_REQUESTED, DECIDED, SERVED,
               EXECUTED)
BEFORE_DECISION = (INVESTIGATING, CONCLUDED, NOTIFIED, HEARING_REQUESTED)
WITH_DECISION = (DECIDED, SERVED, EXECUTED, CLOSED)

_BASE: dict[str, tuple[str, ...]] = {
    LEAD: ("file", "decline"),
    DECLINED: ("archive",),
    INVESTIGATING: ("evidence", "records", "conclude", "extend-deadline", "clock-pause"),
    CONCLUDED: ("evidence", "records", "conclude", "extend-deadline", "clock-pause"),
    NOTIFIED: ("evidence", "records", "statements", "hearing-request", "decide",
               "extend-deadline", "clock-pause"),
    HEARING_REQUESTED: ("statements", "hearing", "extend-deadline", "clock-pause"),
    DECIDED: ("serve", "revoke-decision"),
    SERVED: ("payments", "payment-arrangement", "remedy", "revoke-decision"),
    EXECUTED: ("close", "remedy", "revoke-decision"),
    CLOSED: ("archive", "revoke-decision"),
    REVOKED: ("close", "archive"),
    ARCHIVED: (),
    # glue added by the transfers sub-package (移送, services/cases/transfers): a case handed
    # to another agency or to the judicial organs can only be closed (then archived)
    "transferred": ("close",),
}


def allowed_actions(case: Any) -> list[str]:
    actions = list(_BASE.get(case.status, ()))
    outcome = (case.conclusion or {}).get("outcome")
    notice = case.notice or {}
    if case.status == CONCLUDED:
        if outcome == "penalty":
            actions.append("notify")
        elif outcome != "transfer_judicial":  # 涉嫌犯罪: only the transfer ends it (第二十七条)
            actions.append("decide")
    if case.status == NOTIFIED and (not notice.get("hearing_eligible")
                                    or (case.hearing or {}).get("requested_on")):
        actions.remove("hearing-request")
    if case.status == NOTIFIED and case.legal_review_status in ("rejected", "needs_correction"):
        actions.append("conclude")  # 法制审核 not passed: correct the proposal and notify again
    if case.status == SERVED and case.fine_fen == 0:
        actions.append("close")
    return actions
