"""行政检查 flows through the real API on both databases: item → target → inspection →
approve → notify → start → records/evidence → finish → feedback, and a finding into a case lead
with its evidence; every refusal asserts its problem type and rule."""

from __future__ import annotations

import uuid

from factories import C, problem, world
from harness import Platform
from inspection_factories import Inspections

PII = ("木耳镇人民路8号", "id_number", "phone", "address")


class TestInspectionFlow:
    async def test_item_to_feedback_with_chain_and_public_page(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=3), await x.target()
        keyed = {**w.officer_headers(), "Idempotency-Key": "field-client-0001"}
        i = (await zhifa.client.post(f"{C}/inspections", headers=keyed,
                                     json=x.body(item, target))).json()
        replay = await zhifa.client.post(f"{C}/inspections", headers=keyed,
                                         json=x.body(item, target))
        assert replay.json()["id"] == i["id"] and replay.headers["Idempotent-Replayed"]
        assert i["status"] == "planned" and i["allowed_actions"] == ["approve", "notify"]
        assert i["cap"] == {"count": 0, "limit": 3, "counts_toward_cap": True,
                            "exempt_reason": None, "warning": None}
        assert {o["officer_id"] for o in i["officers"]} == set(w.officers[:2])
        approved = await x.act(i, "approve")
        assert approved["status"] == "approved" and approved["approval"]["backfilled"] is False
        notified = await x.act(i, "notify")
        assert "第 1 次检查（年度上限 3 次）" in notified["notice"]["frequency"]
        assert notified["cap"]["count"] == 1
        assert len(notified["notice"]["discipline"]) == 13
        started = await x.act(i, "start")
        assert started["status"] == "in_progress" and started["attestation"]["version"]
        rec = await zhifa.client.post(f"{C}/inspections/{i['id']}/records",
                                      headers=w.officer_headers(), json={
            "kind": "onsite", "officer_ids": w.officers[:2],
            "started_at": "2026-03-10T01:00:00Z", "ended_at": "2026-03-10T01:30:00Z",
            "place": "店门前", "content": "现场发现货物堆放于人行道"})
        assert rec.status_code == 201, rec.text
        ev = await zhifa.client.post(
            f"{C}/inspections/{i['id']}/evidence", headers=w.officer_headers(),
            data={"kind": "audiovisual", "officer_ids": w.officers[:2]},
            files={"file": ("scene.jpg", b"\xff\xd8jpeg-bytes", "image/jpeg")})
        assert ev.status_code == 201, ev.text
        import hashlib
        assert ev.json()["sha256"] == hashlib.sha256(b"\xff\xd8jpeg-bytes").hexdigest()
        finished = await x.act(i, "finish")
        assert finished["result"] == "rectify"
        assert finished["deadlines"][0]["due_on"] == "2026-03-20"
        closed = await x.act(i, "feedback")
        assert closed["status"] == "closed" and closed["allowed_actions"] == ["lead"]
        verify = (await zhifa.client.get(f"{C}/inspections/{i['id']}/timeline/verify",
                                         headers=w.officer_headers())).json()
        assert verify == {"valid": True, "entries": 8, "first_invalid": None}
        actions = [e["action"] for e in (await zhifa.client.get(
            f"{C}/inspections/{i['id']}/timeline", headers=w.officer_headers())).json()]
        assert actions == ["register", "approve", "notify", "start", "record", "evidence",
                           "finish", "feedback"]
        public = await zhifa.client.get(f"{C}/inspections/by-code/{i['public_code']}")
        assert public.status_code == 200, public.text
        assert public.json()["approval_present"] is True
        assert all(p not in public.text for p in PII)
        assert public.json()["officers"][0]["certificate_numbers"]
        from sqlalchemy import update

        from services.cases.inspections.models import InspectionRecordEntry
        async with zhifa.session("cases") as session:  # tampering breaks the chain at seq 2
            await session.execute(update(InspectionRecordEntry).where(
                InspectionRecordEntry.inspection_id == uuid.UUID(i["id"]),
                InspectionRecordEntry.seq == 2).values(actor="someone-else"))
            await session.commit()
        verify = (await zhifa.client.get(f"{C}/inspections/{i['id']}/timeline/verify",
                                         headers=w.officer_headers())).json()
        assert verify["valid"] is False and verify["first_invalid"] == 2

    async def test_finding_becomes_a_case_lead_once(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        target = await x.target()
        i = await x.create(await x.item(), target)
        await x.walk(i, "start")
        ev = await zhifa.client.post(
            f"{C}/inspections/{i['id']}/evidence", headers=w.officer_headers(),
            data={"kind": "documentary", "officer_ids": w.officers[:2]},
            files={"file": ("note.txt", b"record", "text/plain")})
        assert ev.status_code == 201, ev.text
        await x.act(i, "finish", {"result": "case", "findings": "无照经营且拒不改正",
                                  "ended_at": "2026-03-10T02:00:00Z"})
        first = await zhifa.client.post(f"{C}/inspections/{i['id']}/lead",
                                        headers=w.officer_headers(),
                                        json={"matter_id": w.matter["id"]})
        assert first.status_code == 201, first.text
        case_id = first.json()["case_id"]
        assert first.json()["evidence_carried"] == 1
        again = await zhifa.client.post(f"{C}/inspections/{i['id']}/lead",
                                        headers=w.officer_headers(),
                                        json={"matter_id": w.matter["id"]})
        assert again.status_code == 200 and again.json()["case_id"] == case_id
        assert again.json()["created"] is False
        case = await w.get(case_id)
        assert case["status"] == "lead" and case["source_ref"] == f"inspection:{i['id']}"
        assert case["party"]["uscc"] == target["uscc"]
        evidence = (await zhifa.client.get(f"{C}/cases/{case_id}/evidence",
                                           headers=w.officer_headers())).json()
        assert [e["sha256"] for e in evidence] == [ev.json()["sha256"]]
        listed = (await zhifa.client.get(f"{C}/cases", headers=w.officer_headers())).json()
        assert [c["id"] for c in listed["items"]] == [case_id]


class TestInspectionRefusals:
    async def test_every_refusal_names_its_rule(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(), await x.target()
        post = f"{C}/inspections"

        draft = await x.item(publish=False)  # 54号: 未经公布的，不得实施
        body = problem(await zhifa.client.post(post, headers=w.officer_headers(),
                                               json=x.body(draft, target)),
                       409, "inspection-item-not-published")
        assert "未经公布的，不得实施" in body["rule"] and body["item_ids"] == [draft["id"]]
        pub = await zhifa.client.get(f"{C}/inspection-items?published=true")
        assert pub.status_code == 200 and draft["id"] not in pub.text and item["id"] in pub.text

        for officers in ([w.officers[0]],
                         [w.officers[0], await w.create_officer(domain="market_regulation")]):
            body = problem(await zhifa.client.post(post, headers=w.officer_headers(),
                                                   json=x.body(item, target,
                                                               officer_ids=officers)),
                           409, "officers-not-qualified")
            assert body["rule"].startswith("行政处罚法第四十二条")
        assert [o["reasons"] != [] for o in body["officers"]] == [False, True]

        i = await x.create(item, target)
        for approver in (w.officers[0], str(uuid.uuid4())):  # staff, unknown: not the head
            body = problem(await zhifa.client.post(
                f"{C}/inspections/{i['id']}/approve", headers=w.officer_headers(),
                json={"approver_id": approver}), 409, "approver-not-head")
            assert "国办发〔2024〕54号" in body["rule"] and "负责人批准" in body["rule"]
        await x.act(i, "notify")
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{i['id']}/start", headers=w.officer_headers(),
            json={"attest_discipline": True}), 409, "inspection-not-approved")
        assert "负责人批准" in body["rule"]
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{i['id']}/finish", headers=w.officer_headers(),
            json={"result": "no_issue", "findings": "无"}), 409, "inspection-action-not-allowed")
        assert body["rule"].startswith("司法部《行政检查文书基本格式文本")
        assert body["status"] == 409 and body["inspection_status"] == "notified"
        approved = await x.act(i, "approve")
        problem(await zhifa.client.post(f"{C}/inspections/{i['id']}/start",
                                        headers={**w.officer_headers(),
                                                 "If-Match": f'W/"{approved["version"] - 1}"'},
                                        json={"attest_discipline": True}),
                412, "precondition-failed")

        e = await x.create(item, target, emergency=True)  # emergency: approved afterwards
        assert e["deadlines"][0]["kind"] == "approval_backfill"
        assert e["flags"][0]["kind"] == "approval_pending"
        await x.act(e, "notify")
        started = await x.act(e, "start")
        assert started["status"] == "in_progress" and "approve" in started["allowed_actions"]
        backfilled = await x.act(e, "approve")
        assert backfilled["approval"]["backfilled"] is True
        assert backfilled["status"] == "in_progress"
        assert "approval_pending" not in [f["kind"] for f in backfilled["flags"]]

        resp = await zhifa.client.post(f"{C}/inspection-items/{item['id']}/versions",
                                       headers=w.admin_headers(), json={"name": "门前三包检查"})
        assert resp.status_code == 201 and resp.json()["version"] == 2, resp.text
        refusal = problem(await zhifa.client.post(post, headers=w.officer_headers(),
                                        json=x.body(item, target)),
                409, "inspection-item-not-published")
        assert refusal["rule"] == "国办发〔2024〕54号：行政检查事项未经公布的，不得实施"
        kept = (await zhifa.client.get(f"{C}/inspections/{i['id']}",
                                       headers=w.officer_headers())).json()
        assert kept["items"][0]["name"] == "占道经营检查" and kept["items"][0]["version"] == 1


