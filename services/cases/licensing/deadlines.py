"""Every agency deadline of a licence application, in working days (行政许可法第八十二条),
through the kit calendar and in the cases deadline shape
`[{name, due_on, basis, provisional, overdue, tracked}]` (`tracked` ones make it overdue)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from common.calendar import Deadline, WorkingCalendar
from services.cases.licensing import states as st

CORRECTION_DAYS = 5          # 第三十二条第一款第四项
DECISION_DAYS = 20           # 第四十二条第一款
EXTENSION_DAYS = 10          # 第四十二条第一款
JOINT_DAYS, JOINT_EXTENSION_DAYS = 45, 15   # 第四十二条第二款
LOWER_TIER_DAYS = 20         # 第四十三条
CERTIFICATE_DAYS = 10        # 第四十四条
HEARING_REQUEST_DAYS = 5     # 第四十七条 (party's window; unit UNVERIFIED, working by default)
HEARING_HOLD_DAYS = 20       # 第四十七条
HEARING_NOTICE_DAYS = 7      # 第四十八条第一款第一项

CORRECTION_RULE = "行政许可法第三十二条第一款第四项"
DECISION_RULE = "行政许可法第四十二条、第四十五条"


def correction_due(cal: WorkingCalendar, received_on: date) -> Deadline:
    return cal.add_days(received_on, CORRECTION_DAYS, "working", basis=CORRECTION_RULE)


def excluded_working_days(cal: WorkingCalendar, suspensions: list[dict[str, Any]],
                          today: date) -> int:
    """Working days inside the `[start, end)` excluded periods (第四十五条); an open period
    runs through `today`; overlapping periods count once."""
    days: set[date] = set()
    for s in suspensions:
        start = date.fromisoformat(s["start"])
        end = date.fromisoformat(s["end"]) if s.get("end") else today + timedelta(days=1)
        day = start
        while day < end:
            if cal.is_workday(day).working:
                days.add(day)
            day += timedelta(days=1)
    return len(days)


def decision_due(app: Any, matter: Any, cal: WorkingCalendar, today: date) -> Deadline | None:
    """20 working days from 受理 (45 for joint handling), +10 (+15) once extended with the
    head's approval, plus the excluded working days (第四十二条、第四十五条)."""
    if app.accepted_on is None:
        return None
    base = JOINT_DAYS if matter.joint_handling else DECISION_DAYS
    if app.extension:
        base += JOINT_EXTENSION_DAYS if matter.joint_handling else EXTENSION_DAYS
    total = base + excluded_working_days(cal, app.suspensions, today)
    return cal.add_days(app.accepted_on, total, "working", basis=DECISION_RULE)


def _entry(name: str, d: Deadline, today: date, tracked: bool) -> dict[str, Any]:
    return {"name": name, "due_on": d.due_on, "basis": d.basis, "provisional": d.provisional,
            "overdue": tracked and d.due_on < today, "tracked": tracked}


def application_deadlines(app: Any, matter: Any, cal: WorkingCalendar,
                          today: date) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    s = app.status
    if s == st.RECEIVED:
        out.append(_entry("补正告知期限", correction_due(cal, app.received_on), today, True))
    if s in st.DECISION_RUNNING and (d := decision_due(app, matter, cal, today)):
        # the clock stands still while an excluded period is open (第四十五条)
        out.append(_entry("作出许可决定期限", d, today, s != st.SUSPENDED))
        if matter.two_tier:
            out.append(_entry("下级机关审查期限", cal.add_days(
                app.accepted_on, LOWER_TIER_DAYS, "working", basis="行政许可法第四十三条"),
                today, False))
    hearing = app.hearing or {}
    if s == st.UNDER_REVIEW and hearing.get("told_on") and not hearing.get("requested_on"):
        out.append(_entry("听证申请期限", cal.add_days(
            date.fromisoformat(hearing["told_on"]), HEARING_REQUEST_DAYS, "working",
            basis="行政许可法第四十七条第一款"), today, False))
    if s == st.HEARING_REQUESTED and hearing.get("requested_on"):
        out.append(_entry("组织听证期限", cal.add_days(
            date.fromisoformat(hearing["requested_on"]), HEARING_HOLD_DAYS, "working",
            basis="行政许可法第四十七条第一款"), today, True))
    if s == st.GRANTED and app.decided_on:
        out.append(_entry("颁发、送达许可证件期限", cal.add_days(
            app.decided_on, CERTIFICATE_DAYS, "working", basis="行政许可法第四十四条"),
            today, True))
    return out


def next_due_on(app: Any, matter: Any, cal: WorkingCalendar, today: date) -> date | None:
    tracked = [d["due_on"] for d in application_deadlines(app, matter, cal, today)
               if d["tracked"]]
    return min(tracked) if tracked else None
