"""Inspection list with the enterprise cap, the rate-limited public evaluation POST."""

from __future__ import annotations

from factories import C, problem, world
from harness import Platform
from inspection_factories import Inspections


class TestListAndPublicPost:
    async def test_list_carries_cap_and_evaluations_are_rate_limited(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=3), await x.target()
        first = await x.create(item, target)
        await x.act(first, "approve")
        second = await x.create(item, target)
        patrol = await x.create(item, None)  # no target: no cap
        listed = (await zhifa.client.get(f"{C}/inspections", headers=w.officer_headers())
                  ).json()["items"]
        by_id = {i["id"]: i for i in listed}
        assert by_id[first["id"]]["cap"]["count"] == 1  # this one, approved
        assert by_id[second["id"]]["cap"]["count"] == 1  # the other one, not yet this
        assert by_id[second["id"]]["cap"]["limit"] == 3 and by_id[patrol["id"]]["cap"] is None
        single = (await zhifa.client.get(f"{C}/inspections/{second['id']}",
                                         headers=w.officer_headers())).json()
        assert single["cap"] == by_id[second["id"]]["cap"]

        url = f"{C}/inspections/by-code/{first['public_code']}/evaluations"
        one = {"X-Forwarded-For": "203.0.113.7"}  # as the gateway (a trusted peer) writes it
        burst = zhifa.apps["cases"].state.settings.inspection_evaluation_rate_burst
        async with zhifa.service("cases") as cases:
            for _ in range(burst):
                resp = await cases.post(url, headers=one, json={"rating": 4})
                assert resp.status_code == 201, resp.text
            resp = await cases.post(url, headers=one, json={"rating": 4})
            body = problem(resp, 429, "evaluation-rate-limited")
            assert int(resp.headers["Retry-After"]) >= 1 and body["retry_after"] >= 1
            other = await cases.post(url, headers={"X-Forwarded-For": "203.0.113.8"},
                                     json={"rating": 5})
            assert other.status_code == 201, other.text


class TestOnePublic:
    async def test_items_task_and_result_reach_the_public_feed(self, zhifa: Platform) -> None:
        """双随机、一公开: the item list, the task announcement (seed, algorithm, pool hashes,
        drawn ids) and the 抽查结果 within the configured working days, redacted."""
        w = await world(zhifa)
        x = Inspections(w)
        item = await x.item(annual_cap=3)
        targets = [await x.target(credit_risk_class="D") for _ in range(2)]
        resp = await zhifa.client.post(f"{C}/spot-check-plans", headers=w.officer_headers(),
                                       json={"name": "2026年度市容双随机抽查", "year": 2026,
                                             "item_ids": [item["id"]],
                                             "inspector_ids": w.officers[:2]})
        assert resp.status_code == 201, resp.text
        plan = resp.json()
        resp = await zhifa.client.post(f"{C}/spot-check-plans/{plan['id']}/draws",
                                       headers=w.officer_headers(),
                                       json={"seed": "2026-03-01 公证摇号 0001",
                                             "drawn_on": "2026-03-01"})
        assert resp.status_code == 201, resp.text
        d = resp.json()
        drawn = d["targets"][0]
        target = next(t for t in targets if t["id"] == drawn["target_id"])
        i = await x.create(item, target, plan_id=plan["id"], draw_id=d["id"],
                           officer_ids=drawn["inspector_ids"])
        await x.walk(i, "finish")  # finding: 门前占道堆放货物
        patrol = await x.create(item, targets[1])  # not drawn: its result is not announced
        await x.walk(patrol, "finish")
        await zhifa.drain()
        feed = "/api/v1/publicity/inspections"
        got = {k: (await zhifa.client.get(feed, params={"kind": k, "agency_id": w.agency_id})
                   ).json()["items"] for k in ("item", "task", "result")}
        assert [r["content"]["code"] for r in got["item"]] == [item["code"]]
        assert got["item"][0]["content"]["annual_cap"] == 3
        task = got["task"][0]["content"]
        assert (task["seed"], task["algorithm"], task["pool_hashes"]) == (
            d["seed"], d["algorithm"], d["pool_hashes"])
        assert task["targets"] == d["targets"] and task["pool_size"]["targets"] == 2
        assert [r["source_id"] for r in got["result"]] == [i["id"]]
        result = got["result"][0]
        assert result["content"]["target_uscc"] == target["uscc"]
        assert result["content"]["result"] == "责令改正" and result["due_on"]
        assert "木耳镇人民路8号" not in str(got)  # the target's address never leaves
        await zhifa.drain()  # redelivery or a second drain adds nothing
        again = (await zhifa.client.get(feed, params={"agency_id": w.agency_id})).json()
        assert len(again["items"]) == 3


