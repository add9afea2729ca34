"""年度报告 (issue 14 part B): snapshot, scope, narrative PATCH with If-Match, finalise,
versions, year-over-year, XLSX / CSV / .docx / PNG read back.

The statistics endpoints of slice `stats` are not merged yet: a stand-in answering the issue's
contract shape (`{year, scope, figures}`) replaces review's upstream clients here, so the
numbers can change under a finalised report. The demo-year test over the real services lands
with the merge of `stats`."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import httpx
import pytest
from docx import Document
from fastapi import FastAPI, Request
from openpyxl import load_workbook

from kit.http import ServiceClient

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/annual-reports"
# seed 002 (洛碛镇 2024)
SEED = {"penalty.decisions.warning": 9, "penalty.decisions.fine": 192,
        "penalty.decisions.total": 201, "penalty.amount.fine_yuan": 11650,
        "penalty.amount.total_wan": 1.165, "inspections.counted": 726,
        "inspections.enterprise": 116, "coercion.items.seize": 185,
        "licensing.applications": 41, "licensing.accepted": 41, "licensing.granted": 41,
        "licensing.decided": 41, "licensing.decided.XK-0101": 32, "licensing.decided.XK-0201": 9,
        "officers.year_end": 11, "officers.added": 3, "officers.removed": 9,
        "inspections.month.03": 60, "complaints.received": 12, "complaints.responded": 12,
        "complaints.completed": 11}
UNITS = {"penalty.amount.fine_yuan": "元", "penalty.amount.total_wan": "万元"}


class StandIn:
    """Statistics endpoints in the contract shape; `values[(path, scope)]` per scope."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}
        self.calls: list[dict[str, Any]] = []
        self.groups = False  # answer group_by=agency (the request to slice stats)
        self.app = FastAPI()

        @self.app.get("/api/v1/{service}/statistics")
        async def stats(service: str, request: Request) -> dict[str, Any]:
            return self._answer(service, dict(request.query_params))

        @self.app.get("/api/v1/cases/{sub}/statistics")
        async def sub_stats(sub: str, request: Request) -> dict[str, Any]:
            return self._answer(sub, dict(request.query_params))

        @self.app.get("/api/v1/cases/statistics/records")
        async def records(key: str, request: Request) -> dict[str, Any]:
            self.calls.append({"records": key, **request.query_params})
            items = [{"id": str(uuid.UUID(int=i)), "label": "x", "kind": "case"}
                     for i in range(3)]
            return {"key": key, "items": items, "next_cursor": None, "limit": 50}

    def _answer(self, service: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append({"service": service, **params})
        if self.groups and params.get("group_by") == "agency":
            year = params.get("year")
            return {"year": int(year), "scope": params, "groups": [
                {"agency_id": k.split(":", 1)[1], "figures": self._figures(service, v)}
                for k, v in self.values.items() if k.startswith(f"{year}:")]}
        scope = params.get("agency_id") or params.get("region_code")
        vals = self.values.get(f"{params.get('year')}:{scope}", {})
        return {"year": int(params["year"]), "scope": params,
                "figures": self._figures(service, vals)}

    @staticmethod
    def _figures(service: str, vals: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"key": k, "label": k, "value": v, "unit": UNITS.get(k, "件"),
                 "rule": "测试口径"} for k, v in vals.items() if _owner(k) == service]


def _owner(key: str) -> str:
    head = key.split(".")[0]
    return {"penalty": "cases", "coercion": "cases", "officers": "personnel",
            "complaints": "review", "overdue": "cases", "evaluation": "review"}.get(head, head)


class StatisticsOnly:
    """personnel's real endpoints (agency regions), but its statistics from the stand-in."""

    def __init__(self, real: ServiceClient, stub: ServiceClient) -> None:
        self.real, self.stub, self.http = real, stub, real.http

    async def call(self, method: str, path: str, **kw: Any) -> httpx.Response:
        target = self.stub if "/statistics" in path else self.real
        return await target.call(method, path, **kw)


