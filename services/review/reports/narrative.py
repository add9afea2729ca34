"""一、总体情况 from data (年度报告 一、总体情况): sub-heads, each a sentence per figure present.

A sentence is said only when its figures were reported; amounts in the configured style
("1.165 万元"), head counts of training as rounded phrases ("1700 余名", `rounded_phrase`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.review.reports.layout import money_text, number, rounded_phrase

Get = Callable[[str], Any]
SUBHEADS = ("（一）队伍建设", "（二）三项制度", "（三）执法监督", "（四）各项工作数据")


def _n(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def overview(figures: list[dict[str, Any]], *, money_style: str = "wan", round_from: int = 30,
             round_suffix: str = "余") -> list[dict[str, Any]]:
    """[{head, lines: [...]}] for the sub-heads that have data."""
    by_key = {f["key"]: f.get("value") for f in figures}

    def has(*keys: str) -> bool:
        return all(by_key.get(k) is not None for k in keys)

    def v(key: str) -> str:
        return _n(by_key[key])

    def people(key: str) -> str:
        return rounded_phrase(int(by_key[key]), "名", round_from, round_suffix)

    team: list[str] = []
    if has("officers.year_end"):
        line = f"截至年末，持有行政执法证件的执法人员 {v('officers.year_end')} 名"
        if has("officers.added", "officers.removed"):
            line += (f"，本年度新增 {v('officers.added')} 名、"
                     f"减少 {v('officers.removed')} 名")
        team.append(line + "。")
    if has("certificates.issued"):
        team.append(f"本年度新领取行政执法证件 {v('certificates.issued')} 人。")
    if has("training.trained"):
        line = f"组织执法人员培训，参训 {people('training.trained')}"
        if has("training.coverage_rate"):
            line += f"，覆盖率 {v('training.coverage_rate')}%"
        if has("exams.pass_rate"):
            line += f"，考试通过率 {v('exams.pass_rate')}%"
        team.append(line + "。")
    three: list[str] = []
    if has("publicity.decisions_published"):
        three.append(f"公示行政处罚决定 {v('publicity.decisions_published')} 件。")
    if has("legal_review.completed"):
        three.append(f"完成重大执法决定法制审核 {v('legal_review.completed')} 件。")
    watch: list[str] = []
    if has("evaluation.files"):
        watch.append(f"开展行政执法案卷评查 {v('evaluation.files')} 卷。")
    if has("supervision.opinions_issued"):
        watch.append(f"发出行政执法监督意见书 {v('supervision.opinions_issued')} 份。")
    if has("complaints.received"):
        line = f"受理投诉举报 {v('complaints.received')} 件"
        if has("complaints.response_rate"):
            line += f"，回应率 {v('complaints.response_rate')}%"
        if has("complaints.completion_rate"):
            line += f"，办结率 {v('complaints.completion_rate')}%"
        watch.append(line + "。")
    data = _work_data(by_key, has, v, money_style)
    sections = zip(SUBHEADS, (team, three, watch, data), strict=True)
    return [{"head": head, "lines": lines} for head, lines in sections if lines]


def _work_data(by_key: dict[str, Any], has: Callable[..., bool], v: Callable[[str], str],
               money_style: str) -> list[str]:
    out: list[str] = []
    if has("licensing.accepted"):
        line = f"受理行政许可申请 {v('licensing.accepted')} 件"
        if has("licensing.decided"):
            line += f"，作出行政许可决定 {v('licensing.decided')} 件"
        if has("licensing.granted"):
            line += f"（准予许可 {v('licensing.granted')} 件）"
        out.append(line + "。")
    if has("inspections.counted"):
        line = f"开展行政检查 {v('inspections.counted')} 次"
        if has("inspections.enterprise"):
            line += f"，其中涉企行政检查 {v('inspections.enterprise')} 次"
        out.append(line + "。")
    if has("coercion.items.seize"):
        out.append(f"扣押涉案财物 {v('coercion.items.seize')} 件。")
    if has("penalty.decisions.total"):
        parts = [f"{name} {v(key)} 件" for name, key in (
            ("警告", "penalty.decisions.warning"), ("通报批评", "penalty.decisions.criticism"),
            ("罚款", "penalty.decisions.fine")) if has(key) and by_key[key]]
        line = f"作出行政处罚决定 {v('penalty.decisions.total')} 件"
        if parts:
            line += "（" + "、".join(parts) + "）"
        if has("penalty.amount.fine_yuan"):
            total = number(by_key["penalty.amount.fine_yuan"]) + number(
                by_key.get("penalty.amount.confiscation_yuan") or 0)
            line += f"，罚没金额共计 {money_text(total, money_style)}"
        out.append(line + "。")
    return out
