"""Issue 16 point 2: age from the 身份证号 on the act date and capacity (行政处罚法第三十条–
第三十二条): under 14 not punished (guardian ordered), 14–17 从轻/减轻 within the tier's lower
part, 第三十一条 and 第三十二条 circumstances, and the summary procedure refusing a child."""

from __future__ import annotations

from typing import Any

from factories import C, World, id_number, problem, world
from factories_extra import agency_with_officers, create_matter
from harness import Platform


def person(born: str, is_minor: bool = False) -> dict[str, Any]:
    return {"kind": "person", "name": "小明", "id_number": id_number(born),
            "address": "木耳镇人民路1号", "is_minor": is_minor}


async def _conclude(w: World, case_id: str, **body: Any) -> Any:
    return await w.client.post(f"{C}/cases/{case_id}/conclude", headers=w.officer_headers(),
                               json={"reasoning": "事实清楚", **body})


FINE = {"outcome": "penalty", "discretion_tier": "轻微"}


class TestAgeFromIdNumber:
    async def test_under_14_is_not_punished_and_the_guardian_is_ordered(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(party=person("20130302"))  # 12 on the act date 2026-03-01
        assert case["party"]["is_minor"] is True
        await w.act(case["id"], "file", {"officer_ids": w.officers[:2],
                                         "approver_id": w.officers[2], "filed_on": "2026-03-03"})
        for body in ({**FINE, "penalties": [{"kind": "warning"}]},
                     {"outcome": "no_penalty", "education_record": "已教育"}):
            refused = problem(await _conclude(w, case["id"], **body), 409,
                              "age-or-capacity-rule")
            assert (refused["rule"], refused["age"]) == ("行政处罚法第三十条", 12)
        await w.act(case["id"], "conclude", {"outcome": "minor_no_penalty",
                                             "reasoning": "责令监护人加以管教"})
        out = await w.act(case["id"], "decide", {"decided_on": "2026-03-10"})
        assert out["decision"]["kind"] == "minor_no_penalty"

    async def test_14_to_17_must_be_lighter_within_the_lower_half(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(party=person("20100601"))  # 15
        await w.act(case["id"], "file", {"officer_ids": w.officers[:2],
                                         "approver_id": w.officers[2], "filed_on": "2026-03-03"})
        fine = {**FINE, "penalties": [{"kind": "fine", "amount": "1500.00"}]}
        refused = problem(await _conclude(w, case["id"], **fine), 409, "age-or-capacity-rule")
        assert (refused["rule"], refused["age"]) == ("行政处罚法第三十条", 15)
        # 轻微 tier 0–2000 元: 从轻 keeps the fine at or below 1000 元 (lower half, configurable)
        refused = problem(await _conclude(w, case["id"], **fine, mitigation="lighter"), 409,
                          "age-or-capacity-rule")
        assert refused["rule"] == "行政处罚法第三十条" and refused["cap_fen"] == 100_000
        await w.act(case["id"], "conclude", {
            **FINE, "reasoning": "从轻", "mitigation": "lighter",
            "penalties": [{"kind": "fine", "amount": "800.00"}]})
        assert (await w.get(case["id"]))["conclusion"]["mitigation"] == "lighter"

    async def test_adult_by_id_number_whatever_the_flag(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(party=person("19900101", is_minor=True))
        assert case["party"]["is_minor"] is False
        await w.act(case["id"], "file", {"officer_ids": w.officers[:2],
                                         "approver_id": w.officers[2], "filed_on": "2026-03-03"})
        fine = {**FINE, "penalties": [{"kind": "fine", "amount": "1500.00"}]}
        refused = problem(await _conclude(w, case["id"], **fine, circumstances=["confessed"]),
                          409, "age-or-capacity-rule")
        assert refused["rule"] == "行政处罚法第三十二条"
        refused = problem(await _conclude(w, case["id"], **fine, circumstances=["no_capacity"]),
                          409, "age-or-capacity-rule")
        assert refused["rule"] == "行政处罚法第三十一条"
        await w.act(case["id"], "conclude", {**fine, "circumstances": ["confessed"],
                                             "mitigation": "reduced"})


class TestSummaryProcedure:
    async def test_a_party_under_14_is_refused(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        resp = await zhifa.client.post(f"{C}/summary-decisions", headers=agency.headers(zhifa),
                                       json={"matter_id": str(matter.id),
                                             "party": person("20150101"),
                                             "penalty": {"kind": "warning"},
                                             "officer_ids": agency.officers[:2],
                                             "facts": "占道摆摊", "place": "木耳镇人民路",
                                             "decided_at": "2026-11-20T02:00:00Z"})
        assert problem(resp, 422, "summary-procedure-not-allowed")["rule"] == "行政处罚法第三十条"
