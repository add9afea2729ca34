"""年度行政执法监督计划 (行政执法监督条例 Art.5–6; seed 001 publishes the yearly plan; issue 15
point 1): draft → approved → published through publicity (redacted), actions carry plan
items, and the plan's progress counts planned against done. Refusals assert type and rule."""

from __future__ import annotations

import uuid
from datetime import timedelta

from common.calendar import today_legal

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/supervision-plans"
ACTIONS = "/api/v1/review/supervision-actions"
STATE_RULE = "年度监督计划：草案可编辑；经批准后方可公布；已批准或公布的计划不得修改事项"
TODAY = today_legal()
YEAR = TODAY.year


def sup(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


def item(helpers, **kw):
    data = {"kind": "special", "title": "涉企行政检查专项监督",
            "target_agency_ids": [str(helpers.AGENCY)], "target_matters": ["涉企检查"],
            "target_domains": ["市场监管"], "starts_on": f"{YEAR}-01-05",
            "ends_on": f"{YEAR}-12-31"}
    data.update(kw)
    return data


async def plan(zhifa, review, year=YEAR, **kw):
    resp = await review.post(URL, headers=sup(zhifa), json={
        "year": year, "title": f"{year}年度行政执法监督计划",
        "summary": "联系人电话 13812345678，对涉企检查开展专项监督", **kw})
    assert resp.status_code == 201, resp.text
    return resp.json()


async def action(zhifa, review, **kw):
    return await review.post(ACTIONS, headers=sup(zhifa), json={
        "kind": "special", "title": "专项监督行动", "starts_on": f"{YEAR}-01-06", **kw})


async def test_plan_is_drafted_approved_published_and_redacted_in_publicity(
        zhifa, review, helpers):
    p = await plan(zhifa, review)
    pid = p["id"]
    assert (p["status"], p["items"], p["progress"]["planned"]) == ("draft", [], 0)
    dup = await review.post(URL, headers=sup(zhifa), json={"year": YEAR, "title": "又一份"})
    assert dup.status_code == 409 and dup.json()["type"] == P + "plan-exists"
    assert dup.json()["rule"] == "每一监督机构（辖区）每年一份年度行政执法监督计划"
    empty = await review.post(f"{URL}/{pid}/approve", headers=sup(zhifa), json={})
    assert empty.status_code == 409 and empty.json()["type"] == P + "plan-empty"
    assert empty.json()["rule"] == "年度监督计划须至少列明一项监督事项后方可批准"
    first = await review.post(f"{URL}/{pid}/items", headers=sup(zhifa), json=item(helpers))
    assert first.status_code == 201 and first.json()["seq"] == 1
    second = await review.post(f"{URL}/{pid}/items", headers=sup(zhifa), json=item(
        helpers, kind="file_evaluation", title="案卷评查"))
    assert second.json()["seq"] == 2
    early = await review.post(f"{URL}/{pid}/publish", headers=sup(zhifa))
    assert early.status_code == 409 and early.json()["type"] == P + "plan-state-conflict"
    assert early.json()["rule"] == STATE_RULE and early.json()["plan_status"] == "draft"
    ok = await review.post(f"{URL}/{pid}/approve", headers=sup(zhifa), json={"note": "局务会"})
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    late = await review.post(f"{URL}/{pid}/items", headers=sup(zhifa), json=item(helpers))
    assert late.status_code == 409 and late.json()["rule"] == STATE_RULE
    pub = await review.post(f"{URL}/{pid}/publish", headers=sup(zhifa))
    assert pub.status_code == 200 and pub.json()["status"] == "published"
    await zhifa.drain()
    async with zhifa.service("publicity") as public:
        listed = (await public.get("/api/v1/publicity/supervision-plans",
                                   params={"region_code": "500112", "year": YEAR})).json()
        assert [i["id"] for i in listed["items"]] == [pid]
        shown = (await public.get(f"/api/v1/publicity/supervision-plans/{pid}")).json()
        assert "13812345678" not in shown["summary"] and "[已隐去]" in shown["summary"]
        assert [(i["seq"], i["kind_name"], i["title"]) for i in shown["items"]] == [
            (1, "专项监督", "涉企行政检查专项监督"), (2, "案卷评查", "案卷评查")]
        assert shown["items"][0]["target_agency_ids"] == [str(helpers.AGENCY)]
        miss = await public.get(f"/api/v1/publicity/supervision-plans/{uuid.uuid4()}")
        assert miss.status_code == 404 and miss.json()["type"] == P + "public-plan-not-found"
        other = await public.get("/api/v1/publicity/supervision-plans",
                                 params={"region_code": "500113"})
        assert other.json()["items"] == []


async def test_actions_carry_plan_items_and_progress_counts_planned_and_done(
        zhifa, review, helpers):
    p = await plan(zhifa, review)
    pid = p["id"]
    ids = [(await review.post(f"{URL}/{pid}/items", headers=sup(zhifa),
                              json=item(helpers, title=t))).json()["id"]
           for t in ("第一项", "第二项", "第三项")]
    draft = await action(zhifa, review, plan_item_id=ids[0])
    assert draft.status_code == 409 and draft.json()["type"] == P + "plan-item-not-carried"
    assert draft.json()["rule"] == ("监督行动只能承接已批准或已公布计划的事项，"
                                    "且行动辖区须在计划辖区内")
    await review.post(f"{URL}/{pid}/approve", headers=sup(zhifa), json={})
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    done = await action(zhifa, review, plan_item_id=ids[0], ends_on=yesterday)
    assert done.status_code == 201, done.text
    assert (done.json()["plan_id"], done.json()["plan_item_id"]) == (pid, ids[0])
    running = await action(zhifa, review, plan_item_id=ids[1])
    assert running.status_code == 201
    unknown = await action(zhifa, review, plan_item_id=str(uuid.uuid4()))
    assert unknown.status_code == 404 and unknown.json()["type"] == P + "plan-item-not-found"
    far = await review.post(ACTIONS, headers=sup(zhifa, "500113"), json={
        "kind": "special", "title": "外区", "starts_on": f"{YEAR}-01-06",
        "plan_item_id": ids[2]})
    assert far.status_code == 404 and far.json()["type"] == P + "plan-item-not-found"
    mismatch = await action(zhifa, review, plan_item_id=ids[2], plan_id=str(uuid.uuid4()))
    assert mismatch.status_code == 422
    got = (await review.get(f"{URL}/{pid}", headers=sup(zhifa))).json()
    assert got["progress"] == {"planned": 3, "started": 2, "done": 1, "overdue": 0,
                               "done_rate": 33.33}
    assert [(i["progress"]["actions"], i["progress"]["done"]) for i in got["items"]] == [
        (1, True), (1, False), (0, False)]
    assert got["items"][0]["progress"]["action_ids"] == [done.json()["id"]]


async def test_plans_are_scoped_to_the_supervisors_region(zhifa, review, helpers):
    p = await plan(zhifa, review)
    far = await review.get(f"{URL}/{p['id']}", headers=sup(zhifa, "500113"))
    assert far.status_code == 404 and far.json()["type"] == P + "plan-not-found"
    assert (await review.get(URL, headers=sup(zhifa, "500113"))).json()["items"] == []
    assert [i["id"] for i in (await review.get(URL, headers=sup(zhifa))).json()["items"]] == [
        p["id"]]
    out = await review.post(URL, headers=sup(zhifa, "500113"),
                            json={"year": YEAR, "region_code": "500112", "title": "越权"})
    assert out.status_code == 403 and out.json()["type"] == P + "plan-out-of-region"
    invited = zhifa.headers("invited_supervisor", region_code="500112")
    assert (await review.get(f"{URL}/{p['id']}", headers=invited)).status_code == 404
    admin = helpers.agency_headers(zhifa, "agency_admin")
    assert (await review.get(f"{URL}/{p['id']}", headers=admin)).status_code == 403
