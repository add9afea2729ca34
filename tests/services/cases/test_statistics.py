"""Statistics (issue 14, docs/statistics.md) against a randomly sized year built through the API
and counted independently here: 表一 once per decision under the heaviest kind (a fine plus a
吊销 counts once, under 吊销), 简易/普通程序, the fine total in 元 and 万元, 不予处罚 by ground
(行政处罚法第三十三条), inspections by the 统计年报 rule, personnel roster figures, the scope
rule (a supervisor sees only their region's agencies), and provenance ids = the figure."""

from __future__ import annotations

import random
from typing import Any

from factories import DISTRICT, PER, REV, TOWN, TOWN_B, C, World, id_number, problem, world
from harness import Platform
from inspection_factories import Inspections

YEAR = 2026
PUB = "/api/v1/publicity"
NO_ISSUE = {"result": "no_issue", "findings": "未发现问题", "ended_at": "2026-03-10T02:00:00Z"}


async def figures(zhifa: Platform, path: str, headers: dict[str, str],
                  **params: Any) -> dict[str, Any]:
    resp = await zhifa.client.get(path, headers=headers, params={"year": YEAR, **params})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["year"] == YEAR and all(f["rule"] and f["label"] for f in body["figures"])
    return {f["key"]: f["value"] for f in body["figures"]}


async def record_ids(zhifa: Platform, path: str, headers: dict[str, str], key: str,
                     **params: Any) -> list[str]:
    """Every page of the figure's provenance (limit 2, so the keyset pager is exercised)."""
    ids: list[str] = []
    cursor = None
    while True:
        resp = await zhifa.client.get(f"{path}/records", headers=headers, params={
            "year": YEAR, "key": key, "limit": 2, **({"cursor": cursor} if cursor else {}),
            **params})
        assert resp.status_code == 200, resp.text
        page = resp.json()
        ids += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


async def summary(zhifa: Platform, w: World, kind: str, yuan: int, day: int,
                  region: str = TOWN) -> str:
    headers = zhifa.headers("officer", agency_id=w.agency_id, region_code=region,
                            officer_id=w.officers[0])
    resp = await zhifa.client.post(f"{C}/summary-decisions", headers=headers, json={
        "matter_id": w.matter["id"], "officer_ids": w.officers[:2],
        "party": {"kind": "person", "name": "李四", "id_number": id_number()},
        "penalty": {"kind": kind, "amount": f"{yuan}.00"}, "facts": "占道经营",
        "decided_at": f"2026-03-{day:02d}T10:00:00+08:00", "place": "人民路"})
    assert resp.status_code == 201, resp.text
    return resp.json()["case_id"]


async def ordinary(w: World, conclusion: dict[str, Any]) -> str:
    """An ordinary-procedure case through 立案, 结论, 告知 and 决定 (legal review when asked)."""
    case = await w.filed()
    cid = case["id"]
    out = await w.act(cid, "conclude", {"reasoning": "事实清楚", **conclusion})
    if out["legal_review"]["required"]:
        await w.approve_review(cid)
    if conclusion["outcome"] == "penalty":  # 告知 and 陈述申辩 precede a penalty only
        await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
        await w.act(cid, "statements", {"waived": True, "waive_hearing": True})
    await w.act(cid, "decide", {"decided_on": "2026-03-25"})
    return cid


