"""Two figures of the 评议考核 indicator set (issue 15 point 6), counted exactly through the
real API: decisions revoked or changed after a recorded 复议/诉讼 (行政处罚法第七十三条 remedy
periods on the case) and enterprise inspections approved under a cap exemption (国办发〔2024〕
54号); the provenance ids are the records behind each figure."""

from __future__ import annotations

from typing import Any

from factories import C, World, world
from harness import Platform
from inspection_factories import Inspections

YEAR = 2026


async def figures(zhifa: Platform, path: str, w: World) -> dict[str, Any]:
    resp = await zhifa.client.get(path, headers=w.admin_headers(), params={"year": YEAR})
    assert resp.status_code == 200, resp.text
    return {f["key"]: f["value"] for f in resp.json()["figures"]}


async def records(zhifa: Platform, path: str, w: World, key: str) -> list[str]:
    resp = await zhifa.client.get(f"{path}/records", headers=w.admin_headers(),
                                  params={"year": YEAR, "key": key, "limit": 50})
    assert resp.status_code == 200, resp.text
    return sorted(r["id"] for r in resp.json()["items"])


async def served(w: World) -> str:
    case = await w.decided()
    await w.act(case["id"], "serve", {"method": "direct", "served_on": "2026-03-30"})
    return case["id"]


async def revoke(w: World, case_id: str, kind: str = "revoked") -> None:
    await w.act(case_id, "revoke-decision", {"reason": "复议机关决定撤销", "kind": kind,
                                             "revoked_on": "2026-06-01"})


class TestRevokedAfterRemedy:
    async def test_counts_revocations_of_cases_with_a_recorded_reconsideration_or_suit(
            self, zhifa: Platform) -> None:
        """行政处罚法第七十三条: the 复议/诉讼 recorded on the case (remedy periods) marks a
        revocation as one made in 复议/诉讼; a revocation without one (self-correction) and
        a 复议 still pending without a revocation do not count."""
        w, other = await world(zhifa), await world(zhifa)
        in_remedy = await served(w)
        await w.act(in_remedy, "remedy", {"pending": True, "kind": "reconsideration",
                                          "on": "2026-04-10"})
        await w.act(in_remedy, "remedy", {"pending": False, "kind": "reconsideration",
                                          "on": "2026-05-30"})
        await revoke(w, in_remedy)
        changed = await served(w)  # changed by the court while the suit is pending
        await w.act(changed, "remedy", {"pending": True, "kind": "litigation",
                                        "on": "2026-04-20"})
        await revoke(w, changed, "changed")
        self_corrected = await served(w)
        await revoke(w, self_corrected)
        pending = await served(w)
        await w.act(pending, "remedy", {"pending": True, "kind": "reconsideration",
                                        "on": "2026-04-10"})
        elsewhere = await served(other)  # another agency's: not in w's scope
        await other.act(elsewhere, "remedy", {"pending": True, "kind": "litigation",
                                              "on": "2026-04-10"})
        await revoke(other, elsewhere)

        path = f"{C}/statistics"
        values = await figures(zhifa, path, w)
        assert values["decisions.revoked_after_remedy"] == 2
        assert values["penalty.decisions.total"] == 4  # revoked decisions still count there
        assert await records(zhifa, path, w, "decisions.revoked_after_remedy") == sorted(
            [in_remedy, changed])
        assert (await figures(zhifa, path, other))["decisions.revoked_after_remedy"] == 1


class TestCapExempted:
    async def test_counts_inspections_approved_or_started_under_a_cap_exemption(
            self, zhifa: Platform) -> None:
        """国办发〔2024〕54号: an inspection approved beyond the cap with an exemption reason is
        counted; one registered with a reason but never approved, and the refused approval
        over the cap, are not."""
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=1), await x.target()
        await x.act(await x.create(item, target), "approve")
        over = await x.create(item, target)
        refused = await zhifa.client.post(f"{C}/inspections/{over['id']}/approve",
                                          headers=w.admin_headers(),
                                          json={"approver_id": w.officers[2]})
        assert refused.status_code == 409
        path = f"{C}/inspections/statistics"
        assert (await figures(zhifa, path, w))["inspections.cap_exempted"] == 0
        await x.act(over, "approve", {"cap_exempt_reason": "complaint_12345"})
        await x.create(item, target, cap_exempt_reason="media_exposure")  # not approved
        values = await figures(zhifa, path, w)
        assert values["inspections.cap_exempted"] == 1
        assert await records(zhifa, path, w, "inspections.cap_exempted") == [over["id"]]