@pytest.fixture
async def stand_in(zhifa) -> Any:
    stub = StandIn()
    state = zhifa.apps["review"].state
    saved = dict(state.clients)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=stub.app), base_url="http://s")
    for name in ("cases", "review", "publicity"):
        state.clients[name] = ServiceClient(name, http)
    state.clients["personnel"] = StatisticsOnly(saved["personnel"], ServiceClient("p", http))
    try:
        yield stub
    finally:
        state.clients.clear()
        state.clients.update(saved)
        await http.aclose()


def admin(zhifa, helpers, agency=None):
    return helpers.agency_headers(zhifa, "agency_admin", agency=agency or helpers.AGENCY)


def supervisor(zhifa, region="500112"):
    return zhifa.headers("supervisor", region_code=region)


async def make(review, headers, **body) -> httpx.Response:
    return await review.post(URL, json={"year": 2024, "kind": "enforcement", **body},
                             headers=headers)


def values(report: dict[str, Any]) -> dict[str, Any]:
    return {f["key"]: f["value"] for f in report["figures"]}


async def test_snapshot_states_the_figures_with_provenance(zhifa, review, helpers, stand_in):
    stand_in.values[f"2024:{helpers.AGENCY}"] = SEED
    resp = await make(review, admin(zhifa, helpers), agency_id=str(helpers.AGENCY))
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["status"] == "draft" and body["number"] == 1
    assert values(body) == SEED
    fine = next(f for f in body["figures"] if f["key"] == "penalty.decisions.total")
    assert fine["source"] == {"service": "cases", "path": "/api/v1/cases/statistics",
                              "params": {"year": 2024, "agency_id": str(helpers.AGENCY)}}
    assert fine["rule"] == "测试口径" and resp.headers["ETag"] == 'W/"1"'
    rec = await review.get(f"{URL}/{body['id']}/figures/penalty.decisions.total/records",
                           headers=admin(zhifa, helpers))
    assert rec.status_code == 200 and len(rec.json()["items"]) == 3
    assert stand_in.calls[-1]["agency_id"] == str(helpers.AGENCY)
    missing = await review.get(f"{URL}/{body['id']}/figures/nope/records",
                               headers=admin(zhifa, helpers))
    assert missing.status_code == 404 and missing.json()["type"] == P + "figure-not-found"


async def test_finalised_report_does_not_change_when_new_data_arrive(zhifa, review, helpers,
                                                                     stand_in):
    stand_in.values[f"2024:{helpers.AGENCY}"] = dict(SEED)
    rid = (await make(review, admin(zhifa, helpers), agency_id=str(helpers.AGENCY))).json()["id"]
    done = await review.post(f"{URL}/{rid}/finalise", headers=admin(zhifa, helpers))
    assert done.status_code == 200 and done.json()["status"] == "finalised"
    stand_in.values[f"2024:{helpers.AGENCY}"]["penalty.decisions.total"] = 250
    again = (await review.get(f"{URL}/{rid}", headers=admin(zhifa, helpers))).json()
    assert values(again)["penalty.decisions.total"] == 201
    etag = (await review.get(f"{URL}/{rid}", headers=admin(zhifa, helpers))).headers["ETag"]
    edit = await review.patch(f"{URL}/{rid}", json={"problems": "改"},
                              headers={**admin(zhifa, helpers), "If-Match": etag})
    assert edit.status_code == 409 and edit.json()["type"] == P + "report-finalised"
    assert "定稿" in edit.json()["rule"]
    # a new version replaces it and sees the new data; the old one is superseded
    v2 = await make(review, admin(zhifa, helpers), agency_id=str(helpers.AGENCY))
    assert (v2.json()["number"], v2.json()["replaces_id"]) == (2, rid)
    assert values(v2.json())["penalty.decisions.total"] == 250
    await review.post(f"{URL}/{v2.json()['id']}/finalise", headers=admin(zhifa, helpers))
    old = (await review.get(f"{URL}/{rid}", headers=admin(zhifa, helpers))).json()
    assert old["status"] == "superseded" and values(old)["penalty.decisions.total"] == 201


