"""Two flaws of the annual report (issue 14): 填报单位 names the unit, not "辖区 <code>"; and a
report made before publicity has received the decisions' events says so: each source states
its undelivered events (`undelivered_events`, service token / sysadmin only), the report keeps
them (`pending_events`), marks the figures of the awaiting service `provisional` and says "数据
截至 …" in the XLSX; once the events are delivered a new version is plain. Real services, no
stand-ins; the outbox worker does not run in tests, so delivery is `zhifa.drain()`."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx import Document
from factories import DISTRICT, TOWN, C, World, id_number, uscc, world
from harness import Platform
from openpyxl import load_workbook

from common.calendar import LEGAL_TZ

URL = "/api/v1/review/annual-reports"
YEAR = 2026
TOWN_C = "500112155"


async def summary_fine(zhifa: Platform, w: World, day: int) -> str:
    resp = await zhifa.client.post(f"{C}/summary-decisions", headers=w.officer_headers(), json={
        "matter_id": w.matter["id"], "officer_ids": w.officers[:2],
        "party": {"kind": "person", "name": "李四", "id_number": id_number()},
        "penalty": {"kind": "fine", "amount": "50.00"}, "facts": "占道经营",
        "decided_at": f"2026-03-{day:02d}T10:00:00+08:00", "place": "人民路"})
    assert resp.status_code == 201, resp.text
    return resp.json()["case_id"]


async def make(zhifa: Platform, **scope: Any) -> dict[str, Any]:
    resp = await zhifa.client.post(URL, json={"year": YEAR, "kind": "statistical", **scope},
                                   headers=zhifa.headers("supervisor", region_code=DISTRICT))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def xlsx_rows(zhifa: Platform, report: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    resp = await zhifa.client.get(f"{URL}/{report['id']}/tables.xlsx",
                                  headers=zhifa.headers("supervisor", region_code=DISTRICT))
    assert resp.status_code == 200, resp.text
    sheet = load_workbook(io.BytesIO(resp.content))["表一"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    return "\n".join(str(v) for r in rows[:2] for v in r if v), dict(
        zip(rows[2], rows[3], strict=True))


async def docx_as_of(zhifa: Platform, report: dict[str, Any]) -> str:
    """The .docx line under 附表 that states the snapshot's time (数据截至)."""
    resp = await zhifa.client.get(f"{URL}/{report['id']}/report.docx",
                                  headers=zhifa.headers("supervisor", region_code=DISTRICT))
    assert resp.status_code == 200, resp.text
    lines = [p.text for p in Document(io.BytesIO(resp.content)).paragraphs]
    return lines[lines.index("附表：主要数据") + 1]


async def test_unit_is_the_agency_or_the_towns_government(zhifa: Platform) -> None:
    w = await world(zhifa, region=TOWN_C)
    team = await zhifa.client.post("/api/v1/personnel/agencies", headers=zhifa.headers(
        "sysadmin"), json={"name": "某镇综合行政执法大队", "uscc": uscc(),
                           "kind": "comprehensive_team", "region_code": TOWN_C,
                           "parent_id": w.agency_id, "domains": []})
    assert team.status_code == 201, team.text
    region = await make(zhifa, region_code=TOWN_C)
    assert region["scope_name"] == w.agency["name"]  # the town's one township_government
    _, t1 = await xlsx_rows(zhifa, region)
    assert t1["填报单位"] == w.agency["name"]
    agency = await make(zhifa, agency_id=w.agency_id)
    assert agency["scope_name"] == w.agency["name"]
    assert (await xlsx_rows(zhifa, agency))[1]["填报单位"] == w.agency["name"]
    for code in ("500112199", TOWN):  # no agency at that code; several governments there
        unnamed = await make(zhifa, region_code=code)
        assert unnamed["scope_name"] == ""
        assert (await xlsx_rows(zhifa, unnamed))[1]["填报单位"] == f"辖区 {code}"


async def test_report_before_delivery_is_marked_provisional(zhifa: Platform) -> None:
    w = await world(zhifa)
    await zhifa.drain()
    decided = [await summary_fine(zhifa, w, 2 + n) for n in range(3)]
    stats = await zhifa.client.get(f"{C}/statistics", params={"year": YEAR},
                                   headers=zhifa.headers("sysadmin"))
    assert stats.json()["undelivered_events"]["publicity"] == len(decided)
    own = await zhifa.client.get(f"{C}/statistics", params={"year": YEAR},
                                 headers=w.officer_headers())
    assert own.json()["undelivered_events"] is None  # an operational count, not for officers

    early = await make(zhifa, agency_id=w.agency_id)
    assert early["pending_events"]["cases→publicity"] == len(decided)
    by_service = {f["key"]: (f["source"]["service"], f["provisional"]) for f in early["figures"]}
    assert by_service["publicity.decisions_published"] == ("publicity", True)
    assert by_service["penalty.decisions.total"] == ("cases", False)
    head, _ = await xlsx_rows(zhifa, early)
    assert "尚有事件未送达（cases→publicity" in head and "暂计数" in head
    made = datetime.fromisoformat(early["made_at"]).astimezone(LEGAL_TZ)
    line = await docx_as_of(zhifa, early)
    assert line.startswith(f"数据截至 {made:%Y-%m-%d %H:%M}（第 1 版，草稿），其时尚有事件未送达"
                           "（cases→publicity "), line
    assert line.endswith("相关数据为暂计数") and line in head

    await zhifa.drain()
    later = await make(zhifa, agency_id=w.agency_id)
    assert later["pending_events"] == {}
    assert not any(f["provisional"] for f in later["figures"])
    assert "暂计数" not in (await xlsx_rows(zhifa, later))[0]
    made = datetime.fromisoformat(later["made_at"]).astimezone(LEGAL_TZ)
    assert await docx_as_of(zhifa, later) == f"数据截至 {made:%Y-%m-%d %H:%M}（第 2 版，草稿）"
    fetched = await zhifa.client.get(f"{URL}/{early['id']}",
                                     headers=zhifa.headers("supervisor", region_code=DISTRICT))
    assert fetched.json()["pending_events"] == early["pending_events"]  # the snapshot keeps it