class TestPublicSeed:
    async def test_seed_from_a_committed_nonce_and_a_public_value(self, zhifa: Platform
                                                                   ) -> None:
        """commit–reveal: SHA-256(nonce) published first; seed = SHA-256(nonce|public value),
        re-derived here without the service's code; refusals name the rule."""
        import hashlib
        w = await world(zhifa)
        x = Inspections(w)
        item = await x.item()
        for _ in range(3):
            await x.target(credit_risk_class="D")
        plan = (await zhifa.client.post(f"{C}/spot-check-plans", headers=w.officer_headers(),
                                        json={"name": "抽查", "year": 2026,
                                              "item_ids": [item["id"]],
                                              "inspector_ids": w.officers[:2]})).json()
        base = f"{C}/spot-check-plans/{plan['id']}"
        nonce, lottery = "a-secret-nonce-0123456789", "福彩3D 2026001期 开奖号码 4 7 1"
        body = {"public_value": lottery, "nonce": nonce, "seed_source": "福彩3D 2026001期",
                "drawn_on": "2026-03-01"}
        problem(await zhifa.client.post(f"{base}/draws", headers=w.officer_headers(),
                                        json=body), 409, "seed-refused")  # nothing committed
        commitment = hashlib.sha256(nonce.encode()).hexdigest()
        resp = await zhifa.client.post(f"{base}/seed-commitment", headers=w.officer_headers(),
                                       json={"commitment": commitment})
        assert resp.status_code == 200 and resp.json()["seed_commitment"] == commitment
        again = problem(await zhifa.client.post(
            f"{base}/seed-commitment", headers=w.officer_headers(),
            json={"commitment": "0" * 64}), 409, "seed-refused")
        assert "sha256-commit-reveal-v1" in again["rule"]
        problem(await zhifa.client.post(f"{base}/draws", headers=w.officer_headers(),
                                        json={**body, "nonce": "another-nonce-0123456789"}),
                409, "seed-refused")
        resp = await zhifa.client.post(f"{base}/draws", headers=w.officer_headers(), json=body)
        assert resp.status_code == 201, resp.text
        d = resp.json()
        assert d["seed"] == hashlib.sha256(f"{nonce}|{lottery}".encode()).hexdigest()
        assert d["seed_derivation"]["commitment"] == commitment
        verify = await zhifa.client.get(f"{base}/draws/{d['id']}/verify",
                                        headers=w.officer_headers())
        assert verify.json()["matches"] is True


class TestCapTable:
    async def test_agency_cap_table_by_class_drives_the_cap_check(self, zhifa: Platform
                                                                   ) -> None:
        """国办发〔2024〕54号: the agency's published cap per credit-risk class; the strictest of
        it and the item's cap applies; only the agency's admin or the region's supervisor."""
        w = await world(zhifa)
        x = Inspections(w)
        item = await x.item(annual_cap=5)
        a_class, d_class = await x.target(credit_risk_class="A"), await x.target()
        url = f"{C}/inspection-caps"
        problem(await zhifa.client.put(url, headers=w.officer_headers(), json={
            "agency_id": w.agency_id, "target_class": "A", "annual_limit": 1}), 403, "forbidden")
        other = await w.create_agency("500112101")
        outside = zhifa.headers("supervisor", region_code="500112101")
        problem(await zhifa.client.put(url, headers=outside, json={
            "agency_id": w.agency_id, "target_class": "A", "annual_limit": 1}), 403, "forbidden")
        supervisor = zhifa.headers("supervisor", region_code="500112")
        resp = await zhifa.client.put(url, headers=supervisor, json={
            "agency_id": w.agency_id, "target_class": "A", "annual_limit": 1,
            "basis": "区城管局2026年涉企检查频次上限公告"})
        assert resp.status_code == 200, resp.text
        resp = await zhifa.client.put(url, headers=w.admin_headers(), json={
            "agency_id": w.agency_id, "target_class": "*", "annual_limit": 3})
        assert resp.status_code == 200, resp.text
        listed = (await zhifa.client.get(url, headers=w.officer_headers())).json()["items"]
        assert sorted((r["target_class"], r["annual_limit"]) for r in listed) == [
            ("*", 3), ("A", 1)]
        assert (await zhifa.client.get(url, headers=zhifa.headers(
            "officer", agency_id=other["id"], region_code="500112101"))).json()["items"] == []
        first = await x.create(item, a_class)
        assert first["cap"]["limit"] == 1  # class A row beats the item's 5
        assert (await x.create(item, d_class))["cap"]["limit"] == 3  # the * row
        await x.act(first, "approve")
        second = await x.create(item, a_class)
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{second['id']}/approve", headers=w.admin_headers(),
            json={"approver_id": w.officers[2]}), 409, "inspection-cap-exceeded")
        assert "年度频次上限" in body["rule"] and (body["count"], body["limit"]) == (1, 1)
        listed = (await zhifa.client.get(f"{C}/inspections", headers=w.officer_headers())
                  ).json()["items"]
        assert {i["id"]: i["cap"]["limit"] for i in listed}[second["id"]] == 1


class TestJointInspection:
    async def test_two_agencies_merge_into_one_joint_task(self, zhifa: Platform) -> None:
        """国办发〔2024〕54号: 能联合检查的，不得多头检查 — the second agency's check of the same
        enterprise is flagged, then joins the task the first agency opened."""
        from factories import uscc as make_uscc
        a, b = await world(zhifa), await world(zhifa)
        xa, xb = Inspections(a), Inspections(b)
        code = make_uscc()
        ia = await xa.create(await xa.item(), await xa.target(uscc=code))
        ib = await xb.create(await xb.item(), await xb.target(uscc=code),
                             planned_on="2026-03-12")
        assert ib["flags"][0]["kind"] == "possible_duplicate"
        assert ib["flags"][0]["agency_ids"] == [a.agency_id]
        opened = await xa.act(ia, "join", {})
        task = opened["joint_task_id"]
        assert task
        other = await xb.create(await xb.item(), await xb.target())  # another enterprise
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{other['id']}/join", headers=b.officer_headers(),
            json={"joint_task_id": task}), 422, "joint-task-invalid")
        assert "不得多头检查" in body["rule"]
        joined = await xb.act(ib, "join", {"joint_task_id": task})
        assert joined["joint_task_id"] == task
        assert "possible_duplicate" not in [f["kind"] for f in joined["flags"]]
        problem(await zhifa.client.post(  # B cannot write A's inspection
            f"{C}/inspections/{ia['id']}/join", headers=b.officer_headers(),
            json={"joint_task_id": task}), 404, "inspection-not-found")
