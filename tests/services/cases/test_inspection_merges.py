"""综合查一次 (国办发〔2024〕54号: 能合并检查的，不得重复检查；能联合检查的，不得多头检查): merge
suggestions across agencies' plans that drew the same enterprise in overlapping periods, the
merged plan decided by the district supervisor with one joint task per shared enterprise, how
it counts (visit burden once; per agency cap as configured), statistics and the announcement."""

from __future__ import annotations

from typing import Any

import pytest
from factories import C, World, problem, uscc, world
from harness import Platform
from inspection_factories import Inspections
from sqlalchemy import func, select

OTHER_TOWN = "500113100"  # another county (区县)
MERGES, SUGGEST = f"{C}/spot-check-plans/merges", f"{C}/spot-check-plans/merge-suggestions"


class OtherCountyWorld(World):
    def officer_headers(self, **kw: Any) -> dict[str, str]:
        return self.zhifa.headers("officer", agency_id=self.agency_id, region_code=OTHER_TOWN,
                                  officer_id=self.officers[0], **kw)

    def admin_headers(self) -> dict[str, str]:
        return self.zhifa.headers("agency_admin", agency_id=self.agency_id,
                                  region_code=OTHER_TOWN)


async def drawn_plan(w: World, codes: list[str], start: str, end: str,
                     ) -> tuple[dict[str, Any], dict[str, Any], dict[str, dict[str, Any]]]:
    """A plan of `w`'s agency over `start`–`end` whose draw takes every registry target (all
    class D at ratio 1), a new target per code among them."""
    x = Inspections(w)
    targets = {c: await x.target(uscc=c, credit_risk_class="D") for c in codes}
    item = await x.item()
    resp = await w.client.post(f"{C}/spot-check-plans", headers=w.officer_headers(), json={
        "name": f"2026年度抽查计划（{start}）", "year": 2026, "item_ids": [item["id"]],
        "strata": {"D": 1.0}, "inspector_ids": w.officers, "period_start": start,
        "period_end": end})
    assert resp.status_code == 201, resp.text
    plan = resp.json()
    assert (plan["period_start"], plan["period_end"]) == (start, end)
    resp = await w.client.post(f"{C}/spot-check-plans/{plan['id']}/draws",
                               headers=w.officer_headers(),
                               json={"seed": "2026-02-01 公证摇号", "drawn_on": "2026-03-01"})
    assert resp.status_code == 201, resp.text
    assert {t["target_id"] for t in resp.json()["targets"]} >= {t["id"] for t in targets.values()}
    return plan, {"item": item, "draw": resp.json()}, targets


async def under_plan(w: World, plan: dict[str, Any], extra: dict[str, Any],
                     target: dict[str, Any], planned_on: str) -> dict[str, Any]:
    drawn = next(t for t in extra["draw"]["targets"] if t["target_id"] == target["id"])
    return await Inspections(w).create(extra["item"], target, plan_id=plan["id"],
                                       draw_id=extra["draw"]["id"], planned_on=planned_on,
                                       officer_ids=drawn["inspector_ids"])


def pairs(body: dict[str, Any]) -> list[tuple[set[str], list[str]]]:
    return [({p["plan_id"] for p in s["plans"]}, [t["target_uscc"] for t in s["targets"]])
            for s in body["items"]]


