"""案件联合会商 (issue 15 point 5): a difficult case referred to district departments and
experts; the case and its inspection validated through the cases API (never its tables);
written opinions within a deadline (late ones flagged); a conclusion that closes it; the
consultation attached to the case and its legal review. Refusals assert type and rule."""

from __future__ import annotations

import uuid
from datetime import timedelta

from factories import World
from inspection_factories import Inspections
from sqlalchemy import update

from common.calendar import today_legal
from services.review.consultations.models import CaseConsultation

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/case-consultations"


def sup(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


async def test_case_consultation_opinions_and_conclusion(zhifa, review, helpers):
    w = await World(zhifa).setup()
    case = await w.lead()
    ins = Inspections(w)
    inspection = await ins.create(await ins.item(), await ins.target())
    body = {"case_id": case["id"], "inspection_ids": [inspection["id"]],
            "question": "当事人是否构成重复违法，应否从重处罚",
            "participants": [{"kind": "agency", "agency_id": str(helpers.OTHER_AGENCY),
                              "name": "区市场监管局"},
                             {"kind": "expert", "name": "李教授（法学专家）"}]}
    unknown = await review.post(URL, headers=sup(zhifa), json={**body,
                                                               "case_id": str(uuid.uuid4())})
    assert unknown.status_code == 422 and unknown.json()["type"] == P + "unprocessable-entity"
    bad_ins = await review.post(URL, headers=sup(zhifa),
                                json={**body, "inspection_ids": [str(uuid.uuid4())]})
    assert bad_ins.status_code == 422
    nobody = await review.post(URL, headers=sup(zhifa), json={**body, "participants": [
        {"kind": "agency", "agency_id": str(uuid.uuid4()), "name": "不存在"}]})
    assert nobody.status_code == 422 and nobody.json()["type"] == P + "unknown-agency"
    made = await review.post(URL, headers=w.admin_headers(), json=body)
    assert made.status_code == 201, made.text
    c = made.json()
    assert (c["agency_id"], c["region_code"], c["status"]) == (w.agency_id, "500112100", "open")
    assert c["opinion_due_on"] == (today_legal() + timedelta(days=15)).isoformat()
    assert c["inspection_ids"] == [inspection["id"]] and c["legal_review_id"] is None
    parts = {p["kind"]: p["id"] for p in c["participants"]}

    early = await review.post(f"{URL}/{c['id']}/conclude", headers=w.admin_headers(),
                              json={"outcome": "uphold", "conclusion": "维持"})
    assert early.status_code == 409 and early.json()["type"] == P + "no-opinions"
    assert early.json()["rule"] == "案件会商须至少收到一份参加方书面意见后方可形成结论"
    other = helpers.agency_headers(zhifa, "agency_admin", agency=helpers.OTHER_AGENCY)
    expert_by_agency = await review.post(f"{URL}/{c['id']}/opinions", headers=other, json={
        "participant_id": parts["expert"], "position": "agree", "reasons": "代签"})
    assert expert_by_agency.status_code == 403
    assert expert_by_agency.json()["type"] == P + "consultation-not-allowed"
    o1 = await review.post(f"{URL}/{c['id']}/opinions", headers=other, json={
        "participant_id": parts["agency"], "position": "disagree",
        "legal_basis": "《行政处罚法》第三十三条", "reasons": "首次违法且及时改正"})
    assert o1.status_code == 201 and o1.json()["late"] is False
    again = await review.post(f"{URL}/{c['id']}/opinions", headers=other, json={
        "participant_id": parts["agency"], "position": "agree", "reasons": "改变意见"})
    assert again.status_code == 409 and again.json()["type"] == P + "opinion-exists"
    assert again.json()["rule"] == "每一会商参加方提交一份书面意见"
    async with zhifa.session("review") as s:  # the deadline passes
        await s.execute(update(CaseConsultation).where(
            CaseConsultation.id == uuid.UUID(c["id"])).values(
            opinion_due_on=today_legal() - timedelta(days=1)))
        await s.commit()
    o2 = await review.post(f"{URL}/{c['id']}/opinions", headers=sup(zhifa), json={
        "participant_id": parts["expert"], "position": "supplement", "reasons": "建议补充调查"})
    assert o2.status_code == 201 and o2.json()["late"] is True
    wrong = await review.post(f"{URL}/{c['id']}/conclude", headers=w.admin_headers(), json={
        "outcome": "modify", "conclusion": "x", "adopted_opinion_ids": [str(uuid.uuid4())]})
    assert wrong.status_code == 422
    done = await review.post(f"{URL}/{c['id']}/conclude", headers=w.admin_headers(), json={
        "outcome": "modify", "conclusion": "采纳市场监管局意见，适用首违不罚",
        "adopted_opinion_ids": [o1.json()["id"]]})
    assert done.status_code == 200, done.text
    d = done.json()
    assert (d["status"], d["outcome"], d["adopted_opinion_ids"]) == (
        "concluded", "modify", [o1.json()["id"]])
    assert [o["position"] for o in d["opinions"]] == ["disagree", "supplement"]
    assert d["overdue_participant_ids"] == []
    closed = await review.post(f"{URL}/{c['id']}/opinions", headers=sup(zhifa), json={
        "participant_id": parts["expert"], "position": "agree", "reasons": "补"})
    assert closed.status_code == 409 and closed.json()["type"] == P + "consultation-concluded"
    assert closed.json()["rule"] == "会商结论作出后不再接收书面意见，结论不得更改"

    # attached to the case; scoped: the case's agency, participants, the region's supervisor
    by_case = await review.get(URL, headers=w.admin_headers(), params={"case_id": case["id"]})
    assert [i["id"] for i in by_case.json()["items"]] == [c["id"]]
    assert [i["id"] for i in (await review.get(URL, headers=other)).json()["items"]] == [c["id"]]
    stranger = helpers.agency_headers(zhifa, "agency_admin", agency=uuid.uuid4())
    gone = await review.get(f"{URL}/{c['id']}", headers=stranger)
    assert gone.status_code == 404 and gone.json()["type"] == P + "consultation-not-found"
    assert (await review.get(f"{URL}/{c['id']}", headers=sup(zhifa, "500113"))
            ).status_code == 404
    invited = zhifa.headers("invited_supervisor", region_code="500112")
    assert (await review.get(f"{URL}/{c['id']}", headers=invited)).status_code == 404


async def test_only_the_cases_agency_or_its_supervisor_refers(zhifa, review, helpers):
    w = await World(zhifa).setup()
    case = await w.lead()
    body = {"case_id": case["id"], "question": "疑难",
            "participants": [{"kind": "expert", "name": "专家"}]}
    # another agency cannot even see the case in cases: unknown to it
    other = helpers.agency_headers(zhifa, "agency_admin", agency=helpers.OTHER_AGENCY)
    assert (await review.post(URL, headers=other, json=body)).status_code == 422
    far = await review.post(URL, headers=zhifa.headers("sysadmin"), json=body)
    assert far.status_code == 201
    expert = far.json()["participants"][0]["id"]
    await review.post(f"{URL}/{far.json()['id']}/opinions", headers=sup(zhifa), json={
        "participant_id": expert, "position": "agree", "reasons": "同意"})
    outsider = await review.post(f"{URL}/{far.json()['id']}/conclude",
                                 headers=sup(zhifa, "500113"),
                                 json={"outcome": "uphold", "conclusion": "维持"})
    assert outsider.status_code == 404


async def test_the_consultation_attaches_to_the_cases_legal_review(zhifa, review, helpers,
                                                                   send_event):
    from sqlalchemy import select

    from services.review.legal.models import LegalReview
    w = await World(zhifa).setup()
    case = await w.lead()
    resp = await send_event("case.review_requested", helpers.request(
        case_id=case["id"], agency_id=w.agency_id, region_code="500112100"))
    assert resp.status_code == 200, resp.text
    async with zhifa.session("review") as s:
        review_id = str((await s.scalars(select(LegalReview.id).where(
            LegalReview.case_id == uuid.UUID(case["id"])))).one())
    made = await review.post(URL, headers=w.admin_headers(), json={
        "case_id": case["id"], "question": "疑难", "participants": [
            {"kind": "expert", "name": "专家"}]})
    assert made.status_code == 201 and made.json()["legal_review_id"] == review_id
    listed = await review.get(URL, headers=sup(zhifa), params={"legal_review_id": review_id})
    assert [i["id"] for i in listed.json()["items"]] == [made.json()["id"]]
    none = await review.get(URL, headers=sup(zhifa), params={"legal_review_id": str(uuid.uuid4())})
    assert none.json()["items"] == []


async def test_the_legal_review_read_carries_the_case_consultations_and_opinions(
        zhifa, review, helpers, send_event):
    """Issue 15 point 5 "the opinions attach to the case and to its legal review": the legal
    review's read lists the consultations of the review or of its case (one referred before
    the review opened, one after) with their opinions summary, in ONE query; another case's
    consultation is not listed; whoever cannot see the review gets 404."""
    from sqlalchemy import event, select
    from sqlalchemy.engine import Engine

    from services.review.legal.models import LegalReview
    w = await World(zhifa).setup()
    case, other_case = await w.lead(), await w.lead()
    two = [{"kind": "agency", "agency_id": str(helpers.OTHER_AGENCY), "name": "区市场监管局"},
           {"kind": "expert", "name": "李教授（法学专家）"}]

    async def refer(case_id: str, participants: list) -> dict:
        made = await review.post(URL, headers=w.admin_headers(), json={
            "case_id": case_id, "question": "应否从重处罚", "participants": participants})
        assert made.status_code == 201, made.text
        return made.json()

    before = await refer(case["id"], two)  # referred before the review opened
    assert before["legal_review_id"] is None
    other = helpers.agency_headers(zhifa, "agency_admin", agency=helpers.OTHER_AGENCY)
    parts = {p["kind"]: p["id"] for p in before["participants"]}
    o1 = (await review.post(f"{URL}/{before['id']}/opinions", headers=other, json={
        "participant_id": parts["agency"], "position": "disagree", "reasons": "首违"})).json()
    o2 = (await review.post(f"{URL}/{before['id']}/opinions", headers=sup(zhifa), json={
        "participant_id": parts["expert"], "position": "agree", "reasons": "同意"})).json()
    done = await review.post(f"{URL}/{before['id']}/conclude", headers=w.admin_headers(), json={
        "outcome": "modify", "conclusion": "适用首违不罚", "adopted_opinion_ids": [o1["id"]]})
    assert done.status_code == 200, done.text
    resp = await send_event("case.review_requested", helpers.request(
        case_id=case["id"], agency_id=w.agency_id, region_code="500112100"))
    assert resp.status_code == 200, resp.text
    async with zhifa.session("review") as s:
        review_id = str((await s.scalars(select(LegalReview.id).where(
            LegalReview.case_id == uuid.UUID(case["id"])))).one())
    after = await refer(case["id"], two[1:])  # attached to the review too
    assert after["legal_review_id"] == review_id
    await refer(other_case["id"], two[1:])  # another case: not listed

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if "case_consultation" in statement:
            statements.append(statement)
    event.listen(Engine, "before_cursor_execute", count)
    try:
        got = await review.get(f"/api/v1/review/legal-reviews/{review_id}",
                               headers=w.admin_headers())
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert got.status_code == 200, got.text
    assert len(statements) == 1  # consultations and opinions in one query, no N+1
    linked = {c["id"]: c for c in got.json()["consultations"]}
    assert set(linked) == {before["id"], after["id"]}
    b, a = linked[before["id"]], linked[after["id"]]
    assert (b["status"], b["outcome"], b["conclusion"], b["legal_review_id"]) == (
        "concluded", "modify", "适用首违不罚", None)
    assert b["adopted_opinion_ids"] == [o1["id"]]
    assert sorted((o["id"], o["position"], o["late"]) for o in b["opinions"]) == sorted(
        [(o1["id"], "disagree", False), (o2["id"], "agree", False)])
    assert (a["status"], a["outcome"], a["legal_review_id"], a["opinions"]) == (
        "open", None, review_id, [])
    # the region's supervisor reads the same; an agency that cannot see the review: 404
    seen = await review.get(f"/api/v1/review/legal-reviews/{review_id}", headers=sup(zhifa))
    assert {c["id"] for c in seen.json()["consultations"]} == {before["id"], after["id"]}
    stranger = helpers.agency_headers(zhifa, "agency_admin", agency=uuid.uuid4())
    gone = await review.get(f"/api/v1/review/legal-reviews/{review_id}", headers=stranger)
    assert gone.status_code == 404 and gone.json()["type"] == P + "legal-review-not-found"
