"""Every protected review route: 401 without a token, 403 for a role it does not admit."""

from __future__ import annotations

import uuid

import pytest

X = str(uuid.uuid4())
R = "/api/v1/review"
ROUTES = [
    ("GET", f"{R}/reviewers"), ("POST", f"{R}/reviewers"),
    ("GET", f"{R}/legal-reviews"), ("GET", f"{R}/legal-reviews/{X}"),
    ("POST", f"{R}/legal-reviews/{X}/assign"), ("POST", f"{R}/legal-reviews/{X}/opinion"),
    ("POST", f"{R}/major-decision-checks"), ("POST", f"{R}/major-decision-catalogues"),
    ("POST", f"{R}/evaluation-rubrics"), ("POST", f"{R}/evaluation-batches"),
    ("GET", f"{R}/evaluation-batches/{X}"),
    ("POST", f"{R}/evaluation-batches/{X}/files/{X}/score"),
    ("GET", f"{R}/evaluation-batches/{X}/ranking"),
    ("GET", f"{R}/evaluation-batches/{X}/bulletin"),
    ("POST", f"{R}/supervision-opinions"), ("GET", f"{R}/supervision-opinions"),
    ("GET", f"{R}/supervision-opinions/{X}"), ("POST", f"{R}/supervision-opinions/{X}/reply"),
    ("POST", f"{R}/supervision-instruments"), ("GET", f"{R}/supervision-instruments"),
    ("GET", f"{R}/supervision-instruments/stats"), ("GET", f"{R}/supervision-instruments/{X}"),
    ("POST", f"{R}/supervision-instruments/{X}/reply"),
    ("POST", f"{R}/supervision-instruments/{X}/review"),
    ("POST", f"{R}/supervision-instruments/{X}/objection"),
    ("POST", f"{R}/supervision-instruments/{X}/objection/decision"),
    ("POST", f"{R}/supervision-instruments/{X}/escalations"),
    ("POST", f"{R}/supervision-actions"), ("GET", f"{R}/supervision-actions"),
    ("GET", f"{R}/supervision-actions/{X}"), ("POST", f"{R}/supervision-actions/{X}/findings"),
    ("POST", f"{R}/supervision-actions/{X}/participants"),
    ("GET", f"{R}/my-supervision-actions"), ("GET", f"{R}/my-supervision-actions/{X}"),
    ("POST", f"{R}/invited-cohorts"), ("GET", f"{R}/invited-cohorts"),
    ("GET", f"{R}/invited-cohorts/{X}/members"), ("POST", f"{R}/invited-cohorts/{X}/members"),
    ("GET", f"{R}/invited-cohorts/{X}/meetings"), ("POST", f"{R}/invited-cohorts/{X}/meetings"),
    ("GET", f"{R}/invited-members/{X}"), ("POST", f"{R}/invited-members/{X}/leads"),
    ("POST", f"{R}/invited-members/{X}/appraisals"),
    ("POST", f"{R}/responsibility-records"), ("GET", f"{R}/responsibility-records"),
    ("GET", f"{R}/responsibility-records/{X}"),
    ("POST", f"{R}/responsibility-records/{X}/procedure"),
    ("POST", f"{R}/responsibility-records/{X}/decision"),
    ("GET", f"{R}/complaints"), ("GET", f"{R}/complaints/stats"),
    ("GET", f"{R}/complaints/{X}"), ("POST", f"{R}/complaints/{X}/assign"),
    ("POST", f"{R}/complaints/{X}/acknowledge"), ("POST", f"{R}/complaints/{X}/respond"),
    ("POST", f"{R}/complaints/{X}/close"), ("POST", f"{R}/complaints/{X}/lead"),
    ("POST", f"{R}/annual-reports"), ("GET", f"{R}/annual-reports/{X}"),
    ("PATCH", f"{R}/annual-reports/{X}"), ("POST", f"{R}/annual-reports/{X}/finalise"),
    ("GET", f"{R}/annual-reports/{X}/figures/penalty.decisions.total/records"),
    ("GET", f"{R}/annual-reports/{X}/tables.xlsx"), ("GET", f"{R}/annual-reports/{X}/tables.csv"),
    ("GET", f"{R}/annual-reports/{X}/report.docx"),
    ("GET", f"{R}/annual-reports/{X}/charts/penalties.png"),
    ("GET", f"{R}/dashboard?region_code=500112&year=2024"),
    ("POST", f"{R}/complaints/{X}/refuse"), ("POST", f"{R}/complaints/{X}/extend"),
    ("POST", f"{R}/complaints/{X}/result-notice"),
]


class TestProtectedRoutes:
    @pytest.mark.parametrize(("method", "path"), ROUTES)
    async def test_without_a_token_is_401(self, review, method, path):
        resp = await review.request(method, path, json={})
        assert resp.status_code == 401
        assert resp.json()["type"] == "https://zhifa.dev/problems/unauthorized"

    @pytest.mark.parametrize(("method", "path"), ROUTES)
    async def test_an_unrelated_role_is_403(self, zhifa, review, method, path):
        resp = await review.request(method, path, json={},
                                    headers=zhifa.headers("guest", region_code="500112"))
        assert resp.status_code == 403
        assert resp.json()["type"] == "https://zhifa.dev/problems/forbidden"


class TestPublicRoutes:
    async def test_submission_needs_no_token(self, review):
        resp = await review.post(f"{R}/complaints", json={
            "category": "enforcement_conduct", "content": "执法人员态度粗暴，未出示证件"})
        assert resp.status_code == 201

    async def test_status_needs_no_token(self, review):
        resp = await review.get(f"{R}/complaints/0000000000AA/status")
        assert resp.status_code == 404