class TestMergeSuggestionsAndMerge:
    async def test_suggest_merge_count_and_announce(self, zhifa: Platform) -> None:
        """国办发〔2024〕54号 能合并检查的，不得重复检查: two agencies' plans that drew the same
        enterprise in overlapping periods are suggested (not a disjoint period, not another
        county), merged by the district supervisor into one joint task, counted once."""
        a, b, c = await world(zhifa), await world(zhifa), await world(zhifa)
        d = await OtherCountyWorld(zhifa).setup(region=OTHER_TOWN)
        shared, own_a, own_b = uscc(), uscc(), uscc()
        pa, ea, ta = await drawn_plan(a, [shared, own_a], "2026-03-01", "2026-04-30")
        pb, eb, tb = await drawn_plan(b, [shared, own_b], "2026-04-01", "2026-05-31")
        pc, ec, tc = await drawn_plan(c, [shared], "2026-07-01", "2026-08-31")
        pd, _ed, _td = await drawn_plan(d, [shared], "2026-03-01", "2026-05-31")
        before = await under_plan(a, pa, ea, ta[shared], "2026-04-10")  # registered already
        supervisor = zhifa.headers("supervisor", region_code="500112")
        got = await zhifa.client.get(SUGGEST, params={"year": 2026}, headers=supervisor)
        assert got.status_code == 200, got.text
        assert pairs(got.json()) == [({pa["id"], pb["id"]}, [shared])]
        s = got.json()["items"][0]
        assert (s["overlap_start"], s["overlap_end"]) == ("2026-04-01", "2026-04-30")
        assert s["targets"][0]["target_ids"] == {pa["id"]: ta[shared]["id"],
                                                 pb["id"]: tb[shared]["id"]}
        assert "不得重复检查" in got.json()["rule"]
        everyone = await zhifa.client.get(SUGGEST, params={"year": 2026},
                                          headers=zhifa.headers("sysadmin"))
        assert pairs(everyone.json()) == [({pa["id"], pb["id"]}, [shared])]  # no county D
        for w, expected in ((a, 1), (b, 1), (c, 0), (d, 0)):
            mine = await zhifa.client.get(SUGGEST, params={"year": 2026},
                                          headers=w.admin_headers())
            assert len(mine.json()["items"]) == expected, (w.agency_id, mine.text)
        window = await zhifa.client.get(SUGGEST, headers=supervisor, params={
            "year": 2026, "period_start": "2026-06-01"})
        assert window.json()["items"] == []  # both plans end before the window
        problem(await zhifa.client.get(SUGGEST, params={"year": 2026},
                                       headers=a.officer_headers()), 403, "forbidden")

        key = {"Idempotency-Key": "merge-ab-2026", **supervisor}
        body = {"plan_ids": [pa["id"], pb["id"]], "note": "区司法局统筹：综合查一次"}
        resp = await zhifa.client.post(MERGES, headers=key, json=body)
        assert resp.status_code == 201, resp.text
        merge = resp.json()
        assert merge["lead_agency_id"] == a.agency_id and merge["cap_counting"] == "each"
        assert (merge["period_start"], merge["period_end"]) == ("2026-04-01", "2026-04-30")
        assert len(merge["tasks"]) == 1
        task = merge["tasks"][0]
        assert task["target_uscc"] == shared
        assert sorted(task["agency_ids"]) == sorted([a.agency_id, b.agency_id])
        assert task["inspection_ids"] == [before["id"]]
        again = await zhifa.client.post(MERGES, headers=key, json=body)
        assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
        assert again.json() == merge
        from services.cases.inspections.merges.models import JointTask, PlanMerge
        async with zhifa.session("cases") as session:
            assert await session.scalar(select(func.count()).select_from(PlanMerge)) == 1
            assert await session.scalar(select(func.count()).select_from(JointTask)) == 1

        joined = (await zhifa.client.get(f"{C}/inspections/{before['id']}",
                                         headers=a.officer_headers())).json()
        assert joined["joint_task_id"] == task["id"]
        later = await under_plan(b, pb, eb, tb[shared], "2026-04-12")
        assert later["joint_task_id"] == task["id"]
        assert "possible_duplicate" not in [f["kind"] for f in later["flags"]]
        assert later["cap"]["counts_toward_cap"] is True  # "each": B counts it toward its cap
        alone = await Inspections(c).create(ec["item"], tc[shared], planned_on="2026-07-10")
        assert alone["joint_task_id"] is None
        record = (await zhifa.client.get(
            f"{C}/inspection-targets/{ta[shared]['id']}/inspections", headers=supervisor,
            params={"year": 2026})).json()
        assert record["visits"] == 2  # the joint task once, C's own check once
        assert (await zhifa.client.get(f"{SUGGEST}", params={"year": 2026},
                                       headers=supervisor)).json()["items"] == []
        read = await zhifa.client.get(f"{MERGES}/{merge['id']}", headers=b.officer_headers())
        assert read.status_code == 200
        assert read.json()["tasks"][0]["inspection_ids"] == sorted([before["id"], later["id"]])
        problem(await zhifa.client.get(f"{MERGES}/{merge['id']}", headers=c.officer_headers()),
                404, "plan-merge-not-found")

        stats = (await zhifa.client.get(f"{C}/inspections/statistics", headers=supervisor,
                                        params={"year": 2026})).json()
        assert (stats["merged_plans"], stats["merged_joint_tasks"],
                stats["merged_departments"]) == (1, 1, 2)
        assert (stats["joint_tasks"], stats["joint_departments"]) == (1, 2)
        mine = (await zhifa.client.get(f"{C}/inspections/statistics",
                                       headers=b.officer_headers(), params={"year": 2026})
                ).json()
        assert (mine["merged_plans"], mine["merged_joint_tasks"],
                mine["merged_departments"]) == (1, 1, 1)

        await zhifa.drain()
        feed = (await zhifa.client.get("/api/v1/publicity/inspections", params={
            "kind": "task", "agency_id": a.agency_id})).json()["items"]
        announced = next(r for r in feed if r["source_id"] == merge["id"])["content"]
        assert announced["merge_id"] == merge["id"]
        assert announced["plan_ids"] == [pa["id"], pb["id"]]
        assert announced["joint_tasks"] == [{
            "joint_task_id": task["id"], "target_name": ta[shared]["name"],
            "target_uscc": shared, "agency_ids": sorted([a.agency_id, b.agency_id])}]
        assert "木耳镇人民路8号" not in str(announced)

    async def test_refusals_name_the_rule(self, zhifa: Platform) -> None:
        """Refused merges (国办发〔2024〕54号 综合查一次): periods that do not overlap, a plan
        outside the supervisor's region, one agency only, no shared enterprise, a plan merged
        already, and anyone but the supervisor deciding."""
        a, b, c = await world(zhifa), await world(zhifa), await world(zhifa)
        d = await OtherCountyWorld(zhifa).setup(region=OTHER_TOWN)
        shared = uscc()
        pa, _ea, _ta = await drawn_plan(a, [shared], "2026-03-01", "2026-04-30")
        pa2, _e, _t = await drawn_plan(a, [uscc()], "2026-03-01", "2026-04-30")
        pb, _eb, _tb = await drawn_plan(b, [shared], "2026-04-01", "2026-05-31")
        pc, _ec, _tc = await drawn_plan(c, [shared], "2026-07-01", "2026-08-31")
        pd, _ed, _td = await drawn_plan(d, [shared], "2026-03-01", "2026-05-31")
        pe, _ee, _te = await drawn_plan(await world(zhifa), [uscc()], "2026-03-01",
                                        "2026-05-31")
        supervisor = zhifa.headers("supervisor", region_code="500112")

        async def merge(ids: list[str], status: int, slug: str, headers: Any = None
                        ) -> dict[str, Any]:
            return problem(await zhifa.client.post(MERGES, headers=headers or supervisor,
                                                   json={"plan_ids": ids}), status, slug)

        body = await merge([pa["id"], pc["id"]], 422, "plan-merge-refused")
        assert body["reason"] == "periods_disjoint" and "不得重复检查" in body["rule"]
        body = await merge([pa["id"], pd["id"]], 404, "spot-check-plan-not-found")
        assert body["plan_ids"] == [pd["id"]] and "属地管辖" in body["rule"]
        body = await merge([pa["id"], pa2["id"]], 422, "plan-merge-refused")
        assert body["reason"] == "single_agency" and "不得多头检查" in body["rule"]
        body = await merge([pa["id"], pe["id"]], 422, "plan-merge-refused")
        assert body["reason"] == "no_shared_target" and "综合查一次" in body["rule"]
        outside = zhifa.headers("supervisor", region_code="500113")
        body = await merge([pa["id"], pb["id"]], 404, "spot-check-plan-not-found", outside)
        assert sorted(body["plan_ids"]) == sorted([pa["id"], pb["id"]])
        await merge([pa["id"], pb["id"]], 403, "forbidden", a.admin_headers())
        resp = await zhifa.client.post(MERGES, headers=supervisor,
                                       json={"plan_ids": [pa["id"], pb["id"]]})
        assert resp.status_code == 201, resp.text
        body = await merge([pb["id"], pa["id"]], 409, "plan-already-merged")
        assert body["merge_ids"] == [resp.json()["id"]] and "不得重复检查" in body["rule"]
        assert sorted(body["plan_ids"]) == sorted([pa["id"], pb["id"]])


