"""The ordinary procedure end to end (行政处罚法第五章), through the gateway with the real
personnel, review and publicity services."""

from __future__ import annotations

from factories import C, World, world
from harness import Platform
from sqlalchemy import select

from services.cases.models import Case


class TestWholeLifecycle:
    async def test_case_walks_every_stage_to_archive(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(party={"kind": "person", "name": "李四",
                                   "id_number": "11010519491231002X", "address": "人民路2号"})
        cid = case["id"]
        assert case["status"] == "lead" and case["allowed_actions"] == ["file", "decline"]
        assert case["party"]["id_number"] == "110105********002X"

        filed = await w.act(cid, "file", {"officer_ids": w.officers[:2],
                                          "approver_id": w.officers[2],
                                          "filed_on": "2026-03-03"})
        assert filed["status"] == "investigating"
        assert filed["number"] == "木耳综执罚立〔2026〕1号"
        # the list row (read as columns, not the whole case) says what the case read says
        listed = await zhifa.client.get(f"{C}/cases", headers=w.officer_headers())
        assert listed.status_code == 200, listed.text
        [row] = listed.json()["items"]
        assert row == {k: filed[k] for k in row}
        assert set(row) == {"id", "number", "status", "version", "agency_id", "region_code",
                            "matter", "party", "procedure", "kind", "source", "discovered_on",
                            "filed_on", "decided_on", "next_due_on", "officer_ids",
                            "created_at"}
        assert row["party"]["id_number"] == "110105********002X"
        # evidence with a server-side hash, and an inquiry record, each by two officers
        resp = await zhifa.client.post(
            f"{C}/cases/{cid}/evidence", headers=w.officer_headers(),
            files={"file": ("photo.jpg", b"\xff\xd8\xffphoto-bytes", "image/jpeg")},
            data={"kind": "audiovisual", "description": "现场照片",
                  "officer_ids": w.officers[:2]})
        assert resp.status_code == 201, resp.text
        import hashlib
        assert resp.json()["sha256"] == hashlib.sha256(b"\xff\xd8\xffphoto-bytes").hexdigest()
        assert resp.json()["size"] == len(b"\xff\xd8\xffphoto-bytes")
        rec = await w.act(cid, "records", {
            "kind": "inquiry", "officer_ids": w.officers[:2],
            "started_at": "2026-03-04T02:00:00Z", "ended_at": "2026-03-04T02:30:00Z",
            "place": "木耳镇执法大队询问室", "interviewee": "李四", "content": "问：……答：……"},
            expect=201)
        assert rec["kind"] == "inquiry"

        # 20,000 元 for a person: hearing right (≥5,000 default) and 法制审核 (review catalogue)
        out = await w.act(cid, "conclude", {
            "outcome": "penalty", "penalties": [{"kind": "fine", "amount": "20000.00"}],
            "discretion_tier": "一般", "reasoning": "占道经营，情节一般"})
        assert out["legal_review"]["required"] is True and out["legal_review"]["reasons"]
        assert out["hearing_eligible"] is True
        notified = await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
        assert notified["status"] == "notified"
        assert notified["notice"]["statement_due_on"] == "2026-03-27"
        assert notified["notice"]["hearing_due_on"] == "2026-03-27"
        await w.act(cid, "hearing-request", {"requested_on": "2026-03-23"})
        await w.act(cid, "statements", {"content": "经营困难，请求从轻", "adopted": False,
                                        "recheck_result": "理由不成立"})
        heard = await w.act(cid, "hearing", {
            "host_id": w.officers[2], "notice_served_on": "2026-03-24",
            "held_on": "2026-04-03", "outcome": "held", "record": "听证笔录……"})
        assert heard["legal_review"]["status"] == "pending"
        assert heard["legal_review"]["round"] == 2
        await w.approve_review(cid)
        approved = await w.get(cid)
        assert approved["legal_review"]["status"] == "approved"

        decided = await w.act(cid, "decide", {"decided_on": "2026-04-10",
                                              "penalties": [{"kind": "fine",
                                                             "amount": "20000.00"}]})
        assert decided["status"] == "decided"
        assert decided["decision_number"] == "木耳综执罚决〔2026〕1号"
        assert decided["decision"]["remedies"] and decided["decision"]["payment"]
        served = await w.act(cid, "serve", {"method": "direct", "served_on": "2026-04-11"})
        assert [d["name"] for d in served["deadlines"]] == ["罚款缴纳期限"]
        assert served["deadlines"][0]["due_on"] == "2026-04-27"  # 4-26 is a Sunday → rolled
        # paid 2 days late: 3% × 2 days of 20,000 = 1,200 元 surcharge (Art.72)
        resp = await zhifa.client.post(f"{C}/cases/{cid}/payments", headers=w.officer_headers(),
                                       json={"amount": "21200.00", "paid_on": "2026-04-29"})
        assert resp.status_code == 201, resp.text
        assert resp.json()["surcharge_due"] == "1200.00"
        assert resp.json()["status"] == "executed"
        closed = await w.act(cid, "close", {"closed_on": "2026-05-01"})
        assert closed["status"] == "closed"
        archived = await w.act(cid, "archive")
        assert archived["status"] == "archived" and archived["allowed_actions"] == []

        resp = await zhifa.client.get(f"{C}/cases/{cid}/timeline/verify",
                                      headers=w.officer_headers())
        assert resp.json()["valid"] is True and resp.json()["entries"] == 15
        await zhifa.drain()
        async with zhifa.session("cases") as s:
            row = await s.scalar(select(Case).where(Case.id == __import__("uuid").UUID(cid)))
            assert row is not None and row.status == "archived"

    async def test_walk_without_hearing_and_review(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.notified("1000.00")
        cid = case["id"]
        await w.act(cid, "statements", {"waived": True})
        decided = await w.act(cid, "decide", {"decided_on": "2026-03-21"})
        assert decided["fine"] == "1000.00" and decided["legal_review"]["required"] is False
        await w.act(cid, "serve", {"method": "post", "served_on": "2026-03-23"})
        await w.act(cid, "payments", {"amount": "1000.00", "paid_on": "2026-03-30"},
                    expect=201)
        await w.act(cid, "close")
        assert (await w.act(cid, "archive"))["status"] == "archived"


class TestDecisionEvents:
    async def test_decided_reaches_publicity_and_revocation_follows(self,
                                                                    zhifa: Platform) -> None:
        w: World = await world(zhifa)
        case = await w.decided()
        cid = case["id"]
        async with zhifa.session("cases") as s:
            from services.cases.models import platform
            rows = (await s.scalars(select(platform.Outbox).where(
                platform.Outbox.aggregate_id == cid))).all()
            types = {r.event_type for r in rows}
            decided = next(r for r in rows if r.event_type == "case.decided").payload
        assert {"case.status_changed", "case.decided"} <= types
        assert decided["fine_fen"] == 100000 and decided["party"]["name"] == "张三"
        assert decided["deciding_agency"]["name"] == w.agency["name"]
        assert decided["matter"]["code"] == w.matter["code"]
        revoked = await w.act(cid, "revoke-decision", {"reason": "复议机关撤销"})
        assert revoked["status"] == "revoked"
        assert revoked["deadlines"][0]["basis"] == "行政处罚法第四十八条第二款"
        async with zhifa.session("cases") as s:
            from services.cases.models import platform
            row = await s.scalar(select(platform.Outbox).where(
                platform.Outbox.event_type == "case.decision_revoked"))
            assert row is not None and row.payload["reason"] == "复议机关撤销"
        await zhifa.drain()
