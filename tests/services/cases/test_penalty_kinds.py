"""Issue 16 point 5: all penalty kinds of 行政处罚法第九条, each with its hearing right (第六十三条)
and its 统计年报 column (heaviest first); review's catalogue and publicity's classes use the same
kinds."""

from __future__ import annotations

import typing

from factories import REV, problem, world
from harness import Platform

from services.cases import penalties
from services.cases.lifecycle.schemas import PenaltyKind
from services.publicity.disclosures.rules import CATEGORY, penalty_categories
from services.review.legal.schemas import PENALTY_KINDS

ART9 = ("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
        "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留",
        "其他")


class TestOneListOfKinds:
    def test_every_article_9_kind_is_known_to_all_three_services(self) -> None:
        names = {k: v.name for k, v in penalties.KINDS.items()}
        assert set(ART9) <= set(names.values())
        assert set(typing.get_args(PenaltyKind)) == set(names)
        assert PENALTY_KINDS == names
        assert {k: CATEGORY[k] for k in names} == names and set(CATEGORY) == set(names)

    def test_hearing_rights_follow_article_63(self) -> None:
        always = {k for k, v in penalties.KINDS.items() if v.hearing == "always"}
        assert always == {"qualification_downgrade", "license_revocation", "business_suspension",
                          "closure", "employment_restriction"}
        assert penalties.AMOUNT_KINDS == {"fine", "confiscation", "confiscate_income",
                                          "confiscate_property"}

    def test_report_counts_the_heaviest_kind_once(self) -> None:
        col = penalties.report_column
        assert col(["fine", "other"]) == "罚款"
        assert col(["warning", "license_revocation", "fine"]) == "吊销许可证件"
        assert col(["employment_restriction"]) == col(["closure"]) == "责令关闭、限制从业"
        assert col(["detention", "license_revocation"]) == "行政拘留"
        assert col(["other"]) == "其他" and col([]) is None
        # publicity's 处罚类别 lists the heaviest first, so its main category agrees
        assert penalty_categories([{"kind": "fine"}, {"kind": "license_revocation"},
                                   {"kind": "other"}])[0] == "吊销许可证件"


class TestHearingRightAtConclusion:
    async def test_kinds_of_article_63_carry_the_hearing_right(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        base = {"outcome": "penalty", "reasoning": "事实清楚"}
        for kind, eligible in (("license_suspension", False), ("criticism", False),
                               ("employment_restriction", True), ("closure", True)):
            out = await w.act(case["id"], "conclude", {**base, "penalties": [{"kind": kind}]})
            assert out["hearing_eligible"] is eligible, kind
        conclusion = (await w.get(case["id"]))["conclusion"]
        assert conclusion["hearing_reasons"] == ["责令关闭（行政处罚法第六十三条）"]

    async def test_confiscated_income_above_the_threshold(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        out = await w.act(case["id"], "conclude", {
            "outcome": "penalty", "reasoning": "事实清楚",
            "penalties": [{"kind": "confiscate_income", "amount": "6000.00"}]})
        assert out["hearing_eligible"] is True
        reasons = (await w.get(case["id"]))["conclusion"]["hearing_reasons"]
        assert reasons == ["没收违法所得6000.00元达到较大数额（5000.00元）"]


class TestReviewCatalogueKinds:
    async def test_catalogue_names_only_article_9_kinds(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        url = f"{REV}/major-decision-catalogues"
        body = {"name": "某镇重大执法决定目录", "agency_id": w.agency_id,
                "rules": {"major_kinds": {"revoke_license": "吊销执照"}}}
        resp = await zhifa.client.post(url, headers=w.admin_headers(), json=body)
        assert problem(resp, 422, "validation-error")
        assert "行政处罚法第九条" in resp.text
        body["rules"]["major_kinds"] = {"employment_restriction": "限制从业"}
        resp = await zhifa.client.post(url, headers=w.admin_headers(), json=body)
        assert resp.status_code == 201, resp.text
