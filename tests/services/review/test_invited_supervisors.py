"""特邀行政执法监督员 (local rules) and 监督行动: cohort with a term, members
with source category and attested eligibility, work meetings with minutes, activities from
actions, leads that become complaints or findings, yearly appraisal; findings name records of
the owning service, validated through its API."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

P = "https://zhifa.dev/problems/"
R = "/api/v1/review"
CONDITIONS = ["age_18_or_over", "college_education", "no_criminal_record",
              "no_disciplinary_record", "not_dishonest_debtor"]


def sup(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


def attest(conditions=CONDITIONS) -> list[dict]:
    return [{"condition": c, "attested_by": "区司法局", "attested_on": "2026-01-05"}
            for c in conditions]


async def cohort(zhifa, review) -> dict:
    today = date.today()
    resp = await review.post(f"{R}/invited-cohorts", headers=sup(zhifa), json={
        "name": "第五届", "term_start": (today - timedelta(days=30)).isoformat(),
        "term_end": (today + timedelta(days=5 * 365)).isoformat()})
    assert resp.status_code == 201, resp.text
    return resp.json()


async def member(zhifa, review, cohort_id: str, **kw) -> dict:
    data = {"name": "周监督", "user_id": f"u-{uuid.uuid4().hex[:8]}",
            "source_category": "npc_deputy", "attestations": attest()}
    data.update(kw)
    resp = await review.post(f"{R}/invited-cohorts/{cohort_id}/members", headers=sup(zhifa),
                             json=data)
    assert resp.status_code == 201, resp.text
    return resp.json()


async def action(zhifa, review, helpers, **kw) -> dict:
    data = {"kind": "file_evaluation", "title": "2026年度行政处罚案卷评查",
            "target_agency_ids": [str(helpers.AGENCY)], "target_domains": ["城管"],
            "starts_on": date.today().isoformat()}
    data.update(kw)
    resp = await review.post(f"{R}/supervision-actions", headers=sup(zhifa), json=data)
    assert resp.status_code == 201, resp.text
    return resp.json()


class TestMembers:
    async def test_appointment_needs_every_attestation(self, zhifa, review):
        c = await cohort(zhifa, review)
        resp = await review.post(f"{R}/invited-cohorts/{c['id']}/members", headers=sup(zhifa),
                                 json={"name": "吴某", "user_id": "u-x", "source_category":
                                       "lawyer", "attestations": attest(CONDITIONS[:3])})
        assert resp.status_code == 422 and resp.json()["type"] == P + "member-not-eligible"
        assert "选聘条件" in resp.json()["rule"]
        assert resp.json()["missing"] == ["no_disciplinary_record", "not_dishonest_debtor"]

    async def test_member_active_in_term_and_listed(self, zhifa, review):
        c = await cohort(zhifa, review)
        m = await member(zhifa, review, c["id"], source_category="scholar")
        assert (m["status"], m["source_category"]) == ("active", "scholar")
        listed = await review.get(f"{R}/invited-cohorts/{c['id']}/members", headers=sup(zhifa))
        assert [x["id"] for x in listed.json()] == [m["id"]]

    async def test_another_regions_supervisor_gets_404(self, zhifa, review):
        c = await cohort(zhifa, review)
        resp = await review.get(f"{R}/invited-cohorts/{c['id']}/members",
                                headers=sup(zhifa, "500113"))
        assert resp.status_code == 404 and resp.json()["type"] == P + "cohort-not-found"


class TestWork:
    async def test_meeting_activity_lead_and_appraisal(self, zhifa, review, helpers):
        c = await cohort(zhifa, review)
        m = await member(zhifa, review, c["id"])
        meeting = await review.post(f"{R}/invited-cohorts/{c['id']}/meetings",
                                    headers=sup(zhifa), json={
            "held_on": date.today().isoformat(), "topic": "第五届第一次工作会议",
            "attendee_member_ids": [m["id"]], "minutes": "通报年度监督计划；征集意见"})
        assert meeting.status_code == 201, meeting.text
        a = await action(zhifa, review, helpers)
        part = await review.post(f"{R}/supervision-actions/{a['id']}/participants",
                                 headers=sup(zhifa), json={"kind": "invited", "name": "周监督",
                                                           "member_id": m["id"]})
        assert part.status_code == 201 and part.json()["user_id"] == m["user_id"]
        lead = await review.post(f"{R}/invited-members/{m['id']}/leads", headers=sup(zhifa),
                                 json={"content": "群众反映某执法队员检查时态度粗暴",
                                       "became": "complaint",
                                       "target_agency_id": str(helpers.AGENCY)})
        assert lead.status_code == 201, lead.text
        complaint = await review.get(f"{R}/complaints/{lead.json()['complaint_id']}",
                                     headers=sup(zhifa))
        assert (complaint.json()["channel"], complaint.json()["category"]) == (
            "invited_supervisor", "enforcement_conduct")
        for expected in (201, 409):
            resp = await review.post(f"{R}/invited-members/{m['id']}/appraisals",
                                     headers=sup(zhifa), json={"year": 2026, "grade":
                                                               "excellent"})
            assert resp.status_code == expected
        assert resp.json()["type"] == P + "appraisal-exists"
        detail = (await review.get(f"{R}/invited-members/{m['id']}", headers=sup(zhifa))).json()
        assert [x["kind"] for x in detail["activities"]] == ["meeting", "evaluation"]
        assert [x["became"] for x in detail["leads"]] == ["complaint"]
        assert [x["grade"] for x in detail["appraisals"]] == ["excellent"]


class TestFindings:
    async def test_a_case_unknown_to_cases_is_refused(self, zhifa, review, helpers):
        a = await action(zhifa, review, helpers)
        resp = await review.post(f"{R}/supervision-actions/{a['id']}/findings",
                                 headers=sup(zhifa), json={"record_type": "case", "record_id":
                                                           str(uuid.uuid4()), "summary": "x"})
        assert resp.status_code == 422 and resp.json()["type"] == P + "unprocessable-entity"

    async def test_a_complaint_finding_links_by_id(self, zhifa, review, helpers):
        a = await action(zhifa, review, helpers)
        code = (await review.post(f"{R}/complaints", json={
            "category": "enforcement_conduct", "content": "执法人员未出示证件",
            "target_agency_id": str(helpers.AGENCY), "region_code": "500112100"})
        ).json()["tracking_code"]
        cid = next(i["id"] for i in (await review.get(f"{R}/complaints", headers=sup(zhifa))
                                     ).json()["items"] if i["tracking_code"] == code)
        resp = await review.post(f"{R}/supervision-actions/{a['id']}/findings",
                                 headers=sup(zhifa), json={"record_type": "complaint",
                                                           "record_id": cid,
                                                           "summary": "投诉属实"})
        assert resp.status_code == 201, resp.text
        got = (await review.get(f"{R}/supervision-actions/{a['id']}", headers=sup(zhifa))).json()
        assert [(f["record_type"], f["record_id"]) for f in got["findings"]] == [
            ("complaint", cid)]

    async def test_out_of_region_action_is_refused(self, zhifa, review, helpers):
        resp = await review.post(f"{R}/supervision-actions", headers=sup(zhifa), json={
            "kind": "special", "title": "x", "region_code": "500113",
            "starts_on": date.today().isoformat()})
        assert resp.status_code == 403 and resp.json()["type"] == P + "action-out-of-region"