class TestEnterpriseCap:
    async def test_cap_warns_then_refuses_without_exemption(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=2), await x.target()
        first = await x.create(item, target)
        await x.act(first, "approve")
        second = await x.create(item, target, type="case", source="complaint")
        assert second["cap"]["count"] == 1 and second["cap"]["warning"]
        await x.act(second, "approve")
        third = await x.create(item, target)
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{third['id']}/approve", headers=w.admin_headers(),
            json={"approver_id": w.officers[2]}), 409, "inspection-cap-exceeded")
        assert "年度频次上限" in body["rule"] and (body["count"], body["limit"]) == (2, 2)
        bad = await zhifa.client.post(f"{C}/inspections/{third['id']}/approve",
                                      headers=w.admin_headers(),
                                      json={"cap_exempt_reason": "because",
                                            "approver_id": w.officers[2]})
        problem(bad, 422, "unprocessable-entity")
        ok = await x.act(third, "approve", {"cap_exempt_reason": "complaint_12345"})
        assert ok["cap"]["counts_toward_cap"] is False
        assert ok["cap"]["exempt_reason"] == "complaint_12345" and ok["cap"]["count"] == 2
        special = await x.create(item, target, type="special", deployed_from_above=True)
        assert (await x.act(special, "approve"))["cap"]["counts_toward_cap"] is False