async def test_narrative_patch_needs_the_current_etag(zhifa, review, helpers, stand_in):
    rid = (await make(review, admin(zhifa, helpers), agency_id=str(helpers.AGENCY))).json()["id"]
    url, h = f"{URL}/{rid}", admin(zhifa, helpers)
    assert (await review.patch(url, json={"problems": "x"}, headers=h)).status_code == 428
    stale = await review.patch(url, json={"problems": "x"}, headers={**h, "If-Match": 'W/"9"'})
    assert stale.status_code == 412
    ok = await review.patch(url, json={"problems": "一是执法力量不足。\n二是装备欠缺。",
                                       "plans": "加强培训", "issuer": "洛碛镇人民政府",
                                       "issued_on": "2025-01-20"},
                            headers={**h, "If-Match": 'W/"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == 'W/"2"'
    assert ok.json()["narrative"]["issuer"] == "洛碛镇人民政府"


async def test_scope_agency_admin_and_supervisor(zhifa, review, helpers, stand_in):
    other = await make(review, admin(zhifa, helpers), agency_id=str(helpers.OTHER_AGENCY))
    assert other.status_code == 403 and other.json()["type"] == P + "report-out-of-scope"
    far = await make(review, supervisor(zhifa, "500113"), region_code="500112")
    assert far.status_code == 403 and far.json()["type"] == P + "report-out-of-scope"
    far_agency = await make(review, supervisor(zhifa, "500113"), agency_id=str(helpers.AGENCY))
    assert far_agency.status_code == 403
    assert far_agency.json()["type"] == P + "agency-out-of-scope"
    stand_in.values["2024:500112"] = {"penalty.decisions.total": 7}
    mine = await make(review, supervisor(zhifa), region_code="500112")
    assert mine.status_code == 201 and values(mine.json()) == {"penalty.decisions.total": 7}
    assert stand_in.calls[-1]["region_code"] == "500112"
    rid = mine.json()["id"]
    assert (await review.get(f"{URL}/{rid}", headers=supervisor(zhifa))).status_code == 200
    hidden = await review.get(f"{URL}/{rid}", headers=supervisor(zhifa, "500113"))
    assert hidden.status_code == 404 and hidden.json()["type"] == P + "report-not-found"
    assert (await review.get(f"{URL}/{rid}", headers=admin(zhifa, helpers))).status_code == 404
    both = await make(review, supervisor(zhifa), region_code="500112",
                      agency_id=str(helpers.AGENCY))
    assert both.status_code == 422 and both.json()["type"] == P + "report-scope-invalid"


async def test_year_over_year_from_the_finalised_previous_year(zhifa, review, helpers,
                                                               stand_in):
    h = admin(zhifa, helpers)
    stand_in.values[f"2023:{helpers.AGENCY}"] = {"penalty.decisions.total": 150,
                                                 "inspections.counted": 800}
    stand_in.values[f"2024:{helpers.AGENCY}"] = SEED
    draft23 = (await make(review, h, agency_id=str(helpers.AGENCY), year=2023)).json()
    no_yoy = (await make(review, h, agency_id=str(helpers.AGENCY))).json()
    assert no_yoy["previous_year_id"] is None  # a draft of 2023 is not a comparison
    await review.post(f"{URL}/{draft23['id']}/finalise", headers=h)
    body = (await make(review, h, agency_id=str(helpers.AGENCY))).json()
    assert body["previous_year_id"] == draft23["id"]
    by = {f["key"]: f for f in body["figures"]}
    total = by["penalty.decisions.total"]
    assert (total["previous"], total["change"]) == (150, 51)
    assert (by["inspections.counted"]["previous"], by["inspections.counted"]["change"]) == (
        800, -74)
    assert by["coercion.items.seize"]["previous"] is None


async def test_tables_docx_and_charts_read_back(zhifa, review, helpers, stand_in):
    stand_in.values[f"2024:{helpers.AGENCY}"] = SEED
    h = admin(zhifa, helpers)
    rid = (await make(review, h, agency_id=str(helpers.AGENCY))).json()["id"]
    await review.patch(f"{URL}/{rid}", json={"problems": "=HYPERLINK(\"x\")\n队伍老化",
                                             "plans": "加强培训 & 考核",
                                             "issuer": "洛碛镇人民政府"},
                       headers={**h, "If-Match": 'W/"1"'})
    x = await review.get(f"{URL}/{rid}/tables.xlsx", headers=h)
    assert x.status_code == 200
    book = load_workbook(io.BytesIO(x.content))
    assert book.sheetnames == ["表一", "表二", "表三", "表四", "表五"]
    t1 = [[c.value for c in r] for r in book["表一"].iter_rows()]
    assert t1[2][:4] == ["填报单位", "警告", "通报批评", "罚款"] and t1[2][-1] == "罚没金额（万元）"
    assert t1[3][0] == "洛碛镇人民政府"
    assert (t1[3][1], t1[3][3], t1[3][13], t1[3][14]) == (9, 192, 201, 1.165)
    t2 = [[c.value for c in r] for r in book["表二"].iter_rows()]
    assert t2[3][1:4] == [41, 41, 41]
    t3 = {h_: v for h_, v in zip(*[[c.value for c in r] for r in book["表三"].iter_rows()][2:4],
                                 strict=True)}
    assert t3["扣押财物（件）"] == 185
    t4 = {h_: v for h_, v in zip(*[[c.value for c in r] for r in book["表四"].iter_rows()][2:4],
                                 strict=True)}
    assert (t4["行政检查"], t4["其中：涉企行政检查"]) == (726, 116)
    c = await review.get(f"{URL}/{rid}/tables.csv", headers=h)
    rows = list(csv.reader(io.StringIO(c.content.decode("utf-8-sig"))))
    assert ["表一 行政处罚实施情况统计表"] in rows and "1.165" in rows[rows.index(
        ["表一 行政处罚实施情况统计表"]) + 2]
    d = await review.get(f"{URL}/{rid}/report.docx", headers=h)
    assert d.status_code == 200
    doc = Document(io.BytesIO(d.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "关于 2024 年度行政执法工作开展情况的报告"
    for phrase in ("一、总体情况", "二、存在的主要问题", "三、下一步工作打算",
                   "开展行政检查 726 次，其中涉企行政检查 116 次", "扣押涉案财物 185 件",
                   "作出行政处罚决定 201 件（警告 9 件、罚款 192 件），罚没金额共计 1.165 万元",
                   "受理行政许可申请 41 件，作出行政许可决定 41 件",
                   "执法人员 11 名，本年度新增 3 名、减少 9 名", "=HYPERLINK(\"x\")",
                   "加强培训 & 考核", "洛碛镇人民政府"):
        assert phrase in text, phrase
    cells = {r.cells[1].text: r.cells[2].text for r in doc.tables[0].rows}
    assert all(cells[k] == str(v) for k, v in SEED.items())
    assert len(doc.inline_shapes) == 3  # penalties, inspections (by month), complaints
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    png = await review.get(f"{URL}/{rid}/charts/inspections.png", headers=h)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    none = await review.get(f"{URL}/{rid}/charts/pie.png", headers=h)
    assert none.status_code == 404 and none.json()["type"] == P + "chart-not-found"


@pytest.mark.parametrize("grouped", [True, False])
async def test_dashboard_per_agency_of_the_region(zhifa, review, helpers, stand_in, grouped):
    stand_in.groups = grouped
    stand_in.values[f"2024:{helpers.AGENCY}"] = {
        **SEED, "overdue.cases": 2, "complaints.late": 1, "officers.certified_rate": 90.9,
        "evaluation.rank": 1}
    stand_in.values[f"2024:{helpers.OTHER_AGENCY}"] = {"penalty.decisions.total": 4,
                                                       "evaluation.rank": 2}
    url = "/api/v1/review/dashboard"
    resp = await review.get(url, params={"region_code": "500112", "year": 2024},
                            headers=supervisor(zhifa))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    rows = {a["agency_id"]: a for a in body["agencies"]}
    assert set(rows) == {str(a) for a in (helpers.AGENCY, helpers.OTHER_AGENCY,
                                          uuid.UUID(int=1), uuid.UUID(int=2))}
    mine = rows[str(helpers.AGENCY)]
    assert mine["figures"]["penalty.decisions.total"] == 201
    assert mine["figures"]["inspections.counted"] == 726
    assert mine["overdue"] == {"overdue.cases": 2, "complaints.late": 1}
    assert (mine["certificate_rate"], mine["evaluation_rank"]) == (90.9, 1)
    assert rows[str(helpers.OTHER_AGENCY)]["figures"]["penalty.decisions.total"] == 4
    sources = len(body["sources"])
    assert body["calls"] == (sources if grouped else sources * 5)  # 1 region + 4 agencies
    far = await review.get(url, params={"region_code": "500113", "year": 2024},
                           headers=supervisor(zhifa))
    assert far.status_code == 403 and far.json()["type"] == P + "report-out-of-scope"
    officer = await review.get(url, params={"region_code": "500112", "year": 2024},
                               headers=admin(zhifa, helpers))
    assert officer.status_code == 403


def test_rounded_phrases_and_amounts():
    """The stated rule of layout.rounded_phrase and the seeds' amount styles (§4.3)."""
    from services.review.reports.layout import money_text, rounded_phrase

    assert [rounded_phrase(n, "名") for n in (11, 29, 53, 150, 153, 1712, 12345)] == [
        "11 名", "29 名", "50 余名", "150 名", "150 余名", "1700 余名", "12000 余名"]
    assert rounded_phrase(1712, "次", suffix="多") == "1700 多次"
    assert money_text(11650) == "1.165 万元" and money_text(21000) == "2.1 万元"
    assert money_text(316081.7, "yuan") == "316081.7 元" and money_text(500, "yuan") == "500 元"


async def test_finalised_statistics_are_published_through_publicity(zhifa, review, helpers,
                                                                   stand_in):
    stand_in.values[f"2024:{helpers.AGENCY}"] = SEED
    h = admin(zhifa, helpers)
    v1 = (await make(review, h, agency_id=str(helpers.AGENCY), kind="statistical")).json()
    work = (await make(review, h, agency_id=str(helpers.AGENCY))).json()  # 工作报告: not public
    for rid in (v1["id"], work["id"]):
        assert (await review.post(f"{URL}/{rid}/finalise", headers=h)).status_code == 200
    await zhifa.drain()
    pub = "/api/v1/publicity/annual-statistics"
    async with zhifa.service("publicity") as public:
        listed = (await public.get(pub, params={"region_code": "500112", "year": 2024})).json()
        assert [i["id"] for i in listed["items"]] == [v1["id"]]
        t1 = listed["items"][0]["tables"][0]
        assert t1["title"] == "表一 行政处罚实施情况统计表" and t1["row"][1:4] == [9, 0, 192]
        v2 = (await make(review, h, agency_id=str(helpers.AGENCY), kind="statistical")).json()
        await review.post(f"{URL}/{v2['id']}/finalise", headers=h)
        await zhifa.drain()
        listed = (await public.get(pub, params={"region_code": "500112"})).json()
        assert [i["id"] for i in listed["items"]] == [v2["id"]]
        old = (await public.get(f"{pub}/{v1['id']}")).json()
        assert old["status"] == "superseded"
        assert (await public.get(f"{pub}/{uuid.uuid4()}")).json()["type"] == (
            P + "annual-statistics-not-found")
