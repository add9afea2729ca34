"""结案 rules (issue 16 point 11): a case closes only when its procedure has really ended.

- A decided case closes only after its decision was served (行政处罚法第六十一条), whatever
  the penalty kind — also a 不予行政处罚决定书 or a decision without a fine.
- A case concluded as 涉嫌犯罪 (`transfer_judicial`, 第五十七条第一款第四项) closes only after
  the judicial transfer was completed (the file sent, case status `transferred`); not
  transferring is itself a liability ground (第二十七条、第八十二条)."""

from __future__ import annotations

from typing import Any

from services.cases.lifecycle import states as st

SERVICE_RULE = "行政处罚法第六十一条"
TRANSFER_RULE = "行政处罚法第二十七条、第八十二条"


def close_refusal(case: Any) -> tuple[str, str] | None:
    """(detail, rule) when `case` may not close yet, else None."""
    if case.status == st.DECIDED:
        return "决定书尚未送达当事人，不得结案", SERVICE_RULE
    outcome = (case.conclusion or {}).get("outcome")
    if case.status == st.CONCLUDED and outcome == "transfer_judicial":
        return "调查终结意见为涉嫌犯罪移送司法机关，须完成移送后方可结案", TRANSFER_RULE
    return None
