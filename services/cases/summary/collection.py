"""当场收缴罚款 (行政处罚法第六十八条–第七十一条), issue 16 point 4 (partly):

- allowed only for a fine of at most 100 元 (第六十八条第一项, `small_fine`, inferred when the
  fine is that small), where collecting later would be hard (第二项, `hard_to_collect`), or in a
  remote, water or hard-to-reach area on the party's request (第六十九条, `remote_area`);
- a 财政统一票据 number is required (第七十条);
- the officer hands the money to the agency within 2 working days (on water: of landing,
  `landed_on`), the agency pays it to the bank within 2 more (第七十一条); both due dates are
  recorded on the decision. Recording the hand-ins and listing overdue ones is not built yet."""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.calendar import WorkingCalendar

SMALL_FINE_FEN = 100_00
HAND_IN_DAYS = BANK_DAYS = 2  # 行政处罚法第七十一条 (working days, 第八十五条)


class Refusal(Exception):
    def __init__(self, detail: str, rule: str) -> None:
        super().__init__(detail)
        self.detail, self.rule = detail, rule


def on_spot(body: Any, decided_on: date, cal: WorkingCalendar) -> dict[str, Any]:
    """The collection record for the decision, or `Refusal` naming the article."""
    amount = body.penalty.amount
    ground = body.collection_ground or ("small_fine" if amount <= SMALL_FINE_FEN else None)
    if ground is None:
        raise Refusal("当场收缴须记明法定情形：一百元以下罚款、事后难以执行，"
                      "或边远、水上、交通不便地区当事人提出", "行政处罚法第六十八条、第六十九条")
    if ground == "small_fine" and amount > SMALL_FINE_FEN:
        raise Refusal("依法给予一百元以下罚款的，方可以此为由当场收缴",
                      "行政处罚法第六十八条第一项")
    if ground == "remote_area" and not body.party_requested:
        raise Refusal("边远、水上、交通不便地区当场收缴须当事人提出", "行政处罚法第六十九条")
    if not body.receipt_number:
        raise Refusal("当场收缴罚款须出具财政部门统一制发的专用票据", "行政处罚法第七十条")
    if body.on_water and body.landed_on is None:
        raise Refusal("在水上当场收缴的罚款，应当自抵岸之日起二日内交至行政机关，"
                      "须填写抵岸日期", "行政处罚法第七十一条")
    start = body.landed_on if body.on_water else decided_on
    hand_in = cal.add_days(start, HAND_IN_DAYS, "working", basis="行政处罚法第七十一条")
    bank = cal.add_days(hand_in.due_on, BANK_DAYS, "working", basis="行政处罚法第七十一条")
    return {"ground": ground, "receipt_number": body.receipt_number,
            "party_requested": body.party_requested, "on_water": body.on_water,
            "hand_in_due_on": hand_in.due_on.isoformat(), "bank_due_on": bank.due_on.isoformat()}
