"""联席会议 (seed 001: every half-year; issue 15 point 5): meetings with convener and
participating agencies checked in personnel, agenda and minutes, decisions with follow-ups,
the half-year rhythm (configurable) with an overdue flag. Refusals assert type and rule."""

from __future__ import annotations

import uuid

from common.calendar import today_legal

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/joint-meetings"
RHYTHM = "/api/v1/review/joint-meeting-rhythm"
LAST = today_legal().year - 1


def sup(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


def body(helpers, **kw):
    data = {"title": "行政执法协调监督联席会议", "held_on": f"{LAST}-03-10",
            "convener_agency_id": str(helpers.AGENCY),
            "participant_agency_ids": [str(helpers.OTHER_AGENCY), str(uuid.UUID(int=1))],
            "agenda": ["通报上半年执法监督情况", "研究涉企检查问题"],
            "minutes": "会议通报了上半年情况，议定两项事项。"}
    data.update(kw)
    return data


async def test_meeting_decisions_and_follow_ups(zhifa, review, helpers):
    made = await review.post(URL, headers=sup(zhifa), json=body(helpers))
    assert made.status_code == 201, made.text
    m = made.json()
    assert m["participant_agency_ids"] == sorted([str(helpers.OTHER_AGENCY),
                                                  str(uuid.UUID(int=1))])
    unknown = await review.post(URL, headers=sup(zhifa), json=body(
        helpers, participant_agency_ids=[str(uuid.uuid4())]))
    assert unknown.status_code == 422 and unknown.json()["type"] == P + "unknown-agency"
    far = await review.post(URL, headers=sup(zhifa, "500113"), json=body(helpers))
    assert far.status_code == 403 and far.json()["type"] == P + "agency-out-of-scope"
    dec = await review.post(f"{URL}/{m['id']}/decisions", headers=sup(zhifa), json={
        "text": "开展涉企检查专项整治", "responsible_agency_id": str(helpers.OTHER_AGENCY),
        "due_on": f"{LAST}-06-30"})
    assert dec.status_code == 201 and dec.json()["overdue"] is True
    did = dec.json()["id"]
    fu = f"{URL}/{m['id']}/decisions/{did}/follow-ups"
    mine = helpers.agency_headers(zhifa, "agency_admin")
    other = helpers.agency_headers(zhifa, "agency_admin", agency=helpers.OTHER_AGENCY)
    wrong = await review.post(fu, headers=mine, json={"note": "代为报告"})
    assert wrong.status_code == 403 and wrong.json()["type"] == P + "follow-up-not-allowed"
    step = await review.post(fu, headers=other, json={"note": "已部署整治"})
    assert step.status_code == 201 and step.json()["status"] == "open"
    done = await review.post(fu, headers=other, json={"note": "整治完成", "done": True})
    assert done.json()["status"] == "done" and done.json()["overdue"] is False
    assert [f["note"] for f in done.json()["follow_ups"]] == ["已部署整治", "整治完成"]
    closed = await review.post(fu, headers=sup(zhifa), json={"note": "再次跟进"})
    assert closed.status_code == 409 and closed.json()["type"] == P + "decision-closed"
    assert closed.json()["rule"] == "联席会议议定事项办结后不再登记跟进情况"
    # scope: participants and the convener see it; any other agency and region do not
    assert [i["id"] for i in (await review.get(URL, headers=other)).json()["items"]] == [m["id"]]
    stranger = helpers.agency_headers(zhifa, "agency_admin", agency=uuid.uuid4())
    assert (await review.get(URL, headers=stranger)).json()["items"] == []
    gone = await review.get(f"{URL}/{m['id']}", headers=stranger)
    assert gone.status_code == 404 and gone.json()["type"] == P + "meeting-not-found"
    assert (await review.get(f"{URL}/{m['id']}", headers=sup(zhifa, "500113"))
            ).status_code == 404
    invited = zhifa.headers("invited_supervisor", region_code="500112")
    assert (await review.get(f"{URL}/{m['id']}", headers=invited)).status_code == 404
    got = (await review.get(f"{URL}/{m['id']}", headers=mine)).json()
    assert [d["status"] for d in got["decisions"]] == ["done"]


async def test_half_year_rhythm_flags_a_period_without_a_meeting(zhifa, review, helpers):
    """Default every 6 months (seed 001, a local practice): last year's first half had a
    meeting, the second half none → overdue; the interval is a setting."""
    await review.post(URL, headers=sup(zhifa), json=body(helpers))
    got = await review.get(RHYTHM, headers=sup(zhifa), params={"year": LAST})
    assert got.status_code == 200, got.text
    periods = got.json()["periods"]
    assert [(p["starts_on"], p["ends_on"], p["meetings"], p["overdue"]) for p in periods] == [
        (f"{LAST}-01-01", f"{LAST}-06-30", 1, False),
        (f"{LAST}-07-01", f"{LAST}-12-31", 0, True)]
    settings = zhifa.apps["review"].state.settings
    saved = settings.joint_meeting_interval_months
    settings.joint_meeting_interval_months = 3
    try:
        quarters = (await review.get(RHYTHM, headers=sup(zhifa), params={"year": LAST})
                    ).json()["periods"]
    finally:
        settings.joint_meeting_interval_months = saved
    assert [(p["meetings"], p["overdue"]) for p in quarters] == [
        (1, False), (0, True), (0, True), (0, True)]
    far = await review.get(RHYTHM, headers=sup(zhifa, "500113"),
                           params={"year": LAST, "region_code": "500112"})
    assert far.status_code == 403 and far.json()["type"] == P + "meeting-out-of-region"
