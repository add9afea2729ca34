"""Demo cases (part of `zhifa demo load`) the OpenAPI examples act on, with fixed ids
(`services.cases.examples.demo_id`): a lead to file (`file_case`) and a case whose 事先告知书
was served on 2026-11-20, ready to decide (`decide_case`). Skipped when the lead exists."""

from __future__ import annotations

from typing import Any

from gateway.demo import fixed
from kit.db import planned_ids


async def load_cases(demo: Any) -> None:
    """Two cases the examples act on: a lead to file (`file_case`) and a case whose 事先
    告知书 was served on 2026-11-20, ready to decide (`decide_case`)."""
    await demo.login("muer-officer")
    lead, notified = fixed("case/lead"), fixed("case/notified")
    if (await demo.call("GET", f"/api/v1/cases/cases/{lead}", ok=(200, 404))
            ).status_code == 200:
        return
    matter = str(fixed("matter/muer_team/UM-0101"))
    party = {"kind": "organization", "name": "重庆市渝北区木耳镇好再来餐馆",
             "uscc": "91500112MA5U7KQ208", "address": "重庆市渝北区木耳镇金鹤路18号"}
    team = [str(fixed(f"officer/{n}")) for n in ("王建国", "李晓梅")]
    for case_id, facts in ((lead, "金鹤路18号门前人行道摆放桌椅占道经营，约12平方米。"),
                           (notified, "金鹤路18号门前人行道再次摆放桌椅占道经营。")):
        with planned_ids(cases=[case_id]):
            await demo.call("POST", "/api/v1/cases/cases", json={
                "matter_id": matter, "party": party, "source": "inspection",
                "act_date": "2026-11-10", "discovered_on": "2026-11-10", "facts": facts})
    base = f"/api/v1/cases/cases/{notified}"
    await demo.call("POST", f"{base}/file", json={
        "officer_ids": team, "approver_id": str(fixed("officer/张志强")),
        "filed_on": "2026-11-11"})
    await demo.call("POST", f"{base}/conclude", json={
        "outcome": "penalty", "discretion_tier": "一般", "reasoning": "经劝阻后再次占道",
        "penalties": [{"kind": "fine", "amount": "2000.00"}]})
    await demo.call("POST", f"{base}/notify", json={"served_on": "2026-11-20",
                                                    "method": "direct"})