class TestCaseStatistics:
    async def test_random_year_heaviest_kind_scope_and_provenance(self,
                                                                  zhifa: Platform) -> None:
        seed = random.randrange(1_000_000)
        rng = random.Random(seed)
        why = f"seed {seed}"
        w, other = await world(zhifa), await world(zhifa, region=TOWN_B)
        warnings = rng.randint(1, 3)
        fines = [rng.choice((20, 50, 100, 200)) for _ in range(rng.randint(1, 4))]
        for n in range(warnings):
            await summary(zhifa, w, "warning", 0, 2 + n)
        fine_cases = [await summary(zhifa, w, "fine", y, 10 + n) for n, y in enumerate(fines)]
        revoked = await ordinary(w, {"outcome": "penalty", "penalties": [
            {"kind": "fine", "amount": "1000.00"}, {"kind": "license_revocation"}],
            "discretion_tier": "轻微", "mitigation": "lighter"})
        first = await ordinary(w, {"outcome": "no_penalty", "no_penalty_ground": "first_violation",
                                   "education_record": "已对当事人进行教育"})
        elsewhere = [await summary(zhifa, other, "fine", 50, 5, TOWN_B)
                     for _ in range(rng.randint(1, 2))]

        path = f"{C}/statistics"
        own = await figures(zhifa, path, w.officer_headers())
        assert own["penalty.decisions.total"] == warnings + len(fines) + 1, why
        assert own["penalty.decisions.warning"] == warnings, why
        # 统计年报: one decision counts once, under its heaviest kind (吊销 over 罚款)
        assert own["penalty.decisions.fine"] == len(fines), why
        assert own["penalty.decisions.license_revocation"] == 1, why
        assert sum(own[f"penalty.decisions.{k}"] for k in (
            "warning", "criticism", "fine", "confiscation", "license_suspension",
            "qualification_downgrade", "business_restriction", "business_suspension", "closure",
            "license_revocation", "detention", "other")) == own["penalty.decisions.total"]
        assert (own["penalty.procedure.summary"], own["penalty.procedure.ordinary"]) == \
            (warnings + len(fines), 1), why
        total_yuan = sum(fines) + 1000
        assert own["penalty.amount.fine_fen"] == total_yuan * 100, why
        assert own["penalty.amount.fine_yuan"] == total_yuan, why
        assert own["penalty.amount.fine_wan"] == round(total_yuan / 10000, 6), why
        assert (own["no_penalty.total"], own["no_penalty.first_offence"],
                own["no_penalty.minor"]) == (1, 1, 0), why
        assert own["mitigation.lighter"] == 1, why

        # provenance: the ids counted are exactly the records
        assert await record_ids(zhifa, path, w.officer_headers(),
                                "penalty.decisions.license_revocation") == [revoked]
        assert sorted(await record_ids(zhifa, path, w.officer_headers(),
                                       "penalty.decisions.fine")) == sorted(fine_cases), why
        assert await record_ids(zhifa, path, w.officer_headers(),
                                "no_penalty.first_offence") == [first]
        ids = await record_ids(zhifa, path, w.officer_headers(), "penalty.decisions.total")
        assert len(ids) == len(set(ids)) == own["penalty.decisions.total"], why
        problem(await zhifa.client.get(f"{path}/records", headers=w.officer_headers(),
                                       params={"year": YEAR, "key": "no.such"}),
                404, "figure-not-found")

        # scope: a town supervisor sees only the town's agencies; the district sees both
        town = await figures(zhifa, path, zhifa.headers("supervisor", region_code=TOWN))
        assert town["penalty.decisions.total"] == own["penalty.decisions.total"], why
        district = await figures(zhifa, path, zhifa.headers("supervisor", region_code=DISTRICT))
        assert district["penalty.decisions.total"] == own["penalty.decisions.total"] + \
            len(elsewhere), why
        by_region = await figures(zhifa, path, zhifa.headers("supervisor", region_code=DISTRICT),
                                  region_code=TOWN_B)
        assert by_region["penalty.decisions.total"] == len(elsewhere), why
        # asking for another region's agency inside one's own scope gives nothing
        peek = await figures(zhifa, path, zhifa.headers("supervisor", region_code=TOWN),
                             agency_id=other.agency_id)
        assert peek["penalty.decisions.total"] == 0
        assert await record_ids(zhifa, path, zhifa.headers("supervisor", region_code=TOWN),
                                "penalty.decisions.fine", agency_id=other.agency_id) == []
        service = await figures(zhifa, path, zhifa.headers("service"), region_code=TOWN_B)
        assert service["penalty.decisions.total"] == len(elsewhere)
        # a narrower period inside the year
        early = await figures(zhifa, path, w.officer_headers(), date_to=f"{YEAR}-03-09")
        assert early["penalty.decisions.total"] == warnings, why
        problem(await zhifa.client.get(path, headers=w.officer_headers(), params={
            "year": YEAR, "date_from": f"{YEAR - 1}-12-01"}), 422, "invalid-period")

    async def test_inspections_and_personnel_counted_by_their_rules(self,
                                                                    zhifa: Platform) -> None:
        seed = random.randrange(1_000_000)
        rng = random.Random(seed)
        w = await world(zhifa)
        x = Inspections(w)
        item, counted = await x.item(), rng.randint(1, 3)
        targets = [await x.target() for _ in range(counted)]
        made = []
        for t in targets:
            i = await x.create(item, t)
            await x.walk(i, "feedback")
            made.append(i["id"])
        patrol = await x.create(item, None)  # no target: 巡查, not counted
        await x.walk(patrol, "start")
        await x.act(patrol, "finish", NO_ISSUE)
        await x.create(item, targets[0])  # planned only: no complete record
        path = f"{C}/inspections/statistics"
        own = await figures(zhifa, path, w.officer_headers())
        assert own["inspections.counted"] == counted, seed
        assert own["inspections.enterprise"] == counted, seed
        assert own["inspections.total"] == counted + 2, seed
        assert own["inspections.month.03"] == counted, seed
        assert sorted(await record_ids(zhifa, path, w.officer_headers(),
                                       "inspections.counted")) == sorted(made)
        assert sorted(await record_ids(zhifa, path, w.officer_headers(),
                                       "inspections.month.03")) == sorted(made)

        people = await figures(zhifa, f"{PER}/statistics", w.admin_headers())
        assert (people["officers.year_end"], people["officers.added"],
                people["officers.removed"]) == (3, 3, 0)
        assert (people["officers.certified"], people["officers.certified_rate"]) == (3, 100.0)
        assert people["certificates.issued"] == 0  # issued 2025-01-01
        assert len(await record_ids(zhifa, f"{PER}/statistics", w.admin_headers(),
                                    "officers.certified_rate")) == 3

    async def test_review_and_publicity_figures_follow_their_records(self,
                                                                     zhifa: Platform) -> None:
        seed = random.randrange(1_000_000)
        rng = random.Random(seed)
        w = await world(zhifa)
        fines = rng.randint(1, 3)
        for n in range(fines):
            await summary(zhifa, w, "fine", 100, 3 + n)
        await ordinary(w, {"outcome": "penalty", "discretion_tier": "轻微", "penalties": [
            {"kind": "fine", "amount": "1000.00"}, {"kind": "license_revocation"}]})
        received = rng.randint(1, 2)
        for _ in range(received):
            resp = await zhifa.client.post(f"{REV}/complaints", json={
                "category": "violation_report", "content": "夜间占道经营，油烟扰民",
                "contact_name": "张三", "contact_phone": "13800000000",
                "target_agency_id": w.agency_id, "location": "人民路12号", "region_code": TOWN})
            assert resp.status_code == 201, resp.text
        staff = w.admin_headers()
        listed = (await zhifa.client.get(f"{REV}/complaints", headers=staff)).json()["items"]
        assert len(listed) == received
        resp = await zhifa.client.post(f"{REV}/complaints/{listed[0]['id']}/respond",
                                       headers=staff, json={"reply": "已责令整改"})
        assert resp.status_code == 200, resp.text
        await zhifa.drain()

        rev = await figures(zhifa, f"{REV}/statistics", staff)
        reviewed = [c for c in (await zhifa.client.get(f"{REV}/legal-reviews", headers=staff,
                                                       params={"limit": 200})).json()["items"]]
        assert rev["legal_review.requested"] == len(reviewed) >= 1, seed
        assert rev["legal_review.completed"] == sum(1 for r in reviewed
                                                    if r["status"] == "completed"), seed
        assert (rev["complaints.received"], rev["complaints.responded"]) == (received, 1), seed
        assert rev["complaints.response_rate"] == round(100 / received, 1), seed
        assert await record_ids(zhifa, f"{REV}/statistics", staff,
                                "complaints.response_rate") == [listed[0]["id"]]
        elsewhere = await figures(zhifa, f"{REV}/statistics",
                                  zhifa.headers("supervisor", region_code=TOWN_B))
        assert elsewhere["complaints.received"] == elsewhere["legal_review.requested"] == 0

        pub = await figures(zhifa, f"{PUB}/statistics", staff)
        rows = (await zhifa.client.get(f"{PUB}/disclosure-status", headers=staff, params={
            "limit": 200})).json()["items"]
        published = sorted(r["decision_id"] for r in rows if r["published_at"])
        assert pub["publicity.decisions_published"] == len(published) == fines + 1, seed
        assert pub["publicity.decisions_fine_fen"] == (fines * 100 + 1000) * 100, seed
        assert sorted(await record_ids(zhifa, f"{PUB}/statistics", staff,
                                       "publicity.decisions_published")) == published
        other = await figures(zhifa, f"{PUB}/statistics",
                              zhifa.headers("supervisor", region_code=TOWN_B))
        assert other["publicity.decisions_published"] == 0
