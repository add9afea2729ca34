"""Event consumers: `review.completed` (法制审核 result) and `personnel.certificate_revoked`
(flag the officer's open cases). Redelivery is a no-op (inbox); a result for an old round is
ignored."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.lifecycle import states as st
from services.cases.repository import CaseRepository
from services.cases.timeline.service import append_system_entry

REVIEW_OUTCOMES = ("approved", "rejected", "needs_correction")


async def on_review_completed(session: AsyncSession, event: dict[str, Any]) -> None:
    p = event["payload"]
    try:
        case_id = uuid.UUID(str(p["case_id"]))
    except (KeyError, ValueError):
        return
    case = await CaseRepository(session).get(case_id)
    if case is None or case.status == st.ARCHIVED or p.get("outcome") not in REVIEW_OUTCOMES:
        return
    if int(p.get("round") or 0) != case.legal_review_round:
        return
    case.legal_review_status = p["outcome"]
    case.legal_review_opinion = p.get("opinion")
    await append_system_entry(session, case, "legal_review_completed", [], {
        "review_id": p.get("review_id"), "round": p.get("round"), "outcome": p["outcome"],
        "opinion": p.get("opinion"), "reviewer_name": p.get("reviewer_name"),
        "completed_at": p.get("completed_at")})


async def on_certificate_revoked(session: AsyncSession, event: dict[str, Any]) -> None:
    p = event["payload"]
    officer = str(p.get("officer_id") or "")
    if not officer:
        return
    cases = await CaseRepository(session).open_cases_of_officer(officer, st.OPEN_STATES)
    flag = {"kind": "certificate_revoked", "officer_id": officer,
            "certificate_number": p.get("number"), "reason": p.get("reason"),
            "revoked_on": p.get("revoked_on"),
            "message": "承办人员执法证已被吊销/注销，须更换执法人员（行政处罚法第四十二条）"}
    for case in cases:
        case.flags = [*case.flags, flag]
        await append_system_entry(session, case, "officer_certificate_revoked", [officer], flag)


HANDLERS = {"review.completed": on_review_completed,
            "personnel.certificate_revoked": on_certificate_revoked}
