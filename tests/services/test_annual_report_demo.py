"""The demo year's annual report (issue 14 "done when"): the report review makes for 洛碛镇
2024 from the four services' real statistics endpoints states every seed-002 number
(002_97708ade7f8a5b02.txt) in the JSON, the XLSX (openpyxl) and the .docx
(python-docx); a figure's provenance lists the counted records; a supervisor of another town
sees neither the report nor the town's figures. One demo load per module."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from harness import Platform
from openpyxl import load_workbook

YEAR, LUOQI, MUER, DISTRICT = 2024, "500112118", "500112117", "500112"
URL = "/api/v1/review/annual-reports"
SEED_002 = {"licensing.applications": 41, "licensing.accepted": 41, "licensing.decided": 41,
            "licensing.decided.XK-0101": 32, "licensing.decided.XK-0201": 9,
            "inspections.counted": 726, "inspections.enterprise": 116,
            "coercion.items.seize": 185, "penalty.decisions.total": 201,
            "penalty.decisions.warning": 9, "penalty.decisions.fine": 192,
            "penalty.amount.fine_yuan": 11650, "penalty.amount.fine_wan": 1.165,
            "officers.year_end": 11, "officers.added": 3, "officers.removed": 9}


@pytest.fixture(scope="session")
def demo(demo_year: Platform) -> Platform:
    """The session's demo year (tests/services/conftest.py)."""
    return demo_year


@pytest.fixture(scope="module")
async def report(demo: Platform) -> dict[str, Any]:
    resp = await demo.client.post(URL, json={"year": YEAR, "kind": "enforcement",
                                             "region_code": LUOQI},
                                  headers=demo.headers("supervisor", region_code=DISTRICT))
    assert resp.status_code == 201, resp.text
    return resp.json()


def sup(demo: Platform, region: str = DISTRICT) -> dict[str, str]:
    return demo.headers("supervisor", region_code=region)


async def test_the_json_states_every_seed_002_figure(demo: Platform,
                                                     report: dict[str, Any]) -> None:
    got = {f["key"]: f["value"] for f in report["figures"]}
    assert {k: got.get(k) for k in SEED_002} == SEED_002
    assert report["skipped_sources"] == []
    # the loader delivered every event before it ended: nothing is provisional
    assert report["pending_events"] == {} and not any(f["provisional"] for f in report["figures"])
    assert report["scope_name"] == "重庆市渝北区洛碛镇人民政府"
    src = next(f["source"] for f in report["figures"] if f["key"] == "inspections.counted")
    assert src == {"service": "cases", "path": "/api/v1/cases/inspections/statistics",
                   "params": {"year": YEAR, "region_code": LUOQI}}


async def test_provenance_lists_the_counted_records(demo: Platform,
                                                    report: dict[str, Any]) -> None:
    url = f"{URL}/{report['id']}/figures/penalty.decisions.warning/records"
    resp = await demo.client.get(url, params={"limit": 50}, headers=sup(demo))
    assert resp.status_code == 200, resp.text
    items = resp.json()["items"]
    assert len(items) == 9 and len({i["id"] for i in items}) == 9
    assert {i["kind"] for i in items} == {"case"}


async def test_the_xlsx_tables_state_the_seed_figures(demo: Platform,
                                                      report: dict[str, Any]) -> None:
    resp = await demo.client.get(f"{URL}/{report['id']}/tables.xlsx", headers=sup(demo))
    book = load_workbook(io.BytesIO(resp.content))

    def row(sheet: str) -> dict[str, Any]:
        rows = [[c.value for c in r] for r in book[sheet].iter_rows()]
        return dict(zip(rows[2], rows[3], strict=True))

    t1 = row("表一")
    assert t1["填报单位"] == "重庆市渝北区洛碛镇人民政府"  # not "辖区 500112118"
    assert (t1["警告"], t1["罚款"], t1["合计"], t1["罚没金额（万元）"]) == (9, 192, 201, 1.165)
    t2 = row("表二")
    assert (t2["申请数量"], t2["受理数量"]) == (41, 41)
    assert row("表三")["扣押财物（件）"] == 185
    t4 = row("表四")
    assert (t4["行政检查"], t4["其中：涉企行政检查"]) == (726, 116)
    assert row("表五")["执法岗位人数"] == 11


async def test_the_docx_states_the_seed_figures(demo: Platform, report: dict[str, Any]) -> None:
    resp = await demo.client.get(f"{URL}/{report['id']}/report.docx", headers=sup(demo))
    assert resp.status_code == 200, resp.text
    doc = Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    for phrase in ("关于 2024 年度行政执法工作开展情况的报告",
                   "受理行政许可申请 41 件，作出行政许可决定 41 件",
                   "开展行政检查 726 次，其中涉企行政检查 116 次", "扣押涉案财物 185 件",
                   "作出行政处罚决定 201 件（警告 9 件、罚款 192 件），罚没金额共计 1.165 万元",
                   "执法人员 11 名，本年度新增 3 名、减少 9 名"):
        assert phrase in text, phrase
    cells = {r.cells[1].text: r.cells[2].text for r in doc.tables[0].rows}
    assert {k: cells[k] for k in SEED_002} == {k: str(v) for k, v in SEED_002.items()}
    assert len(doc.inline_shapes) == 3  # penalties, inspections by month, complaints


async def test_another_towns_supervisor_sees_nothing(demo: Platform,
                                                     report: dict[str, Any]) -> None:
    other = sup(demo, MUER)
    assert (await demo.client.get(f"{URL}/{report['id']}", headers=other)).status_code == 404
    made = await demo.client.post(URL, json={"year": YEAR, "region_code": LUOQI},
                                  headers=other)
    assert made.status_code == 403
    own = await demo.client.post(URL, json={"year": YEAR, "region_code": MUER}, headers=other)
    got = {f["key"]: f["value"] for f in own.json()["figures"]}
    assert got["penalty.decisions.total"] != 201 and got["inspections.counted"] != 726


async def test_the_dashboard_splits_the_district_by_agency(demo: Platform) -> None:
    resp = await demo.client.get("/api/v1/review/dashboard",
                                 params={"region_code": DISTRICT, "year": YEAR},
                                 headers=sup(demo))
    assert resp.status_code == 200, resp.text
    rows = resp.json()["agencies"]
    luoqi = [r for r in rows if (r["region_code"] or "").startswith(LUOQI)]
    assert luoqi and len(rows) > len(luoqi)
    assert sum(r["figures"]["penalty.decisions.total"] or 0 for r in luoqi) == 201
    assert sum(r["figures"]["inspections.counted"] or 0 for r in luoqi) == 726
    assert all(r["certificate_rate"] is not None for r in luoqi)
