"""监督意见书 (the kept endpoints, over 监督文书 of kind `opinion`): issue, reply, overdue."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import update

from services.review.instruments.models import SupervisionInstrument

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/supervision-opinions"


def opinion(helpers, **kw) -> dict:
    data = {"agency_id": str(helpers.AGENCY), "region_code": "500112100",
            "findings": "案卷评查发现3卷询问笔录未逐页签名",
            "legal_basis": "《行政处罚法》第五十五条",
            "required_actions": "逐卷整改并建立笔录审核制度",
            "rectify_by": (date.today() + timedelta(days=30)).isoformat()}
    data.update(kw)
    return data


def supervisor(zhifa):
    return zhifa.headers("supervisor", region_code="500112")


class TestIssueOpinion:
    async def test_supervisor_issues_to_an_agency_of_the_region(self, zhifa, review, helpers):
        resp = await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
        assert resp.status_code == 201
        assert (resp.json()["status"], resp.json()["is_overdue"]) == ("issued", False)

    async def test_outside_the_region_is_refused(self, zhifa, review, helpers):
        other = zhifa.headers("supervisor", region_code="500113")
        resp = await review.post(URL, json=opinion(helpers, region_code="500113"), headers=other)
        assert resp.status_code == 403 and resp.json()["type"] == P + "agency-out-of-scope"

    async def test_the_agencys_real_region_wins_over_the_body(self, zhifa, review, helpers):
        resp = await review.post(URL, json=opinion(helpers, region_code="500113"),
                                 headers=supervisor(zhifa))
        assert resp.status_code == 201 and resp.json()["region_code"] == "500112100"

    async def test_deadline_in_the_past_is_refused(self, zhifa, review, helpers):
        resp = await review.post(URL, json=opinion(helpers, rectify_by="2020-01-01"),
                                 headers=supervisor(zhifa))
        assert resp.status_code == 422

    async def test_the_opinion_is_an_instrument_of_kind_opinion(self, zhifa, review, helpers):
        oid = (await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
               ).json()["id"]
        resp = await review.get(f"/api/v1/review/supervision-instruments/{oid}",
                                headers=supervisor(zhifa))
        body = resp.json()
        assert (body["kind"], body["facts"], body["required_action"]) == (
            "opinion", "案卷评查发现3卷询问笔录未逐页签名", "逐卷整改并建立笔录审核制度")
        assert [s["kind"] for s in body["steps"]] == ["issued"]

    async def test_requires_a_token(self, review, helpers):
        assert (await review.post(URL, json=opinion(helpers))).status_code == 401

    async def test_agencies_cannot_issue(self, zhifa, review, helpers):
        resp = await review.post(URL, json=opinion(helpers),
                                 headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403


class TestReplyOpinion:
    async def test_agency_replies_with_its_rectification_report(self, zhifa, review, helpers):
        oid = (await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
               ).json()["id"]
        resp = await review.post(f"{URL}/{oid}/reply", json={"content": "已完成整改"},
                                 headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 200
        assert (resp.json()["status"], resp.json()["reply"], resp.json()["replied_late"]) == (
            "replied", "已完成整改", False)
        again = await review.post(f"{URL}/{oid}/reply", json={"content": "再次"},
                                  headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert again.status_code == 409 and again.json()["type"] == P + "opinion-already-replied"

    async def test_another_agency_gets_404(self, zhifa, review, helpers):
        oid = (await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
               ).json()["id"]
        resp = await review.post(f"{URL}/{oid}/reply", json={"content": "x"},
                                 headers=helpers.agency_headers(zhifa, "agency_admin",
                                                                agency=helpers.OTHER_AGENCY))
        assert resp.status_code == 404 and resp.json()["type"] == P + "opinion-not-found"

    async def test_requires_a_token(self, review):
        resp = await review.post(f"{URL}/{uuid.uuid4()}/reply", json={"content": "x"})
        assert resp.status_code == 401

    async def test_supervisors_cannot_reply(self, zhifa, review):
        resp = await review.post(f"{URL}/{uuid.uuid4()}/reply", json={"content": "x"},
                                 headers=supervisor(zhifa))
        assert resp.status_code == 403


class TestListOpinions:
    async def test_overdue_opinion_is_listed(self, zhifa, review, helpers):
        late = (await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
                ).json()["id"]
        await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
        async with zhifa.session("review") as s:
            await s.execute(update(SupervisionInstrument)
                            .where(SupervisionInstrument.id == uuid.UUID(late))
                            .values(reply_due_on=date.today() - timedelta(days=1)))
            await s.commit()
        resp = await review.get(URL, params={"overdue": "true"}, headers=supervisor(zhifa))
        assert [(i["id"], i["is_overdue"]) for i in resp.json()["items"]] == [(late, True)]

    async def test_agency_sees_only_its_own(self, zhifa, review, helpers):
        await review.post(URL, json=opinion(helpers), headers=supervisor(zhifa))
        await review.post(URL, json=opinion(helpers, agency_id=str(helpers.OTHER_AGENCY)),
                          headers=supervisor(zhifa))
        resp = await review.get(URL, headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert [i["agency_id"] for i in resp.json()["items"]] == [str(helpers.AGENCY)]

    async def test_requires_a_token(self, review):
        assert (await review.get(URL)).status_code == 401

    async def test_officers_are_refused(self, zhifa, review, helpers):
        resp = await review.get(URL, headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403
