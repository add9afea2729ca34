"""案卷评查: versioned rubrics, seeded draw, veto, scoring, ranking and 通报."""

from __future__ import annotations

import random
import uuid

from services.review.evaluation.service import draw

P = "https://zhifa.dev/problems/"
A1, A2 = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))

RUBRIC = {
    "code": "cq-penalty", "name": "行政处罚案卷评查标准",
    "veto_items": [{"code": "subject", "label": "实施主体不合法"},
                   {"code": "two_officers", "label": "执法人员少于2人"},
                   {"code": "evidence", "label": "证据不充分"}],
    "scored_items": [
        {"code": "cover", "stage": "卷面", "label": "封面统一、一案一卷", "max_points": 20},
        {"code": "filing", "stage": "立案", "label": "立案审批及时完整", "max_points": 10},
        {"code": "inquiry", "stage": "调查取证", "label": "询问笔录逐页签名", "max_points": 35},
        {"code": "decision", "stage": "决定", "label": "说理式决定书", "max_points": 35}]}


def supervisor(zhifa):
    return zhifa.headers("supervisor", region_code="500112")


async def make_batch(zhifa, review, stub_cases, seed="2026-Q4", size=3) -> dict:
    stub_cases.closed = {A1: [str(uuid.uuid4()) for _ in range(10)],
                         A2: [str(uuid.uuid4()) for _ in range(4)]}
    rubric = await review.post("/api/v1/review/evaluation-rubrics", json=RUBRIC,
                               headers=supervisor(zhifa))
    resp = await review.post("/api/v1/review/evaluation-batches", json={
        "rubric_id": rubric.json()["id"], "agency_ids": [A1, A2], "sample_size": size,
        "seed": seed}, headers=supervisor(zhifa))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def score(zhifa, review, batch, file, **body):
    return await review.post(
        f"/api/v1/review/evaluation-batches/{batch['id']}/files/{file['id']}/score",
        json=body, headers=supervisor(zhifa))


class TestDraw:
    def test_is_reproducible_from_the_seed(self):
        ids = [str(uuid.uuid4()) for _ in range(50)]
        first = draw("s1", A1, ids, 5, None)
        assert first == draw("s1", A1, list(reversed(ids)), 5, None)
        assert first == random.Random(f"s1:{A1}").sample(sorted(ids), 5)
        assert first != draw("s2", A1, ids, 5, None)

    def test_ratio_rounds_up_and_size_is_capped(self):
        ids = [str(i) for i in range(10)]
        assert len(draw("s", A1, ids, None, 0.25)) == 3
        assert len(draw("s", A1, ids, 99, None)) == 10


