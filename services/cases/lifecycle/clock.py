"""Periods excluded from the 90-day decision clock (办案期限扣除).

行政处罚法第六十条 sets 90 days from 立案 "unless laws, regulations or rules provide otherwise";
which periods do not count is sector law [S] — the default list follows 市场监督管理行政处罚程序
规定第六十四条: 中止, 听证 (recorded automatically by `/hearing-request` and `/hearing`), 公告,
检测/检验/检疫/鉴定, 权利人辨认或者鉴别, 责令退还多收价款. Each period is started and ended
explicitly; while it runs the decision deadline moves day for day."""

from __future__ import annotations

from datetime import date

from services.cases.context import Ctx
from services.cases.errors import ActionNotAllowed
from services.cases.lifecycle import states as st
from services.cases.lifecycle.schemas import ClockPause
from services.cases.lifecycle.service import record, require_action
from services.cases.models import Case

BASIS = "行政处罚法第六十条；市场监督管理行政处罚程序规定第六十四条"
# the public label of each `PauseReason` (services.cases.lifecycle.schemas)
LABELS: dict[str, str] = {
    "suspension": "案件中止", "appraisal": "检测、检验、检疫、鉴定", "announcement": "公告",
    "rights_holder_identification": "权利人辨认或者鉴别", "refund_order": "责令退还多收价款"}


def _refuse(case: Case, detail: str) -> None:
    raise ActionNotAllowed(detail, rule=BASIS, case_status=case.status,
                           allowed_actions=st.allowed_actions(case))


async def pause_clock(ctx: Ctx, case: Case, body: ClockPause) -> Case:
    require_action(case, "clock-pause")
    label = LABELS[body.reason]
    pauses = list((case.clock or {}).get("pauses", []))
    running = [i for i, p in enumerate(pauses) if p.get("kind") == body.reason and not p["to"]]
    if body.action == "start":
        if running:
            _refuse(case, f"{label}期间已在扣除中，须先结束")
        if case.filed_on and body.on < case.filed_on:
            _refuse(case, "扣除期间不得早于立案日期")
        pauses.append({"from": body.on.isoformat(), "to": None, "reason": label,
                       "kind": body.reason, "note": body.note})
    else:
        if not running:
            _refuse(case, f"没有正在扣除的{label}期间")
        current = pauses[running[0]]
        if body.on < date.fromisoformat(current["from"]):
            _refuse(case, "结束日期不得早于开始日期")
        pauses[running[0]] = {**current, "to": body.on.isoformat()}
    case.clock = {**(case.clock or {}), "pauses": pauses}
    await record(ctx, case, "clock_pause", [], {"action": body.action, "reason": label,
                                               "on": body.on.isoformat(), "note": body.note})
    return case
