"""Issue 16 point 13 (an agency enforcing itself, 行政强制法第四十六条): 催告 only after more than
30 days of 加处罚款 (第四十六条第一款), an agency without 行政强制执行权 may only auction what it
sealed or seized, after the remedy periods (第四十六条第三款); the 强制执行决定 after the 催告
period (第三十七条), never against an accepted 陈述申辩 (第三十六条); 划拨 only where the law
grants it (第四十七条); no execution at night or on a holiday (第四十三条); the proceeds offset
the fine (第四十八条、第四十九条)."""

from __future__ import annotations

from typing import Any

import pytest
from factories import C, World, problem, world
from factories_extra import ON_SITE, SCOPE
from harness import Platform

ART35, ART36, ART37 = "行政强制法第三十五条", "行政强制法第三十六条", "行政强制法第三十七条"
ART43, ART46 = "行政强制法第四十三条", "行政强制法第四十六条第一款"
ART46_2, ART46_3 = "行政强制法第四十六条第二款", "行政强制法第四十六条第三款"
ART47, ART48 = "行政强制法第四十七条", "行政强制法第四十八条"
REFUSED = "self-enforcement-refused"


async def served(w: World, *, seize: bool) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A 1000 元 fine decided and served 2026-03-30 (payment due 2026-04-14), optionally with
    a 扣押 taken during the investigation."""
    case = await w.filed()
    measure = None
    if seize:
        resp = await w.client.post(f"{C}/cases/{case['id']}/coercive-measures",
                                   headers=w.officer_headers(), json={
            "kind": "seize", "items": [{"name": "三轮车", "quantity": "1", "unit": "辆"}],
            "officer_ids": w.officers[:2], "approver_id": w.officers[2],
            "started_on": "2026-03-10", "place": "木耳镇人民路", "on_site": ON_SITE,
            "scope": SCOPE})
        assert resp.status_code == 201, resp.text
        measure = resp.json()
    await w.act(case["id"], "conclude", {"outcome": "penalty", "discretion_tier": "轻微",
                                         "penalties": [{"kind": "fine", "amount": "1000.00"}],
                                         "reasoning": "事实清楚"})
    await w.act(case["id"], "notify", {"served_on": "2026-03-20", "method": "direct"})
    await w.act(case["id"], "decide", {"decided_on": "2026-03-30"})
    await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
    return case, measure


def decision(w: World, on: str, manner: str = "auction", **over: Any) -> dict[str, Any]:
    return {"decided_on": on, "approver_id": w.officers[2], "manner": manner,
            "institution": "重庆市某拍卖有限公司", "reason": "经催告逾期仍不履行", **over}


def execution(at: str, amount: str = "2000.00", **over: Any) -> dict[str, Any]:
    return {"executed_at": at, "recovered": amount, "proceeds_account": "treasury",
            "receipt_number": "渝财缴〔2026〕0001", **over}


class TestSelfEnforcement:
    async def test_seized_property_auctioned_after_the_remedy_periods_art46_3(
            self, zhifa: Platform) -> None:
        w, other = await world(zhifa), await world(zhifa)
        case, measure = await served(w, seize=True)
        assert measure is not None
        url, h = f"{C}/cases/{case['id']}/self-enforcement", w.officer_headers()
        # a township has no 行政强制执行权 (第四十六条第三款: it applies to the court)
        r = await w.client.post(f"{url}/demand", headers=h, json={
            "basis": "own_power", "served_on": "2026-05-20", "perform_by": "2026-05-30"})
        assert problem(r, 409, REFUSED)["rule"] == ART46_3
        # 加处罚款 from 2026-04-15: 30 days by 05-14 — not "超过三十日" (第四十六条第一款)
        r = await w.client.post(f"{url}/demand", headers=h, json={
            "basis": "seized_property", "served_on": "2026-05-14", "perform_by": "2026-05-25"})
        body = problem(r, 409, REFUSED)
        assert (body["rule"], body["surcharge_days"]) == (ART46, 30)
        r = await w.client.post(f"{url}/demand", headers=h, json={
            "basis": "seized_property", "served_on": "2026-05-15", "perform_by": "2026-05-15"})
        assert problem(r, 409, REFUSED)["rule"] == ART35
        r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, "2026-10-09"))
        assert problem(r, 404, "self-enforcement-not-found")["rule"] == ART35
        r = await w.client.post(f"{url}/demand", headers=h, json={
            "basis": "seized_property", "served_on": "2026-05-15", "perform_by": "2026-05-25"})
        assert r.status_code == 201, r.text
        row = r.json()
        # 31 days × 3% of 1000 元 = 930 元 (行政处罚法第七十二条); the 催告 states the amount
        assert (row["surcharge_days"], row["surcharge"], row["demand_amount"]) == (
            31, "930.00", "1930.00")
        assert (row["status"], row["may_decide"]) == ("demanded", False)
        for on, manner, rule in (("2026-05-25", "auction", ART37),
                                 ("2026-10-09", "transfer", ART46_3),
                                 ("2026-09-30", "auction", ART46_3)):  # 复议/诉讼 end 09-30
            r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, on, manner))
            assert problem(r, 409, REFUSED)["rule"] == rule, (on, manner)
        r = await w.client.post(f"{url}/decide", headers=h,
                                json=decision(w, "2026-10-09", approver_id=w.officers[0]))
        assert "第三十七条" in problem(r, 409, "approver-not-head")["rule"]
        r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, "2026-10-09"))
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["measure_ids"]) == ("decided", [measure["id"]])

        # 第四十三条: not on a statutory holiday, not at night, unless urgent (with the reason)
        for at in ("2026-10-01T10:00:00+08:00", "2026-10-12T23:00:00+08:00",
                   "2026-10-12T05:30:00+08:00"):
            r = await w.client.post(f"{url}/execute", headers=h, json=execution(at))
            assert problem(r, 409, REFUSED)["rule"] == ART43, at
        # fine 1000 + 加处罚款 capped at 1000: 2500 is more than is owed
        r = await w.client.post(f"{url}/execute", headers=h,
                                json=execution("2026-10-12T10:00:00+08:00", "2500.00"))
        body = problem(r, 409, REFUSED)
        assert (body["rule"], body["outstanding_fen"]) == (ART48, 200_000)
        r = await w.client.post(f"{url}/execute", headers=h,
                                json=execution("2026-10-12T10:00:00+08:00"))
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["recovered"]) == ("executed", "2000.00")
        got = await w.get(case["id"])
        assert (got["status"], got["paid"]) == ("executed", "2000.00")
        r = await w.client.get(f"{C}/coercive-measures/{measure['id']}", headers=h)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "disposed"
        assert [i["status"] for i in r.json()["items"]] == ["auctioned"]

        async def listed(headers: dict[str, str], status: str) -> list[str]:
            resp = await w.client.get(f"{C}/self-enforcements", headers=headers,
                                      params={"status": status})
            assert resp.status_code == 200, resp.text
            return [i["case_id"] for i in resp.json()["items"]]

        assert await listed(h, "executed") == [case["id"]]
        assert await listed(h, "demanded") == []
        assert await listed(other.officer_headers(), "executed") == []

    async def test_own_power_statement_and_transfer_art36_art47(
            self, zhifa: Platform, monkeypatch: pytest.MonkeyPatch) -> None:
        w = await world(zhifa)
        settings = zhifa.apps["cases"].state.settings
        monkeypatch.setitem(settings.self_enforcement_powers, w.agency_id, ["auction"])
        case, _ = await served(w, seize=False)
        url, h = f"{C}/cases/{case['id']}/self-enforcement", w.officer_headers()
        r = await w.client.post(f"{url}/demand", headers=h, json={
            "basis": "own_power", "served_on": "2026-05-15", "perform_by": "2026-05-25"})
        assert r.status_code == 201, r.text
        # the power to enforce does not need the remedy periods to end (第四十六条第一款)
        r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, "2026-05-26",
                                                                          "transfer"))
        assert problem(r, 409, REFUSED)["rule"] == ART47
        r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, "2026-05-26"))
        assert problem(r, 409, REFUSED)["rule"] == ART46_2  # nothing sealed or seized first
        r = await w.client.post(f"{url}/statement", headers=h, json={
            "received_on": "2026-05-14", "text": "已缴纳", "review": "复核属实",
            "accepted": True})
        assert problem(r, 409, REFUSED)["rule"] == ART36
        r = await w.client.post(f"{url}/statement", headers=h, json={
            "received_on": "2026-05-18", "text": "已通过银行缴纳罚款",
            "review": "经复核，缴款凭证属实", "accepted": True})
        assert r.status_code == 200, r.text
        assert r.json()["statement"]["accepted"] is True
        r = await w.client.post(f"{url}/decide", headers=h, json=decision(w, "2026-05-26"))
        assert problem(r, 409, REFUSED)["rule"] == ART36
        r = await w.client.post(f"{url}/execute", headers=h,
                                json=execution("2026-05-27T10:00:00+08:00"))
        assert problem(r, 409, REFUSED)["rule"] == ART37
