"""社会评议 of proposed decisions (issue 15 point 4; seed 001's practice, UNVERIFIED, modelled
as DOMAIN-WAVE2 §5 says): for a configured class of cases, cases' `/decide` asks review over
HTTP and refuses until the evaluation is concluded and answered; the panel is drawn from the
invited supervisors with `sha256-consistent-v1` and re-derives from its declared seed; the panel
sees the redacted proposed decision only. Real services in one process, both databases."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta

from factories import DISTRICT, REV, C, problem, world
from harness import Platform
from sqlalchemy import update

from services.review.config import SocialEvaluationClass
from services.review.invited.models import InvitedMember
from services.review.social.models import SocialEvaluation

SE = f"{REV}/social-evaluations"
SEED = "2026年12月2日 福彩3D 开奖号码 517"
CONDITIONS = ["age_18_or_over", "college_education", "no_criminal_record",
              "no_disciplinary_record", "not_dishonest_debtor"]
PHONE = "13912345678"


def sup(zhifa: Platform) -> dict[str, str]:
    return zhifa.headers("supervisor", region_code=DISTRICT, subject="sfj-supervisor")


def configure(zhifa: Platform, **cls: object) -> None:
    """The district's class: by default the city rule's thresholds; here 1,000 元 for a person
    unless told otherwise, so the short walk (no hearing, no 法制审核) reaches `/decide`."""
    zhifa.apps["review"].state.settings.social_evaluation_regions = {
        DISTRICT: SocialEvaluationClass(**{"fine_person_fen": 100_000, **cls})}


USERS: dict[str, str] = {}  # member id → the account it signs in with


async def pool(zhifa: Platform, n: int = 6, dismissed: int = 1) -> tuple[list[str], set[str]]:
    """A 第五届 cohort in office with `n` members, the last `dismissed` of them no longer active."""
    today = date.today()
    resp = await zhifa.client.post(f"{REV}/invited-cohorts", headers=sup(zhifa), json={
        "name": "第五届", "term_start": (today - timedelta(days=30)).isoformat(),
        "term_end": (today + timedelta(days=5 * 365)).isoformat()})
    assert resp.status_code == 201, resp.text
    cohort = resp.json()["id"]
    ids = []
    for i in range(n):
        resp = await zhifa.client.post(f"{REV}/invited-cohorts/{cohort}/members",
                                       headers=sup(zhifa), json={
            "name": f"监督员{i}", "user_id": f"u-{uuid.uuid4().hex[:8]}",
            "source_category": "npc_deputy",
            "attestations": [{"condition": c, "attested_by": "区司法局",
                              "attested_on": "2026-01-05"} for c in CONDITIONS]})
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["id"])
        USERS[resp.json()["id"]] = resp.json()["user_id"]
    gone = set(ids[n - dismissed:])
    async with zhifa.session("review") as s:
        await s.execute(update(InvitedMember).where(InvitedMember.id.in_(
            [uuid.UUID(i) for i in gone])).values(status="dismissed"))
        await s.commit()
    return ids, gone


def rederive(seed: str, ids: list[str], k: int, gone: set[str]) -> list[str]:
    """The draw by hand, from the algorithm's text (common/draw.py docstring), not its code:
    order by SHA-256(seed ‖ id) ascending, the first k that are still active."""
    order = sorted(ids, key=lambda i: hashlib.sha256((seed + i).encode()).hexdigest())
    return [i for i in order if i not in gone][:k]


async def walk_to_decide(w, facts: str = "在人行道上摆摊经营") -> str:
    lead = await w.lead(facts=facts)
    cid = lead["id"]
    await w.act(cid, "file", {"officer_ids": w.officers[:2], "approver_id": w.officers[2],
                              "filed_on": "2026-03-03"})
    await w.act(cid, "conclude", {"outcome": "penalty", "discretion_tier": "轻微",
                                  "penalties": [{"kind": "fine", "amount": "1000.00"}],
                                  "reasoning": f"当事人张三（电话{PHONE}）首次违法"})
    await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
    await w.act(cid, "statements", {"waived": True})
    return cid


DECIDE = {"decided_on": "2026-03-21"}


class TestDecideWaitsForTheAnswer:
    async def test_a_case_in_the_class_cannot_be_decided_before_the_answer(
            self, zhifa: Platform) -> None:
        """社会评议 (local practice, seed 001; UNVERIFIED): refused at each stage, with the rule."""
        configure(zhifa)
        w = await world(zhifa)
        ids, gone = await pool(zhifa)
        cid = await walk_to_decide(w)

        body = problem(await zhifa.client.post(f"{C}/cases/{cid}/decide", json=DECIDE,
                                               headers=w.officer_headers()),
                       409, "social-evaluation-unanswered")
        assert "社会评议" in body["rule"] and "答复" in body["rule"]
        assert body["detail"].startswith("尚未提交社会评议")
        assert body["reasons"] == ["对自然人罚款 1000.00 元，达到 1000.00 元"]
        assert body["evaluation_status"] is None

        resp = await zhifa.client.post(SE, headers=sup(zhifa),
                                       json={"case_id": cid, "seed": SEED, "panel_size": 3})
        assert resp.status_code == 201, resp.text
        ev = resp.json()
        assert ev["algorithm"] == "sha256-consistent-v1" and ev["seed"] == SEED
        assert ev["pool"] == sorted(ids)
        assert ev["pool_hash"] == hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
        assert ev["panel"] == rederive(SEED, ids, 3, gone)
        assert not gone & set(ev["panel"])
        # the panel sees the redacted proposed decision only
        summary = ev["summary"]
        assert summary["party"] == "张*" and summary["party_kind"] == "person"
        assert summary["penalties"] == ["fine 1000.00 元"]
        assert "张三" not in str(summary) and PHONE not in str(summary)
        assert "首次违法" in summary["reasoning"] and summary["matter"] == "占道经营"

        # a panel member reads exactly the redacted summary; others and other routes get 404
        seat = zhifa.headers("invited_supervisor", subject=USERS[ev["panel"][0]])
        mine = (await zhifa.client.get(f"{REV}/my-social-evaluations", headers=seat)).json()
        assert mine["items"] == [{"id": ev["id"], "summary": summary, "status": "open",
                                  "opened_on": ev["opened_on"], "due_on": ev["due_on"]}]
        resp = await zhifa.client.get(f"{REV}/my-social-evaluations/{ev['id']}", headers=seat)
        assert resp.status_code == 200 and "case_id" not in resp.json()
        off = zhifa.headers("invited_supervisor",
                            subject=USERS[next(i for i in ids if i not in ev["panel"])])
        assert (await zhifa.client.get(f"{REV}/my-social-evaluations",
                                       headers=off)).json()["items"] == []
        problem(await zhifa.client.get(f"{REV}/my-social-evaluations/{ev['id']}", headers=off),
                404, "evaluation-not-found")
        for url in (f"{SE}/{ev['id']}", SE, f"{C}/cases/{cid}"):
            assert (await zhifa.client.get(url, headers=seat)).status_code == 404, url

        body = problem(await zhifa.client.post(f"{C}/cases/{cid}/decide", json=DECIDE,
                                               headers=w.officer_headers()),
                       409, "social-evaluation-unanswered")
        assert body["detail"].startswith("社会评议尚未结束") and body["evaluation_status"] == "open"
        assert "社会评议" in body["rule"]

        outsider = next(i for i in ids if i not in ev["panel"])
        body = problem(await zhifa.client.post(f"{SE}/{ev['id']}/opinions", headers=sup(zhifa),
                                               json={"member_id": outsider,
                                                     "legality": "agree",
                                                     "reasonableness": "agree",
                                                     "fairness": "agree", "comment": "同意"}),
                       409, "not-on-panel")
        assert "评议小组" in body["rule"]
        ratings = [("agree", "agree", "agree"), ("agree", "disagree", "agree"),
                   ("agree", "disagree", "unsure")]
        for member, (lg, rs, fr) in zip(ev["panel"], ratings, strict=True):
            resp = await zhifa.client.post(f"{SE}/{ev['id']}/opinions", headers=sup(zhifa), json={
                "member_id": member, "legality": lg, "reasonableness": rs, "fairness": fr,
                "comment": "罚款偏重" if rs == "disagree" else "适当"})
            assert resp.status_code == 201, resp.text
        resp = await zhifa.client.post(f"{SE}/{ev['id']}/conclude", headers=sup(zhifa))
        assert resp.status_code == 200, resp.text
        assert resp.json()["outcome"] == {
            "panel": 3, "answered": 3,
            "legality": {"agree": 3, "disagree": 0, "unsure": 0},
            "reasonableness": {"agree": 1, "disagree": 2, "unsure": 0},
            "fairness": {"agree": 2, "disagree": 0, "unsure": 1}}

        body = problem(await zhifa.client.post(f"{C}/cases/{cid}/decide", json=DECIDE,
                                               headers=w.officer_headers()),
                       409, "social-evaluation-unanswered")
        assert body["detail"].startswith("尚未对社会评议意见作出答复")
        assert body["evaluation_status"] == "concluded"

        other = await world(zhifa)  # another agency's officer cannot see it, let alone answer
        resp = await zhifa.client.post(f"{SE}/{ev['id']}/answer", headers=other.officer_headers(),
                                       json={"adopted": True, "reasons": "采纳"})
        problem(resp, 404, "evaluation-not-found")
        resp = await zhifa.client.post(f"{SE}/{ev['id']}/answer", headers=w.officer_headers(),
                                       json={"adopted": False,
                                             "reasons": "罚款处于裁量基准轻微档，已属最低"})
        assert resp.status_code == 200, resp.text

        decided = await w.act(cid, "decide", DECIDE)
        assert decided["status"] == "decided"
        recorded = decided["decision"]["social_evaluation"]
        assert (recorded["evaluation_id"], recorded["answer"], recorded["required"]) == (
            ev["id"], "not_adopted", True)
        assert recorded["outcome"]["reasonableness"]["disagree"] == 2

        resp = await zhifa.client.get(f"{SE}/stats?year={date.today().year}",
                                      headers=sup(zhifa))
        assert resp.status_code == 200, resp.text
        assert resp.json() == [{"year": date.today().year, "agency_id": w.agency_id,
                                "evaluated": 1, "concluded": 1, "answered": 1, "adopted": 0,
                                "adoption_rate": 0.0}]

    async def test_a_case_outside_the_class_decides_without_evaluation(
            self, zhifa: Platform) -> None:
        """The default class (city rule: 1万元 for a person) does not take a 1,000 元 fine."""
        zhifa.apps["review"].state.settings.social_evaluation_regions = {
            DISTRICT: SocialEvaluationClass()}
        w = await world(zhifa)
        cid = await walk_to_decide(w)
        decided = await w.act(cid, "decide", DECIDE)
        assert decided["status"] == "decided" and "social_evaluation" not in decided["decision"]

    async def test_the_check_is_for_services_only_and_names_the_default_thresholds(
            self, zhifa: Platform) -> None:
        zhifa.apps["review"].state.settings.social_evaluation_regions = {
            DISTRICT: SocialEvaluationClass()}
        body = {"case_id": str(uuid.uuid4()), "agency_id": str(uuid.uuid4()),
                "region_code": "500112100", "party_kind": "organization",
                "fine_fen": 10_000_000, "penalty_kinds": ["fine", "license_revocation"]}
        resp = await zhifa.client.post(f"{SE}/check", json=body,
                                       headers=zhifa.headers("officer", region_code="500112100"))
        problem(resp, 403, "forbidden")
        resp = await zhifa.client.post(f"{SE}/check", json=body, headers=zhifa.headers("service"))
        assert resp.status_code == 200, resp.text
        assert resp.json()["required"] is True and resp.json()["answered"] is False
        assert resp.json()["reasons"] == ["对单位罚款 100000.00 元，达到 100000.00 元",
                                          "拟作出吊销许可证件"]
        resp = await zhifa.client.post(f"{SE}/check", headers=zhifa.headers("service"),
                                       json={**body, "region_code": "500113100"})
        assert resp.json()["required"] is False and resp.json()["reasons"] == []


class TestPanel:
    async def test_the_panel_draw_re_derives_from_its_seed(self, zhifa: Platform) -> None:
        """Same seed and pool → same panel; another seed → the hand re-derivation of that seed."""
        configure(zhifa)
        w = await world(zhifa)
        ids, gone = await pool(zhifa, n=8, dismissed=2)
        panels = {}
        for seed in (SEED, "另一个种子"):
            cid = await walk_to_decide(w)
            resp = await zhifa.client.post(SE, headers=sup(zhifa),
                                           json={"case_id": cid, "seed": seed, "panel_size": 5})
            assert resp.status_code == 201, resp.text
            ev = resp.json()
            assert ev["panel"] == rederive(seed, ids, 5, gone)
            passed = {x["id"] for x in ev["exclusions"]}
            assert passed <= gone and all(x["reason"] == "not_active" for x in ev["exclusions"])
            panels[seed] = ev["panel"]
        resp = await zhifa.client.get(f"{SE}?case_id={cid}", headers=sup(zhifa))
        assert [x["panel"] for x in resp.json()["items"]] == [panels["另一个种子"]]

    async def test_too_small_a_pool_is_refused_with_the_rule(self, zhifa: Platform) -> None:
        configure(zhifa)
        w = await world(zhifa)
        await pool(zhifa, n=3, dismissed=1)
        cid = await walk_to_decide(w)
        body = problem(await zhifa.client.post(SE, headers=sup(zhifa), json={
            "case_id": cid, "seed": SEED}), 409, "panel-unavailable")
        assert (body["available"], body["panel_size"]) == (2, 5)
        assert "特邀行政执法监督员" in body["rule"]

    async def test_opinions_after_the_window_are_refused_and_it_concludes(
            self, zhifa: Platform) -> None:
        configure(zhifa)
        w = await world(zhifa)
        await pool(zhifa, n=3, dismissed=0)
        cid = await walk_to_decide(w)
        resp = await zhifa.client.post(SE, headers=sup(zhifa), json={
            "case_id": cid, "seed": SEED, "panel_size": 3})
        ev = resp.json()
        body = problem(await zhifa.client.post(f"{SE}/{ev['id']}/conclude", headers=sup(zhifa)),
                       409, "evaluation-state-conflict")
        assert "评议期限" in body["rule"]
        async with zhifa.session("review") as s:
            await s.execute(update(SocialEvaluation).where(
                SocialEvaluation.id == uuid.UUID(ev["id"])).values(
                due_on=date.today() - timedelta(days=1)))
            await s.commit()
        body = problem(await zhifa.client.post(f"{SE}/{ev['id']}/opinions", headers=sup(zhifa),
                                               json={"member_id": ev["panel"][0],
                                                     "legality": "agree",
                                                     "reasonableness": "agree",
                                                     "fairness": "agree", "comment": "迟到"}),
                       409, "opinion-window-closed")
        assert "评议期限" in body["rule"]
        resp = await zhifa.client.post(f"{SE}/{ev['id']}/conclude", headers=sup(zhifa))
        assert resp.status_code == 200 and resp.json()["outcome"]["answered"] == 0
        body = problem(await zhifa.client.post(SE, headers=sup(zhifa), json={
            "case_id": cid, "seed": SEED}), 409, "evaluation-exists")
