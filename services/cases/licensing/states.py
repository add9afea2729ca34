"""Application states and the actions each allows (行政许可法第二十九条–第四十四条).

received → {not_accepted | correction_pending → accepted | accepted (deemed, 第三十二条)}
→ under_review → [hearing_requested → hearing_held] → [suspended]* → granted | refused
→ (granted) certificate_issued."""

from typing import Any

RECEIVED = "received"
CORRECTION_PENDING = "correction_pending"
NOT_ACCEPTED = "not_accepted"
ACCEPTED = "accepted"
UNDER_REVIEW = "under_review"
HEARING_REQUESTED = "hearing_requested"
HEARING_HELD = "hearing_held"
SUSPENDED = "suspended"
GRANTED = "granted"
REFUSED = "refused"
CERTIFICATE_ISSUED = "certificate_issued"

ALL = (RECEIVED, CORRECTION_PENDING, NOT_ACCEPTED, ACCEPTED, UNDER_REVIEW, HEARING_REQUESTED,
       HEARING_HELD, SUSPENDED, GRANTED, REFUSED, CERTIFICATE_ISSUED)
# the decision clock of 第四十二条 runs in these states
DECISION_RUNNING = (ACCEPTED, UNDER_REVIEW, HEARING_REQUESTED, HEARING_HELD, SUSPENDED)
CLOCK = (ACCEPTED, UNDER_REVIEW, HEARING_REQUESTED, HEARING_HELD)

ACTIONS: dict[str, tuple[str, ...]] = {
    RECEIVED: ("correction-notice", "accept", "not-accept"),
    CORRECTION_PENDING: ("accept", "not-accept"),
    ACCEPTED: ("review", "hearing", "suspend", "extend", "decide"),
    UNDER_REVIEW: ("review", "hearing-request", "hearing", "suspend", "extend", "decide"),
    HEARING_REQUESTED: ("hearing", "suspend", "extend"),
    HEARING_HELD: ("review", "suspend", "extend", "decide"),
    SUSPENDED: ("resume",),
    GRANTED: ("issue-certificate",),
}

# the article a refused action names, per action
RULES = {
    "correction-notice": "行政许可法第三十二条第一款第四项",
    "accept": "行政许可法第三十二条第一款第五项",
    "not-accept": "行政许可法第三十二条第一款第一项、第二项",
    "review": "行政许可法第三十四条",
    "hearing-request": "行政许可法第四十七条",
    "hearing": "行政许可法第四十六条至第四十八条",
    "suspend": "行政许可法第四十五条",
    "resume": "行政许可法第四十五条",
    "extend": "行政许可法第四十二条第一款",
    "decide": "行政许可法第三十八条、第四十二条",
    "issue-certificate": "行政许可法第四十四条",
}


def allowed_actions(app: Any, matter: Any) -> list[str]:
    acts = list(ACTIONS.get(app.status, ()))
    if "extend" in acts and app.extension:
        acts.remove("extend")
    if "hearing" in acts and app.status in (ACCEPTED, UNDER_REVIEW) and not matter.hearing_required:
        acts.remove("hearing")  # 第四十七条: only on the party's request unless 第四十六条
    hearing = app.hearing or {}
    if "hearing-request" in acts and (hearing.get("requested_on") or hearing.get("held_on")
                                      or matter.hearing_required):
        acts.remove("hearing-request")
    return acts
