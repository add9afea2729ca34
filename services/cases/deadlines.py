"""Every statutory deadline of a case, with the right unit (行政处罚法第八十五条: the law's
2/3/5/7-day periods are working days; 15 and 90 days and years are calendar days), through the
kit calendar. `case_deadlines` feeds `GET .../cases/{id}`; `next_due_on` (the earliest open
obligation of the agency or the party's payment) is stored on the case for `?overdue=true`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from common.calendar import Deadline, WorkingCalendar, today_legal
from services.cases.lifecycle import states as st

DECISION_DAYS = 90          # 行政处罚法第六十条 (calendar days)
PAYMENT_DAYS = 15           # 行政处罚法第六十七条第三款 (calendar days)
ABSENT_SERVICE_DAYS = 7     # 行政处罚法第六十一条 (working days)
HEARING_REQUEST_DAYS = 5    # 行政处罚法第六十四条第一项 (working days)
HEARING_NOTICE_DAYS = 7     # 行政处罚法第六十四条第二项 (working days)
WITHDRAW_DAYS = 3           # 行政处罚法第四十八条第二款 (working days)


def limitation_years(case: Any) -> int:
    """追诉时效 (行政处罚法第三十六条): 5 years when the case records harm to 公民生命健康安全 or
    金融安全, else 2 — the matter's flag alone does not lengthen it."""
    return 5 if getattr(case, "harm_kind", None) else 2


def limitation_end(act_date: date, act_end_date: date | None, years: int) -> date:
    """追诉时效 end (行政处罚法第三十六条): from the act, or from its end for continuing acts."""
    start = act_end_date or act_date
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def paused_days(periods: list[dict[str, Any]], until: date) -> int:
    """Calendar days inside [from, to) pause periods (open periods run to `until`)."""
    spans = sorted((date.fromisoformat(p["from"]),
                    min(date.fromisoformat(p["to"]) if p.get("to") else until, until))
                   for p in periods)
    total, reach = 0, None
    for start, end in spans:  # overlapping periods (hearing during an appraisal) count once
        if reach is not None:
            start = max(start, reach)
        total += max(0, (end - start).days)
        reach = end if reach is None else max(reach, end)
    return total


def decision_deadline(case: Any, cal: WorkingCalendar) -> Deadline | None:
    """90 days from 立案 (Art.60) plus approved extensions plus paused days (hearing etc.)."""
    if case.filed_on is None:
        return None
    clock = case.clock or {}
    extra = sum(int(e["days"]) for e in clock.get("extensions", []))
    extra += paused_days(clock.get("pauses", []), today_legal())
    base = cal.add_days(case.filed_on, DECISION_DAYS + extra, "calendar",
                        basis="行政处罚法第六十条")
    return base


def payment_due(case: Any, cal: WorkingCalendar) -> Deadline | None:
    if case.served_on is None or case.fine_fen == 0:
        return None
    arrangement = case.payment_arrangement or {}
    if arrangement.get("until"):
        return Deadline(date.fromisoformat(arrangement["until"]), False,
                        "行政处罚法第六十六条")
    return cal.add_days(case.served_on, PAYMENT_DAYS, "calendar", basis="行政处罚法第六十七条")


def _entry(name: str, d: Deadline, today: date, tracked: bool) -> dict[str, Any]:
    return {"name": name, "due_on": d.due_on, "basis": d.basis, "provisional": d.provisional,
            "overdue": tracked and d.due_on < today, "tracked": tracked}


def case_deadlines(case: Any, cal: WorkingCalendar, today: date,
                   lead_check_days: int = 15) -> list[dict[str, Any]]:
    """`[{name, due_on, basis, provisional, overdue, tracked}]`; `tracked` deadlines are the
    ones that make a case overdue (party windows are shown but never overdue)."""
    out: list[dict[str, Any]] = []
    s = case.status
    years = limitation_years(case)
    if s == st.LEAD:
        out.append(_entry("立案审查期限", cal.add_days(
            case.discovered_on, lead_check_days, "working",
            basis="市场监督管理行政处罚程序规定第十八条（可配置）"), today, True))
        end = limitation_end(case.act_date, case.act_end_date, years)
        out.append(_entry("追诉时效届满", Deadline(end, False, "行政处罚法第三十六条"), today,
                          False))
    if s in st.BEFORE_DECISION and (d := decision_deadline(case, cal)):
        out.append(_entry("作出处罚决定期限", d, today, True))
    notice = case.notice or {}
    if s in (st.NOTIFIED, st.HEARING_REQUESTED) and notice.get("statement_due_on"):
        due = date.fromisoformat(notice["statement_due_on"])
        prov = bool(notice.get("statement_due_provisional"))
        out.append(_entry("陈述申辩期限", Deadline(due, prov, "行政处罚法第四十四条、第四十五条"),
                          today, False))
        if notice.get("hearing_due_on"):
            due = date.fromisoformat(notice["hearing_due_on"])
            out.append(_entry("听证申请期限", Deadline(
                due, bool(notice.get("hearing_due_provisional")), "行政处罚法第六十四条"),
                today, False))
    if s == st.DECIDED and case.decided_on:
        out.append(_entry("决定书送达期限", cal.add_days(
            case.decided_on, ABSENT_SERVICE_DAYS, "working", basis="行政处罚法第六十一条"),
            today, True))
    if s == st.SERVED and (d := payment_due(case, cal)):
        out.append(_entry("罚款缴纳期限", d, today, True))
    if s == st.REVOKED and case.revoked_on:
        out.append(_entry("公示撤回期限", cal.add_days(
            case.revoked_on, WITHDRAW_DAYS, "working", basis="行政处罚法第四十八条第二款"),
            today, False))
    return out


def next_due_on(case: Any, cal: WorkingCalendar, lead_check_days: int = 15) -> date | None:
    tracked = [d["due_on"] for d in case_deadlines(case, cal, today_legal(), lead_check_days)
               if d["tracked"]]
    return min(tracked) if tracked else None


def surcharge_fen(fine_fen: int, due_on: date, on: date,
                  pauses: list[dict[str, Any]]) -> int:
    """加处罚款 (行政处罚法第七十二条): 3% of the fine per day overdue, never more than the
    fine; days while 复议/诉讼 is pending do not count (第七十三条)."""
    if on <= due_on:
        return 0
    days = (on - due_on).days
    for p in pauses:
        start = max(date.fromisoformat(p["from"]), due_on + timedelta(days=1))
        end = min(date.fromisoformat(p["to"]) if p.get("to") else on + timedelta(days=1),
                  on + timedelta(days=1))
        days -= max(0, (end - start).days)
    days = max(0, days)
    return min(fine_fen, fine_fen * 3 * days // 100)
