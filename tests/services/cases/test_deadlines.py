"""Statutory deadlines (行政处罚法第八十五条: 5/7-day periods are working days, 15/90 days are
calendar days) through the kit calendar, across the 2026 National Day holiday and its adjusted
Saturday workday, and provisional in 2027 until a 2027 calendar is loaded."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from factories import C, World, world
from harness import Databases, Platform, platform

from common.calendar import WorkingCalendar
from services.cases import deadlines


def named(case: dict, name: str) -> dict:
    return next(d for d in case["deadlines"] if d["name"] == name)


class TestStatementWindow:
    async def test_crosses_national_day_and_adjusted_saturday(self, zhifa: Platform) -> None:
        """Served Tue 2026-09-29: 9-30, 10-8, 10-9, Sat 10-10 (调休上班), 10-12 → 10-12."""
        w = await world(zhifa)
        case = await w.notified(served_on="2026-09-29")
        got = named(await w.get(case["id"]), "陈述申辩期限")
        assert got["due_on"] == "2026-10-12" and got["provisional"] is False
        assert got["overdue"] is False

    async def test_adjusted_sunday_workday_counts(self, zhifa: Platform) -> None:
        """Served Fri 2026-09-18: Sun 9-20 is a workday → 9-20, 21, 22, 23, 24."""
        w = await world(zhifa)
        case = await w.notified(served_on="2026-09-18")
        assert named(await w.get(case["id"]), "陈述申辩期限")["due_on"] == "2026-09-24"

    async def test_hearing_window_is_five_working_days(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00", served_on="2026-09-29")
        got = named(await w.get(case["id"]), "听证申请期限")
        assert got["due_on"] == "2026-10-12" and got["basis"] == "行政处罚法第六十四条"

    async def test_2027_is_provisional_without_calendar(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified(served_on="2026-12-28")
        got = named(await w.get(case["id"]), "陈述申辩期限")
        assert got["provisional"] is True and got["due_on"] == "2027-01-04"


@pytest.fixture
async def with_2027(databases: Databases, tmp_path: Path,
                    keys_dir: Path) -> AsyncIterator[Platform]:
    path = tmp_path / "cal2027.json"
    path.write_text(json.dumps({"years": [2027], "days": {
        "2027-01-01": False, "2027-02-06": True}}), encoding="utf-8")
    async with platform(databases, tmp_path, keys_dir,
                        {"cases": {"calendar_files": [str(path)]}}) as p:
        yield p


class TestWith2027Calendar:
    async def test_2027_deadline_is_final_once_loaded(self, with_2027: Platform) -> None:
        w: World = await world(with_2027)
        case = await w.notified(served_on="2026-12-28")
        got = named(await w.get(case["id"]), "陈述申辩期限")
        assert got["provisional"] is False and got["due_on"] == "2027-01-05"


class TestDecisionDeadline:
    async def test_ninety_calendar_days_and_overdue(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        got = named(await w.get(case["id"]), "作出处罚决定期限")
        assert got["due_on"] == "2026-06-01" and got["basis"] == "行政处罚法第六十条"
        assert got["overdue"] is True

    async def test_approved_extension_moves_it(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        out = await w.act(case["id"], "extend-deadline", {
            "days": 30, "approver_id": w.officers[2], "reason": "案情复杂"})
        assert named(out, "作出处罚决定期限")["due_on"] == "2026-07-01"

    async def test_second_extension_needs_collective_discussion(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        await w.act(case["id"], "extend-deadline", {"days": 30, "approver_id": w.officers[2],
                                                    "reason": "案情复杂"})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/extend-deadline",
                                       headers=w.officer_headers(), json={
                                           "days": 30, "approver_id": w.officers[2],
                                           "reason": "仍需调查"})
        assert resp.status_code == 409
        assert resp.json()["type"].endswith("/action-not-allowed")
        out = await w.act(case["id"], "extend-deadline", {
            "days": 30, "approver_id": w.officers[2], "reason": "仍需调查",
            "collective_discussion": True})
        assert named(out, "作出处罚决定期限")["due_on"] == "2026-07-31"

    async def test_hearing_time_is_not_counted(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00")
        await w.act(case["id"], "hearing-request", {"requested_on": "2026-03-23"})
        out = await w.act(case["id"], "hearing", {
            "host_id": w.officers[2], "notice_served_on": "2026-03-24",
            "held_on": "2026-04-03", "outcome": "no_show"})
        assert named(out, "作出处罚决定期限")["due_on"] == "2026-06-12"  # +11 days paused

    async def test_appraisal_period_is_not_counted(self, zhifa: Platform) -> None:
        """鉴定 time is excluded from the 90 days (第六十条; sector rule [S])."""
        w = await world(zhifa)
        case = await w.filed()
        for action, on in (("start", "2026-03-10"), ("end", "2026-03-20")):
            out = await w.act(case["id"], "clock-pause", {
                "action": action, "reason": "appraisal", "on": on, "note": "鉴定委托书"})
        assert named(out, "作出处罚决定期限")["due_on"] == "2026-06-11"  # +10 days

    async def test_overlapping_appraisal_and_hearing_count_once(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00")
        await w.act(case["id"], "clock-pause", {"action": "start", "reason": "appraisal",
                                                "on": "2026-03-20"})
        await w.act(case["id"], "hearing-request", {"requested_on": "2026-03-23"})
        await w.act(case["id"], "hearing", {
            "host_id": w.officers[2], "notice_served_on": "2026-03-24",
            "held_on": "2026-04-03", "outcome": "no_show"})
        out = await w.act(case["id"], "clock-pause", {"action": "end", "reason": "appraisal",
                                                      "on": "2026-04-05"})
        # the hearing (03-23..04-03) lies inside the appraisal (03-20..04-05): 16 days, not 27
        assert named(out, "作出处罚决定期限")["due_on"] == "2026-06-17"

    async def test_pause_twice_or_end_without_start_is_409(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        url = f"{C}/cases/{case['id']}/clock-pause"
        end = await zhifa.client.post(url, headers=w.officer_headers(), json={
            "action": "end", "reason": "suspension", "on": "2026-03-10"})
        assert end.status_code == 409 and end.json()["type"].endswith("/action-not-allowed")
        assert "第六十条" in end.json()["rule"]
        await w.act(case["id"], "clock-pause", {"action": "start", "reason": "suspension",
                                                "on": "2026-03-10"})
        again = await zhifa.client.post(url, headers=w.officer_headers(), json={
            "action": "start", "reason": "suspension", "on": "2026-03-11"})
        assert again.status_code == 409


class TestOverdueList:
    async def test_only_overdue_cases_are_listed(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        late = await w.filed()
        today = date.today().isoformat()
        await w.lead(act_date=today, discovered_on=today)
        resp = await zhifa.client.get(f"{C}/cases?overdue=true", headers=w.officer_headers())
        assert resp.status_code == 200
        assert [c["id"] for c in resp.json()["items"]] == [late["id"]]
        resp = await zhifa.client.get(f"{C}/cases?overdue=false", headers=w.officer_headers())
        assert late["id"] not in [c["id"] for c in resp.json()["items"]]


class TestPaymentDeadlineAndSurcharge:
    def test_payment_due_rolls_past_national_day(self) -> None:
        cal = WorkingCalendar()

        class Served:
            served_on, fine_fen, payment_arrangement = date(2026, 9, 20), 100_00, None
        d = deadlines.payment_due(Served, cal)
        assert d is not None and d.due_on == date(2026, 10, 8)  # 10-05 is a holiday

    def test_surcharge_three_percent_per_day(self) -> None:
        """行政处罚法第七十二条: 3% of the fine per day."""
        assert deadlines.surcharge_fen(100_000, date(2026, 4, 27), date(2026, 4, 30), []) == 9000

    def test_surcharge_capped_at_the_fine(self) -> None:
        assert deadlines.surcharge_fen(100_000, date(2026, 1, 1), date(2026, 12, 1), []) \
            == 100_000

    def test_surcharge_paused_while_review_pending(self) -> None:
        """行政处罚法第七十三条第三款: not computed while 复议/诉讼 is pending."""
        pauses = [{"from": "2026-04-28", "to": "2026-04-30"}]
        assert deadlines.surcharge_fen(100_000, date(2026, 4, 27), date(2026, 4, 30),
                                       pauses) == 3000

    async def test_remedy_flag_pauses_surcharge(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.decided("1000.00")
        await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-04-01"})
        # due 2026-04-16; 复议 from 04-17 to 04-27 → 10 paused days
        await w.act(case["id"], "remedy", {"pending": True, "on": "2026-04-17"})
        await w.act(case["id"], "remedy", {"pending": False, "on": "2026-04-27"})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/payments",
                                       headers=w.officer_headers(),
                                       json={"amount": "500.00", "paid_on": "2026-04-28"})
        assert resp.status_code == 201
        body = resp.json()
        assert body["surcharge_due"] == "60.00"  # 2 counted days × 3% × 1,000
        assert body["outstanding"] == "560.00" and body["status"] == "served"

    async def test_deferral_moves_the_due_date(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.decided("1000.00")
        await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-04-01"})
        out = await w.act(case["id"], "payment-arrangement", {
            "kind": "deferral", "until": "2026-06-30", "approver_id": w.officers[2]})
        assert named(out, "罚款缴纳期限")["due_on"] == "2026-06-30"
        assert named(out, "罚款缴纳期限")["basis"] == "行政处罚法第六十六条"