class TestJointCapCounting:
    async def test_lead_only_counts_when_configured(self, zhifa: Platform,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
        """CASES_INSPECTION_JOINT_CAP_COUNTING=lead (深圳 联合入企 counts a joint visit as one,
        [S]): the other agency's inspection under the merged task does not use its cap
        (国办发〔2024〕54号 同一行政机关对同一企业 年度频次上限), and says why."""
        settings = zhifa.apps["cases"].state.settings
        monkeypatch.setattr(settings, "inspection_joint_cap_counting", "lead")
        a, b = await world(zhifa), await world(zhifa)
        shared = uscc()
        pa, ea, ta = await drawn_plan(a, [shared], "2026-03-01", "2026-04-30")
        pb, eb, tb = await drawn_plan(b, [shared], "2026-03-01", "2026-04-30")
        resp = await zhifa.client.post(MERGES, headers=zhifa.headers(
            "supervisor", region_code="500112"), json={"plan_ids": [pb["id"], pa["id"]],
                                                     "lead_agency_id": a.agency_id})
        assert resp.status_code == 201, resp.text
        assert resp.json()["cap_counting"] == "lead"
        ia = await under_plan(a, pa, ea, ta[shared], "2026-03-10")
        ib = await under_plan(b, pb, eb, tb[shared], "2026-03-10")
        assert ia["cap"]["counts_toward_cap"] is True
        assert ib["cap"]["counts_toward_cap"] is False
        assert ib["cap"]["exempt_reason"] == "joint_inspection_member"
        approved = await Inspections(b).act(ib, "approve")
        assert approved["cap"]["count"] == 0
        # a check registered outside the plan joins the merged task by its id (/join)
        task = resp.json()["tasks"][0]["id"]
        xb = Inspections(b)
        routine = await xb.create(eb["item"], tb[shared], planned_on="2026-03-11")
        assert routine["joint_task_id"] is None and routine["cap"]["counts_toward_cap"] is True
        joined = await xb.act(routine, "join", {"joint_task_id": task})
        assert joined["joint_task_id"] == task
        assert joined["cap"]["exempt_reason"] == "joint_inspection_member"
        other = await xb.create(eb["item"], await xb.target(credit_risk_class="D"))
        body = problem(await zhifa.client.post(
            f"{C}/inspections/{other['id']}/join", headers=b.officer_headers(),
            json={"joint_task_id": task}), 422, "joint-task-invalid")
        assert "不得多头检查" in body["rule"]