class TestCreateRubric:
    async def test_same_code_makes_a_new_version(self, zhifa, review):
        first = await review.post("/api/v1/review/evaluation-rubrics", json=RUBRIC,
                                  headers=supervisor(zhifa))
        second = await review.post("/api/v1/review/evaluation-rubrics", json=RUBRIC,
                                   headers=supervisor(zhifa))
        assert (first.json()["version"], second.json()["version"]) == (1, 2)
        assert first.json()["total_points"] == 100
        assert [b["grade"] for b in first.json()["grade_bands"]] == ["优秀", "良好", "合格"]

    async def test_duplicate_item_codes_are_refused(self, zhifa, review):
        bad = {**RUBRIC, "veto_items": [{"code": "cover", "label": "x"}]}
        resp = await review.post("/api/v1/review/evaluation-rubrics", json=bad,
                                 headers=supervisor(zhifa))
        assert resp.status_code == 422

    async def test_requires_a_token(self, review):
        assert (await review.post("/api/v1/review/evaluation-rubrics", json=RUBRIC)
                ).status_code == 401

    async def test_agencies_are_refused(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/evaluation-rubrics", json=RUBRIC,
                                 headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403


class TestCreateBatch:
    async def test_draw_is_recorded_and_reproducible(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        drawn = {a: [f["case_id"] for f in batch["files"] if f["agency_id"] == a]
                 for a in (A1, A2)}
        assert drawn[A1] == draw("2026-Q4", A1, stub_cases.closed[A1], 3, None)
        assert sorted(drawn[A2]) == sorted(draw("2026-Q4", A2, stub_cases.closed[A2], 3, None))
        assert batch["population"] == {A1: 10, A2: 4} and batch["seed"] == "2026-Q4"
        assert "random.Random" in batch["draw_algorithm"]

    async def test_unknown_rubric(self, zhifa, review, stub_cases):
        resp = await review.post("/api/v1/review/evaluation-batches", json={
            "rubric_id": str(uuid.uuid4()), "agency_ids": [A1], "sample_size": 1},
            headers=supervisor(zhifa))
        assert resp.status_code == 422 and resp.json()["type"] == P + "rubric-not-found"

    async def test_needs_size_or_ratio(self, zhifa, review):
        resp = await review.post("/api/v1/review/evaluation-batches", json={
            "rubric_id": str(uuid.uuid4()), "agency_ids": [A1]}, headers=supervisor(zhifa))
        assert resp.status_code == 422 and resp.json()["type"] == P + "validation-error"

    async def test_requires_a_token(self, review):
        assert (await review.post("/api/v1/review/evaluation-batches", json={})
                ).status_code == 401

    async def test_agencies_are_refused(self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/evaluation-batches", json={},
                                 headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403

    async def test_other_region_supervisor_gets_404(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await review.get(f"/api/v1/review/evaluation-batches/{batch['id']}",
                                headers=zhifa.headers("supervisor", region_code="500113"))
        assert resp.status_code == 404 and resp.json()["type"] == P + "batch-not-found"


class TestScoreFile:
    async def test_deductions_never_go_below_zero_per_item(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await score(zhifa, review, batch, batch["files"][0], deductions=[
            {"item_code": "filing", "points": 15, "note": "未按时立案"},
            {"item_code": "inquiry", "points": 2, "note": "未逐页签名"}])
        assert resp.status_code == 200
        assert (resp.json()["score"], resp.json()["grade"]) == (88, "良好")

    async def test_a_veto_item_fails_the_file(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await score(zhifa, review, batch, batch["files"][0], vetoes=["two_officers"])
        assert (resp.json()["score"], resp.json()["grade"]) == (0, "不合格")
        assert resp.json()["problems"] == ["否决项：执法人员少于2人"]

    async def test_unknown_item_is_refused(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await score(zhifa, review, batch, batch["files"][0], vetoes=["nope"])
        assert resp.status_code == 422 and resp.json()["type"] == P + "score-invalid"

    async def test_requires_a_token(self, review):
        resp = await review.post(
            f"/api/v1/review/evaluation-batches/{uuid.uuid4()}/files/{uuid.uuid4()}/score",
            json={})
        assert resp.status_code == 401

    async def test_agencies_are_refused(self, zhifa, review, helpers):
        resp = await review.post(
            f"/api/v1/review/evaluation-batches/{uuid.uuid4()}/files/{uuid.uuid4()}/score",
            json={}, headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 403


class TestRanking:
    async def test_agencies_ranked_by_average_and_bulletin_lists_problems(
            self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        for f in batch["files"]:
            if f["agency_id"] == A1:
                await score(zhifa, review, batch, f, deductions=[
                    {"item_code": "decision", "points": 5, "note": "说理不充分"}])
            else:
                await score(zhifa, review, batch, f, vetoes=["evidence"])
        resp = await review.get(f"/api/v1/review/evaluation-batches/{batch['id']}/ranking",
                                headers=supervisor(zhifa))
        ranking = resp.json()
        assert resp.status_code == 200 and ranking["complete"] is True
        assert [(a["rank"], a["agency_id"], a["average_score"]) for a in ranking["agencies"]] == [
            (1, A1, 95), (2, A2, 0)]
        assert ranking["agencies"][1]["grades"] == {"不合格": 3}
        bulletin = (await review.get(
            f"/api/v1/review/evaluation-batches/{batch['id']}/bulletin",
            headers=supervisor(zhifa))).json()
        assert "否决项：证据不充分（3卷）" in bulletin["agencies"][1]["problems"]
        assert "存在问题" in bulletin["text"] and "2026-Q4" in bulletin["text"]

    async def test_incomplete_batch_is_marked(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await review.get(f"/api/v1/review/evaluation-batches/{batch['id']}/ranking",
                                headers=supervisor(zhifa))
        assert resp.json()["complete"] is False
        assert all(a["average_score"] is None for a in resp.json()["agencies"])

    async def test_requires_a_token(self, review):
        resp = await review.get(f"/api/v1/review/evaluation-batches/{uuid.uuid4()}/ranking")
        assert resp.status_code == 401

    async def test_officers_are_refused(self, zhifa, review, helpers):
        resp = await review.get(f"/api/v1/review/evaluation-batches/{uuid.uuid4()}/ranking",
                                headers=helpers.agency_headers(zhifa, "officer"))
        assert resp.status_code == 403


class TestAgencyReadsItsBulletin:
    async def test_evaluated_agency_reads_the_bulletin(self, zhifa, review, stub_cases):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await review.get(f"/api/v1/review/evaluation-batches/{batch['id']}/bulletin",
                                headers=zhifa.headers("agency_admin", agency_id=A1,
                                                      region_code="500112"))
        assert resp.status_code == 200 and resp.json()["title"].startswith("关于")

    async def test_other_agency_gets_404(self, zhifa, review, stub_cases, helpers):
        batch = await make_batch(zhifa, review, stub_cases)
        resp = await review.get(f"/api/v1/review/evaluation-batches/{batch['id']}/ranking",
                                headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 404 and resp.json()["type"] == P + "batch-not-found"
