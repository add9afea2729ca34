"""当场收缴罚款 (行政处罚法第六十八条–第七十一条), issue 16 point 4 (partly):

- allowed only for a fine of at most 100 元 (第六十八条第一项, `small_fine`, inferred when the
  fine is that small), where collecting later would be hard (第二项, `hard_to_collect`), or in a
  remote, water or hard-to-reach area on the party's request (第六十九条, `remote_area`);
- a 财政统一票据 number is required (第七十条);
- the officer hands the money to the agency within 2 working days (on water: of landing,
  `landed_on`), the agency pays it to the bank within 2 more (第七十一条); both due dates are
  recorded on the decision and on an `OnSpotCollection` row; the hand-in to the agency and the
  deposit at the bank are recorded on it (a late one is recorded and flagged `late`, the money
  exists whatever the date), the bank date is recomputed from the real hand-in, and the
  overdue list (`list_collections(overdue=True)`) shows either step past its due date."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from common.calendar import WorkingCalendar, today_legal
from services.cases.context import Ctx
from services.cases.summary import schemas
from services.cases.summary.errors import CollectionNotFound, CollectionStepRefused
from services.cases.summary.models import OnSpotCollection, SummaryDecision
from services.cases.summary.repository import SummaryRepository

SMALL_FINE_FEN = 100_00
RULE71 = "行政处罚法第七十一条"
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


def collection_row(decision: SummaryDecision, record: dict[str, Any],
                   landed_on: date | None) -> OnSpotCollection:
    return OnSpotCollection(
        summary_decision_id=decision.id, case_id=decision.case_id,
        agency_id=decision.agency_id, region_code=decision.region_code,
        amount_fen=decision.amount_fen, receipt_number=record["receipt_number"],
        ground=record["ground"], on_water=record["on_water"],
        collected_on=today_legal(decision.decided_at), landed_on=landed_on,
        officer_ids=[o["officer_id"] for o in decision.officers],
        hand_in_due_on=date.fromisoformat(record["hand_in_due_on"]),
        bank_due_on=date.fromisoformat(record["bank_due_on"]), created_by=decision.created_by)


async def load(ctx: Ctx, decision_id: uuid.UUID) -> OnSpotCollection:
    row = await SummaryRepository(ctx.session).collection(decision_id, ctx.principal,
                                                          for_update=True)
    if row is None:
        raise CollectionNotFound("该当场处罚决定没有当场收缴的罚款",
                                 decision_id=str(decision_id))
    return row


async def hand_in(ctx: Ctx, decision_id: uuid.UUID,
                  body: schemas.HandInCreate) -> OnSpotCollection:
    """执法人员将罚款交至行政机关 (第七十一条): the bank date then runs from this day."""
    row = await load(ctx, decision_id)
    if row.handed_in_on is not None:
        raise CollectionStepRefused(f"罚款已于{row.handed_in_on}交至行政机关", rule=RULE71)
    if body.handed_in_on < (row.landed_on or row.collected_on):
        raise CollectionStepRefused("交款日期早于收缴（抵岸）日期", rule=RULE71)
    row.handed_in_on, row.handed_in_by = body.handed_in_on, ctx.principal.subject
    row.received_by = body.received_by
    row.bank_due_on = ctx.calendar.add_days(body.handed_in_on, BANK_DAYS, "working",
                                            basis=RULE71).due_on
    await ctx.session.flush()
    return row


async def deposit(ctx: Ctx, decision_id: uuid.UUID,
                  body: schemas.BankDepositCreate) -> OnSpotCollection:
    """行政机关将罚款缴付指定的银行 (第七十一条), only after the officer handed it in."""
    row = await load(ctx, decision_id)
    if row.handed_in_on is None:
        raise CollectionStepRefused("罚款尚未由执法人员交至行政机关，不能登记缴付银行",
                                    rule=RULE71)
    if row.banked_on is not None:
        raise CollectionStepRefused(f"罚款已于{row.banked_on}缴付银行", rule=RULE71)
    if body.banked_on < row.handed_in_on:
        raise CollectionStepRefused("缴付银行日期早于交至行政机关日期", rule=RULE71)
    row.banked_on, row.bank_receipt_number = body.banked_on, body.bank_receipt_number
    await ctx.session.flush()
    return row


def to_read(row: OnSpotCollection, on: date) -> schemas.CollectionRead:
    hand_late = (row.handed_in_on or on) > row.hand_in_due_on
    bank_late = (row.banked_on or on) > row.bank_due_on
    return schemas.CollectionRead.model_validate(row).model_copy(update={
        "amount": row.amount_fen,
        "hand_in_overdue": row.handed_in_on is None and hand_late,
        "bank_overdue": row.banked_on is None and bank_late,
        "handed_in_late": row.handed_in_on is not None and hand_late,
        "banked_late": row.banked_on is not None and bank_late})


async def list_collections(ctx: Ctx, *, limit: int, cursor: str | None,
                           overdue_on: date | None
                           ) -> tuple[list[OnSpotCollection], str | None]:
    return await SummaryRepository(ctx.session).collections(
        ctx.principal, limit=limit, cursor=cursor, overdue_on=overdue_on)
