"""Every refusal of the ordinary procedure answers a 409 (or 422) problem naming the rule."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from factories import C, World, problem, world
from harness import Databases, Platform, platform


class TestFileRefusals:
    async def test_fewer_than_two_qualified_officers(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        wrong_domain = await w.create_officer(domain="market_regulation")
        case = await w.lead()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/file",
                                       headers=w.officer_headers(),
                                       json={"officer_ids": [w.officers[0], wrong_domain],
                                             "approver_id": w.officers[2],
                                             "filed_on": "2026-03-03"})
        body = problem(resp, 409, "officers-not-qualified")
        assert body["rule"] == "行政处罚法第四十二条"
        bad = next(o for o in body["officers"] if o["officer_id"] == wrong_domain)
        assert bad["qualified"] is False and bad["reasons"]
        assert (await w.get(case["id"]))["status"] == "lead"

    async def test_a_single_officer_is_refused(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/file",
                                       headers=w.officer_headers(),
                                       json={"officer_ids": [w.officers[0]],
                                             "approver_id": w.officers[2]})
        refusal = problem(resp, 409, "officers-not-qualified")
        assert refusal["rule"] == "行政处罚法第四十二条"

    async def test_expired_certificate(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        expired = await w.create_officer(issued_on="2020-01-01", expires_on="2025-12-31")
        case = await w.lead()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/file",
                                       headers=w.officer_headers(),
                                       json={"officer_ids": [w.officers[0], expired],
                                             "approver_id": w.officers[2],
                                             "filed_on": "2026-03-03"})
        body = problem(resp, 409, "officers-not-qualified")
        assert body["rule"] == "行政处罚法第四十二条"
        bad = next(o for o in body["officers"] if o["officer_id"] == expired)
        assert bad["qualified"] is False and bad["reasons"]

    async def test_limitation_period_run_out(self, zhifa: Platform) -> None:
        """行政处罚法第三十六条: undiscovered for two years → no penalty."""
        w = await world(zhifa)
        case = await w.lead(act_date="2023-01-10", discovered_on="2026-03-02")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/file",
                                       headers=w.officer_headers(),
                                       json={"officer_ids": w.officers[:2],
                                             "approver_id": w.officers[2],
                                             "filed_on": "2026-03-03"})
        body = problem(resp, 409, "limitation-expired")
        assert body["rule"] == "行政处罚法第三十六条" and body["expired_on"] == "2025-01-10"

    async def test_five_years_only_when_the_case_records_harm(self, zhifa: Platform) -> None:
        """第三十六条: 5 years when 生命健康安全/金融安全 harm is recorded on the case; the
        matter's flag alone does not lengthen the period (issue 16 point 14)."""
        w = await world(zhifa, life_health_or_financial=True)
        body = {"officer_ids": w.officers[:2], "approver_id": w.officers[2],
                "filed_on": "2026-03-03"}
        flagged_only = await w.lead(act_date="2023-01-10", discovered_on="2026-03-02")
        resp = await zhifa.client.post(f"{C}/cases/{flagged_only['id']}/file",
                                       headers=w.officer_headers(), json=body)
        refused = problem(resp, 409, "limitation-expired")
        assert (refused["rule"], refused["limitation_years"]) == ("行政处罚法第三十六条", 2)
        case = await w.lead(act_date="2023-01-10", discovered_on="2026-03-02",
                            harm_kind="life_health")
        filed = await w.act(case["id"], "file", body)
        assert (filed["status"], filed["limitation_years"]) == ("investigating", 5)

    async def test_summary_procedure_checks_limitation(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/summary-decisions", headers=w.officer_headers(),
                                       json={"matter_id": w.matter["id"],
                                             "party": w.lead_body()["party"],
                                             "penalty": {"kind": "warning"},
                                             "officer_ids": w.officers[:2], "facts": "占道摆摊",
                                             "place": "木耳镇人民路", "act_date": "2024-03-01",
                                             "decided_at": "2026-11-20T02:00:00Z"})
        body = problem(resp, 409, "limitation-expired")
        assert (body["rule"], body["expired_on"]) == ("行政处罚法第三十六条", "2026-03-01")

    async def test_continuing_act_counts_from_its_end(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(act_date="2023-01-10", act_end_date="2025-06-01",
                            discovered_on="2026-03-02")
        filed = await w.act(case["id"], "file", {"officer_ids": w.officers[:2],
                                                 "approver_id": w.officers[2],
                                                 "filed_on": "2026-03-03"})
        assert filed["status"] == "investigating"

    async def test_matter_of_another_agency(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        other = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/cases", headers=w.officer_headers(),
                                       json=w.lead_body(matter_id=other.matter["id"]))
        body = problem(resp, 409, "matter-not-held")
        assert "第二十四条" in body["rule"]


class TestDecideRefusals:
    async def test_statement_window_open(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("1000.00", served_on="2026-03-20")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-27"})
        body = problem(resp, 409, "statement-window-open")
        assert body["rule"] == "行政处罚法第六十二条" and body["due_on"] == "2026-03-27"

    async def test_hearing_window_open(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00", served_on="2026-03-20")
        await w.act(case["id"], "statements", {"waived": True})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-23"})
        body = problem(resp, 409, "statement-window-open")
        assert "第六十四条" in body["rule"]

    async def test_review_not_approved(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("20000.00")
        await w.act(case["id"], "statements", {"waived": True, "waive_hearing": True})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-30"})
        body = problem(resp, 409, "legal-review-not-approved")
        assert body["rule"] == "行政处罚法第五十八条"
        assert body["legal_review_status"] == "pending"

    async def test_review_rejected(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("20000.00")
        await w.act(case["id"], "statements", {"waived": True, "waive_hearing": True})
        await w.approve_review(case["id"], outcome="rejected")
        assert (await w.get(case["id"]))["legal_review"]["status"] == "rejected"
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-30"})
        refusal = problem(resp, 409, "legal-review-not-approved")
        assert refusal["rule"] == "行政处罚法第五十八条"

    async def test_heavier_penalty_after_defence(self, zhifa: Platform) -> None:
        """行政处罚法第四十五条第二款: no heavier penalty because the party defended itself."""
        w = await world(zhifa)
        case = await w.notified("1000.00")
        await w.act(case["id"], "statements", {"content": "我不服"})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-30", "penalties": [
                                           {"kind": "fine", "amount": "1500.00"}]})
        body = problem(resp, 409, "penalty-increased")
        assert body["rule"] == "行政处罚法第四十五条第二款"

    async def test_added_penalty_kind_is_heavier(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("1000.00")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-30", "penalties": [
                                           {"kind": "fine", "amount": "1000.00"},
                                           {"kind": "confiscation", "amount": "10.00"}]})
        refusal = problem(resp, 409, "penalty-increased")
        assert refusal["rule"] == "行政处罚法第四十五条第二款"

    async def test_lighter_penalty_is_allowed(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("1000.00")
        out = await w.act(case["id"], "decide", {"decided_on": "2026-03-30", "penalties": [
            {"kind": "fine", "amount": "800.00"}]})
        assert out["fine"] == "800.00"

    async def test_decide_before_notice(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.concluded("1000.00")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decide",
                                       headers=w.officer_headers(),
                                       json={"decided_on": "2026-03-30"})
        body = problem(resp, 409, "action-not-allowed")
        assert body["rule"] == "行政处罚法第五章普通程序的法定顺序"
        assert "notify" in body["allowed_actions"]


class TestOtherRefusals:
    async def test_archived_case_cannot_change(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        await w.act(case["id"], "decline", {"reason": "不属于本机关管辖"})
        await w.act(case["id"], "archive")
        for action, body in (("close", {}), ("statements", {"waived": True}),
                             ("archive", {})):
            resp = await zhifa.client.post(f"{C}/cases/{case['id']}/{action}",
                                           headers=w.officer_headers(), json=body)
            refusal = problem(resp, 409, "case-archived")
            assert refusal["rule"] == "案卷归档后只读"

    async def test_archived_case_rejects_evidence(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        await w.act(case["id"], "decline", {"reason": "不属于本机关管辖"})
        await w.act(case["id"], "archive")
        resp = await zhifa.client.post(
            f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
            files={"file": ("a.txt", b"x", "text/plain")},
            data={"kind": "documentary", "officer_ids": w.officers[:2]})
        refusal = problem(resp, 409, "case-archived")
        assert refusal["rule"] == "案卷归档后只读"

    async def test_fine_outside_tier_needs_reason(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/conclude",
                                       headers=w.officer_headers(), json={
                                           "outcome": "penalty", "discretion_tier": "轻微",
                                           "penalties": [{"kind": "fine", "amount": "5000.00"}]})
        body = problem(resp, 422, "fine-outside-tier")
        assert body["rule"] == "行政处罚法第三十四条"
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "轻微",
            "outside_discretion_reason": "多次违法、拒不改正",
            "penalties": [{"kind": "fine", "amount": "5000.00"}]})
        assert out["hearing_eligible"] is True

    async def test_hearing_host_is_investigator(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00")
        await w.act(case["id"], "hearing-request", {"requested_on": "2026-03-23"})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/hearing",
                                       headers=w.officer_headers(), json={
                                           "host_id": w.officers[0],
                                           "notice_served_on": "2026-03-24",
                                           "held_on": "2026-04-10", "record": "笔录"})
        body = problem(resp, 409, "hearing-not-allowed")
        assert body["rule"] == "行政处罚法第六十四条第四项"

    async def test_hearing_notice_under_seven_working_days(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00")
        await w.act(case["id"], "hearing-request", {"requested_on": "2026-03-23"})
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/hearing",
                                       headers=w.officer_headers(), json={
                                           "host_id": w.officers[2],
                                           "notice_served_on": "2026-03-24",
                                           "held_on": "2026-04-01", "record": "笔录"})
        body = problem(resp, 409, "hearing-not-allowed")
        assert body["rule"] == "行政处罚法第六十四条第二项"
        assert body["earliest_on"] == "2026-04-02"

    async def test_hearing_no_show_counts_as_waiver(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00")
        await w.act(case["id"], "statements", {"waived": True})
        await w.act(case["id"], "hearing-request", {"requested_on": "2026-03-23"})
        out = await w.act(case["id"], "hearing", {"host_id": w.officers[2],
                                                  "notice_served_on": "2026-03-24",
                                                  "held_on": "2026-04-03",
                                                  "outcome": "no_show"})
        assert out["notice"]["hearing_waived"] is True
        assert out["legal_review"]["required"] is False
        decided = await w.act(case["id"], "decide", {"decided_on": "2026-04-07"})
        assert decided["status"] == "decided"

    async def test_late_hearing_request(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("8000.00", served_on="2026-03-20")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/hearing-request",
                                       headers=w.officer_headers(),
                                       json={"requested_on": "2026-03-30"})
        refusal = problem(resp, 409, "hearing-not-allowed")
        assert refusal["rule"] == "行政处罚法第六十四条第一项"

    async def test_electronic_service_without_consent(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.decided()
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/serve",
                                       headers=w.officer_headers(),
                                       json={"method": "electronic", "served_on": "2026-04-01"})
        body = problem(resp, 409, "action-not-allowed")
        assert body["rule"] == "行政处罚法第六十一条第二款"


@pytest.fixture
async def no_review(databases: Databases, tmp_path: Path,
                    keys_dir: Path) -> AsyncIterator[Platform]:
    """The platform with cases pointing at an unreachable review service."""
    overrides = {"cases": {"upstreams": {"personnel": "asgi://personnel",
                                         "review": "http://127.0.0.1:9",
                                         "publicity": "asgi://publicity"},
                           "http_timeout_seconds": 2}}
    async with platform(databases, tmp_path, keys_dir, overrides) as p:
        yield p


class TestReviewUnreachable:
    async def test_conclude_fails_closed(self, no_review: Platform) -> None:
        w: World = await world(no_review)
        case = await w.filed()
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "轻微",
            "penalties": [{"kind": "warning", "amount": "0.00"}]})
        assert out["legal_review"]["required"] is True
        assert out["legal_review"]["reasons"] == ["审核服务不可用，按需审核处理"]


class TestAfterRejectedReview:
    async def test_corrected_proposal_can_be_notified_again(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("20000.00")
        await w.approve_review(case["id"], outcome="needs_correction")
        got = await w.get(case["id"])
        assert "conclude" in got["allowed_actions"] and "decide" in got["allowed_actions"]
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "discretion_tier": "一般",
            "penalties": [{"kind": "fine", "amount": "15000.00"}]})
        assert out["legal_review"]["round"] == 2
        again = await w.act(case["id"], "notify", {"served_on": "2026-04-01",
                                                   "method": "direct"})
        assert again["status"] == "notified"
