"""Statistics by the official counting rule, the enterprise's record, 扫码入企 scans and
evaluations (aggregate for the agency, whole for the supervisor), and the public certificate
check."""

from __future__ import annotations

import uuid

from factories import DISTRICT, PER, C, problem, world
from harness import Platform
from inspection_factories import Inspections

NO_ISSUE = {"result": "no_issue", "findings": "未发现问题", "ended_at": "2026-03-10T02:00:00Z"}


class TestInspectionReports:
    async def test_statistics_record_scans_evaluations_and_certificates(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(), await x.target()
        i1 = await x.create(item, target)
        await x.walk(i1, "feedback")
        i2 = await x.create(item, target, type="case", source="complaint",
                            cap_exempt_reason="complaint_12345")
        await x.walk(i2, "start")
        await x.act(i2, "finish", NO_ISSUE)
        i3 = await x.create(item, target, type="special")
        await x.walk(i3, "start")
        await x.act(i3, "finish", {**NO_ISSUE, "result": "case", "findings": "无证经营"})
        lead = await zhifa.client.post(f"{C}/inspections/{i3['id']}/lead",
                                       headers=w.officer_headers(),
                                       json={"matter_id": w.matter["id"]})
        assert lead.status_code == 201, lead.text
        patrol = await x.create(item, None)
        await x.walk(patrol, "start")
        await x.act(patrol, "finish", NO_ISSUE)
        await x.create(item, target, joint_task_id=str(uuid.uuid4()))

        w2 = await world(zhifa, officers=2)  # another agency, its own registry row
        x2 = Inspections(w2)
        same = await x2.target(uscc=target["uscc"])
        dup = await x2.create(await x2.item(), same, planned_on="2026-03-20")
        flag = next(f for f in dup["flags"] if f["kind"] == "possible_duplicate")
        assert flag["agency_ids"] == [w.agency_id] and flag["suggest"] == "joint_inspection"

        path = f"{C}/inspections/statistics?year=2026"
        stats = (await zhifa.client.get(path, headers=w.officer_headers())).json()
        assert (stats["total"], stats["counted"], stats["enterprise"]) == (5, 2, 2), stats
        assert stats["by_type"] == {"routine": 1, "case": 1}
        assert stats["by_domain"] == {"urban_management": 2}
        assert stats["by_result"] == {"rectify": 1, "no_issue": 2, "case": 1}
        assert stats["cap_exemptions"] == {"complaint_12345": 1}
        assert (stats["led_to_case"], stats["joint_tasks"], stats["joint_departments"]) == \
            (1, 1, 1)
        supervisor = zhifa.headers("supervisor", region_code=DISTRICT)
        assert (await zhifa.client.get(path, headers=supervisor)).json()["total"] == 6
        stranger = zhifa.headers("officer", agency_id=str(uuid.uuid4()), region_code="500113")
        assert (await zhifa.client.get(path, headers=stranger)).json()["total"] == 0
        other_year = await zhifa.client.get(f"{C}/inspections/statistics?year=2025",
                                            headers=w.officer_headers())
        assert other_year.json()["total"] == 0

        rec = (await zhifa.client.get(
            f"{C}/inspection-targets/{target['id']}/inspections?year=2026",
            headers=w.officer_headers())).json()
        assert [r["inspection_id"] for r in rec["inspections"]][:3] == [i1["id"], i2["id"],
                                                                         i3["id"]]
        assert rec["by_agency"] == [{"agency_id": w.agency_id, "counted_toward_cap": 2,
                                     "total": 4}]

        scanned = await x.act(i1, "scan", {"scanned_at": "2026-03-10T03:00:00Z"})
        assert scanned["flags"][-1]["kind"] == "late_scan"

        code = i1["public_code"]
        for body in ({"rating": 5}, {"rating": 2, "is_complaint": True, "breaches": [0, 6],
                                     "comment": "要求法定代表人到场"}):
            resp = await zhifa.client.post(f"{C}/inspections/by-code/{code}/evaluations",
                                           json=body)
            assert resp.status_code == 201, resp.text
        agg = (await zhifa.client.get(f"{C}/inspection-evaluations?year=2026",
                                      headers=w.officer_headers())).json()
        assert (agg["count"], agg["average_rating"], agg["complaints"]) == (2, 3.5, 1)
        assert agg["by_breach"] == {"0": 1, "6": 1} and agg["items"] is None
        whole = (await zhifa.client.get(f"{C}/inspection-evaluations?year=2026",
                                        headers=supervisor)).json()
        assert sorted(e["rating"] for e in whole["items"]) == [2, 5]
        problem(await zhifa.client.get(f"{C}/inspections/by-code/{'x' * 24}"), 404,
                "inspection-not-found")

        number = i1["officers"][0]["certificate_numbers"][0]
        cert = await zhifa.client.get(f"{PER}/certificates/verify/{number}")
        assert cert.status_code == 200, cert.text
        assert cert.json()["valid_today"] is True and cert.json()["name"]
        assert cert.json()["domains"] == ["urban_management"]
        problem(await zhifa.client.get(f"{PER}/certificates/verify/CQ-none"), 404,
                "certificate-not-found")
