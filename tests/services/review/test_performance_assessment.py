"""评议考核 (行政处罚法 Art.75 "执法评议、考核"; seed 003 §四; issue 15 point 6): a ranking per
year and region computed from the services' real statistics endpoints over HTTP, recomputed
when a figure changes, frozen when finalised. Every refusal asserts its type and rule."""

from __future__ import annotations

import uuid

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/assessments"
INSTRUMENTS = "/api/v1/review/supervision-instruments"
KEY = "supervision.instruments_issued"


def sup(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


async def issue(zhifa, review, agency) -> None:
    resp = await review.post(INSTRUMENTS, headers=sup(zhifa), json={
        "kind": "notice", "agency_id": str(agency), "facts": "抽查发现案卷未按期送达",
        "legal_basis": "《行政执法监督条例》", "required_action": "逐件补正送达"})
    assert resp.status_code == 201, resp.text


def totals(body) -> dict[str, tuple[float, int]]:
    return {r["agency_id"]: (r["total"], r["rank"]) for r in body["ranking"]}


async def test_ranking_recomputes_from_statistics_and_changes_when_a_figure_changes(
        zhifa, review, helpers):
    """Done-when of issue 15: the ranking comes from the statistics endpoints (review's
    `/statistics` answers `supervision.instruments_issued` per agency) and changes when that
    figure changes; finalising freezes it."""
    made = await review.post(URL, json={"year": 2026, "region_code": "500112"},
                             headers=sup(zhifa))
    assert made.status_code == 201, made.text
    body = made.json()
    aid = body["id"]
    assert body["status"] == "draft" and len(body["indicators"]) == 12
    base = totals(body)
    assert len(base) == 4 and {rank for _, rank in base.values()} == {1}
    t0 = next(iter(base.values()))[0]
    assert all(total == t0 for total, _ in base.values())

    a, other = str(helpers.AGENCY), str(helpers.OTHER_AGENCY)
    await issue(zhifa, review, other)
    again = (await review.post(f"{URL}/{aid}/recompute", headers=sup(zhifa))).json()
    now = totals(again)
    assert now[other] == (t0 - 5, 4)  # weight 5, less is better: 0 of 100 points
    assert [now[k] for k in now if k != other] == [(t0, 1)] * 3
    row = next(r for r in again["ranking"] if r["agency_id"] == other)
    detail = next(d for d in row["details"] if d["key"] == KEY)
    assert (detail["value"], detail["score"], detail["missing"]) == (1, 0, False)
    assert detail["source"] == {"service": "review", "path": "/api/v1/review/statistics",
                                "params": {"year": 2026, "agency_id": other}}
    assert row["dimensions"]["discipline"] == 10.0

    await issue(zhifa, review, a)
    await issue(zhifa, review, a)
    third = totals((await review.post(f"{URL}/{aid}/recompute", headers=sup(zhifa))).json())
    assert third[a] == (t0 - 5, 4) and third[other] == (t0 - 2.5, 3)
    assert sorted(v for k, v in third.items() if k not in (a, other)) == [(t0, 1), (t0, 1)]

    fin = await review.post(f"{URL}/{aid}/finalise", headers=sup(zhifa))
    assert fin.status_code == 200 and fin.json()["status"] == "finalised"
    await issue(zhifa, review, other)
    frozen = await review.post(f"{URL}/{aid}/recompute", headers=sup(zhifa))
    assert frozen.status_code == 409
    assert frozen.json()["type"] == P + "assessment-finalised"
    assert frozen.json()["rule"] == "评议考核定稿后冻结，排名与所依据的数据不再改变"
    got = (await review.get(f"{URL}/{aid}", headers=sup(zhifa))).json()
    assert totals(got) == third


async def test_scope_of_assessments(zhifa, review, helpers):
    """Supervisors: their region; agency admins: finalised assessments ranking their agency;
    invited supervisors: 404."""
    aid = (await review.post(URL, json={"year": 2026}, headers=sup(zhifa))).json()["id"]
    dup = await review.post(URL, json={"year": 2026, "region_code": "500112"},
                            headers=sup(zhifa))
    assert dup.status_code == 409 and dup.json()["type"] == P + "assessment-exists"
    assert dup.json()["rule"] == "每一辖区每一年度一次评议考核；定稿前可重新计算"
    far = await review.post(URL, json={"year": 2026, "region_code": "500112"},
                            headers=sup(zhifa, "500113"))
    assert far.status_code == 403 and far.json()["type"] == P + "assessment-out-of-region"
    gone = await review.get(f"{URL}/{aid}", headers=sup(zhifa, "500113"))
    assert gone.status_code == 404 and gone.json()["type"] == P + "assessment-not-found"
    mine = helpers.agency_headers(zhifa, "agency_admin")
    stranger = helpers.agency_headers(zhifa, "agency_admin", agency=uuid.uuid4())
    assert (await review.get(f"{URL}/{aid}", headers=mine)).status_code == 404  # a draft
    await review.post(f"{URL}/{aid}/finalise", headers=sup(zhifa))
    seen = await review.get(f"{URL}/{aid}", headers=mine)
    assert seen.status_code == 200 and len(seen.json()["ranking"]) == 4
    assert [i["id"] for i in (await review.get(URL, headers=mine)).json()["items"]] == [aid]
    assert (await review.get(URL, headers=stranger)).json()["items"] == []
    assert (await review.get(f"{URL}/{aid}", headers=stranger)).status_code == 404
    assert (await review.post(f"{URL}/{aid}/finalise", headers=mine)).status_code == 403
    invited = zhifa.headers("invited_supervisor", region_code="500112")
    assert (await review.get(f"{URL}/{aid}", headers=invited)).status_code == 404


async def test_indicator_set_is_configurable_per_assessment(zhifa, review, helpers):
    one = {"key": KEY, "label": "被制发监督文书数", "dimension": "discipline", "weight": 1,
           "direction": "lower"}
    dup = await review.post(URL, headers=sup(zhifa),
                            json={"year": 2025, "indicators": [one, one]})
    assert dup.status_code == 422 and dup.json()["type"] == P + "indicators-invalid"
    await issue(zhifa, review, helpers.AGENCY)
    made = (await review.post(URL, headers=sup(zhifa),
                              json={"year": 2026, "indicators": [one]})).json()
    assert made["indicators"] == [{**one, "weight": 1.0}]
    ranks = totals(made)
    assert ranks[str(helpers.AGENCY)] == (0.0, 4)
    assert sorted(v for k, v in ranks.items() if k != str(helpers.AGENCY)) == [(100.0, 1)] * 3


def test_scoring_rule_min_max_missing_and_ties():
    """The stated rule (assessment/scoring.py): min-max per indicator, a missing figure 0,
    equal totals share a rank and the next rank skips."""
    from services.review.assessment.scoring import score
    agencies = [{"id": n, "name": n} for n in ("a", "b", "c", "d", "e")]
    figs = {"a": {"x": {"value": 10}}, "b": {"x": {"value": 5}}, "c": {"x": {"value": 10}},
            "d": {"x": {"value": None}}, "e": {"x": {"value": 0}}}
    rows = score(agencies, figs, [{"key": "x", "label": "x", "dimension": "quantity",
                                   "weight": 2, "direction": "higher"}])
    assert [(r["agency_id"], r["total"], r["rank"]) for r in rows] == [
        ("a", 100.0, 1), ("c", 100.0, 1), ("b", 50.0, 3), ("d", 0.0, 4), ("e", 0.0, 4)]
    assert [r["details"][0]["missing"] for r in rows] == [False, False, False, True, False]


async def test_default_set_scores_decisions_revoked_in_remedy_and_cap_exemptions(
        zhifa, review, helpers):
    """The two figures added to the default indicator set come from the cases statistics
    endpoints: an agency with one decision revoked after a recorded 复议 (行政处罚法第七十三条)
    and one inspection approved under a cap exemption (国办发〔2024〕54号) scores 0 on both
    (less is better), the agencies with none 100, and the detail names the source call."""
    from factories import world
    from inspection_factories import Inspections
    w = await world(zhifa)
    case = await w.decided()
    await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
    await w.act(case["id"], "remedy", {"pending": True, "kind": "reconsideration",
                                       "on": "2026-04-10"})
    await w.act(case["id"], "revoke-decision", {"reason": "复议机关决定撤销",
                                                "revoked_on": "2026-06-01"})
    x = Inspections(w)
    item, target = await x.item(annual_cap=1), await x.target()
    await x.act(await x.create(item, target), "approve")
    await x.act(await x.create(item, target), "approve", {"cap_exempt_reason": "complaint_12345"})

    made = await review.post(URL, json={"year": 2026, "region_code": "500112"},
                             headers=sup(zhifa))
    assert made.status_code == 201, made.text
    body = made.json()
    weights = {i["key"]: (i["dimension"], i["weight"]) for i in body["indicators"]}
    assert weights["decisions.revoked_after_remedy"] == ("quality", 5.0)
    assert weights["inspections.cap_exempted"] == ("effect", 5.0)
    assert sum(wt for _, wt in weights.values()) == 100.0
    rows = {r["agency_id"]: r for r in body["ranking"]}
    assert len(rows) == 5 and w.agency_id in rows
    paths = {"decisions.revoked_after_remedy": "/api/v1/cases/statistics",
             "inspections.cap_exempted": "/api/v1/cases/inspections/statistics"}
    for key, path in paths.items():
        mine = next(d for d in rows[w.agency_id]["details"] if d["key"] == key)
        assert (mine["value"], mine["score"], mine["missing"]) == (1, 0, False)
        assert mine["source"]["service"] == "cases" and mine["source"]["path"] == path
        others = [next(d for d in r["details"] if d["key"] == key)
                  for a, r in rows.items() if a != w.agency_id]
        assert [(d["value"], d["score"]) for d in others] == [(0, 100)] * 4
