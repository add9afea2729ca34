"""负责人集体讨论 (行政处罚法第五十七条第二款): the record a 情节复杂/重大违法 decision needs —
the date, the participating heads (at least `CasesSettings.collective_discussion_quorum`,
default 3 [S], each a head of the agency per personnel), each one's opinion and the
conclusion; not a free-text string (issue 16 point 7)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.cases.approvals import require_head
from services.cases.errors import CollectiveDiscussionInvalid

RULE = "行政处罚法第五十七条第二款"


async def check_record(ctx: Any, case: Any, record: Any, decided_on: date) -> dict[str, Any]:
    """Validate the record against the law and personnel; returns it for the decision."""
    participants = list(dict.fromkeys(record.participants))
    quorum = ctx.settings.collective_discussion_quorum
    problems = []
    if len(participants) < quorum:
        problems.append(f"参加集体讨论的负责人 {len(participants)} 人，少于 {quorum} 人")
    if record.held_on > decided_on:
        problems.append("集体讨论日期不得晚于决定日期")
    spoke = {o.officer_id for o in record.opinions}
    if missing := [p for p in participants if p not in spoke]:
        problems.append(f"参加人 {missing} 未记录意见")
    if stray := sorted(spoke - set(participants)):
        problems.append(f"发表意见的 {stray} 不是记录的参加人")
    if problems:
        raise CollectiveDiscussionInvalid("；".join(problems), rule=RULE, quorum=quorum)
    for officer_id in participants:
        await require_head(ctx.up, case.agency_id, officer_id, "collective")
    return record.model_dump(mode="json")
