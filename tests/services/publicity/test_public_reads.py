"""Public reads without a token: JSON list and detail, Atom, 双公示 CSV/XLSX, caching."""

from __future__ import annotations

import csv
import io
import uuid
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from sqlalchemy import update

from kit.db import utcnow
from services.publicity.disclosures.models import Disclosure

PROBLEMS = "https://zhifa.dev/problems/"
OTHER_AGENCY_ID = uuid.UUID("00000000-0000-4000-8000-00000000a002")
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "/api/v1/publicity"
LEGAL_HEADER = [
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1（统一社会信用代码）",
    "行政相对人代码_2（工商注册号）", "行政相对人代码_3（组织机构代码）",
    "行政相对人代码_4（税务登记号）", "行政相对人代码_5（事业单位证书号）",
    "行政相对人代码_6（社会组织登记证号）", "法定代表人", "法定代表人身份证号",
    "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容",
    "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）", "暂扣或吊销证照名称及编号",
    "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码",
    "数据来源单位", "数据来源单位统一社会信用代码", "备注"]
ORG = {"kind": "organization", "name": "重庆某某食品有限公司", "uscc": "91500112MA5U123456",
       "id_number": None, "phone": None, "address": None}


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


class TestListDecisions:
    async def test_decided_case_appears_without_token(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        resp = await zhifa.client.get(f"{BASE}/decisions")
        assert resp.status_code == 200
        [item] = resp.json()["items"]
        assert item["document_number"] == payload["document_number"]
        assert (item["fine_amount"], item["penalty_category"]) == ("12345.00", "罚款")
        assert "11010519491231002X" not in resp.text and "masked" not in resp.text

    async def test_filters_by_agency_region_category_dates_and_text(self, zhifa,
                                                                    publicity) -> None:
        a = await publicity.decide(decided_on="2026-10-10")
        await publicity.decide(agency_id=str(OTHER_AGENCY_ID), region_code="500113001",
                               decided_on="2026-11-10", party=ORG,
                               penalties=[{"kind": "warning", "amount_fen": 0}], fine_fen=0)
        queries = {"agency_id": str(OTHER_AGENCY_ID), "region_code": "500113",
                   "penalty_category": "警告", "decided_from": "2026-11-01",
                   "q": "某某食品"}
        for key, value in queries.items():
            items = (await zhifa.client.get(f"{BASE}/decisions", params={key: value})).json()
            assert [i["party_name"] for i in items["items"]] == ["重庆某某食品有限公司"], key
        by_number = (await zhifa.client.get(f"{BASE}/decisions", params={
            "q": a["document_number"][-8:], "decided_to": "2026-10-31"})).json()["items"]
        assert [i["document_number"] for i in by_number] == [a["document_number"]]

    async def test_cursor_walks_newest_first(self, zhifa, publicity) -> None:
        days = ["2026-05-01", "2026-05-03", "2026-05-02"]
        for day in days:
            await publicity.decide(decided_on=day)
        first = (await zhifa.client.get(f"{BASE}/decisions", params={"limit": 2})).json()
        second = (await zhifa.client.get(f"{BASE}/decisions", params={
            "limit": 2, "cursor": first["next_cursor"]})).json()
        seen = [i["decided_on"] for i in first["items"] + second["items"]]
        assert seen == ["2026-05-03", "2026-05-02", "2026-05-01"]
        assert second["next_cursor"] is None

    async def test_bad_cursor_is_a_400(self, zhifa) -> None:
        resp = await zhifa.client.get(f"{BASE}/decisions", params={"cursor": "bm90LWpzb24"})
        assert resp.status_code == 400
        assert resp.json()["type"] == PROBLEMS + "invalid-cursor"

    async def test_reversed_date_range_is_a_400(self, zhifa) -> None:
        resp = await zhifa.client.get(f"{BASE}/decisions", params={
            "decided_from": "2026-06-01", "decided_to": "2026-05-01"})
        assert resp.status_code == 400
        assert resp.json()["type"] == PROBLEMS + "invalid-date-range"

    async def test_conditional_get_answers_304(self, zhifa, publicity) -> None:
        await publicity.decide()
        first = await zhifa.client.get(f"{BASE}/decisions")
        assert first.headers["cache-control"].startswith("public")
        assert first.headers["last-modified"]
        again = await zhifa.client.get(f"{BASE}/decisions",
                                       headers={"If-None-Match": first.headers["etag"]})
        assert (again.status_code, again.content) == (304, b"")
        since = await zhifa.client.get(f"{BASE}/decisions", headers={
            "If-Modified-Since": first.headers["last-modified"]})
        assert since.status_code == 304

    async def test_withdrawal_defeats_if_modified_since(self, zhifa, publicity) -> None:
        gone = await publicity.decide()
        await publicity.decide()
        # HTTP dates have one-second resolution: the records are dated two seconds back
        # instead of waiting for the clock
        async with zhifa.session("publicity") as session:
            await session.execute(update(Disclosure).values(
                updated_at=utcnow() - timedelta(seconds=2)))
            await session.commit()
        first = await zhifa.client.get(f"{BASE}/decisions")
        await publicity.revoke(gone["case_id"])
        again = await zhifa.client.get(f"{BASE}/decisions", headers={
            "If-Modified-Since": first.headers["last-modified"]})
        assert again.status_code == 200 and len(again.json()["items"]) == 1

    async def test_new_decision_changes_the_etag(self, zhifa, publicity) -> None:
        await publicity.decide()
        first = await zhifa.client.get(f"{BASE}/decisions")
        await publicity.decide()
        again = await zhifa.client.get(f"{BASE}/decisions",
                                       headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 200 and len(again.json()["items"]) == 2


class TestGetDecision:
    async def test_unknown_decision_is_404(self, zhifa) -> None:
        resp = await zhifa.client.get(f"{BASE}/decisions/{uuid.uuid4()}")
        assert resp.status_code == 404
        assert resp.json()["type"] == PROBLEMS + "disclosure-not-found"

    async def test_detail_has_validators(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        record = await publicity.record(payload["case_id"])
        resp = await zhifa.client.get(f"{BASE}/decisions/{record.id}")
        assert resp.status_code == 200 and resp.json()["decision_id"] == str(record.id)
        again = await zhifa.client.get(f"{BASE}/decisions/{record.id}",
                                       headers={"If-None-Match": resp.headers["etag"]})
        assert again.status_code == 304


class TestExpiry:
    async def test_expired_record_leaves_every_public_view(self, zhifa, publicity) -> None:
        payload = await publicity.decide(party=ORG)
        record = await publicity.record(payload["case_id"])
        await publicity.update(payload["case_id"],
                               publicity_until=date.today() - timedelta(days=2))
        listing = (await zhifa.client.get(f"{BASE}/decisions")).json()
        assert listing["items"] == []
        assert (await zhifa.client.get(f"{BASE}/decisions/{record.id}")).status_code == 404
        atom = ET.fromstring((await zhifa.client.get(f"{BASE}/feeds/decisions.atom")).content)
        assert atom.findall(f"{ATOM}entry") == []
        rows = _csv((await zhifa.client.get(f"{BASE}/exports/penalties.csv")).text)
        assert rows == [LEGAL_HEADER]


class TestAtomFeed:
    async def test_valid_atom_newest_first(self, zhifa, publicity) -> None:
        first = await publicity.decide()
        second = await publicity.decide(party=ORG)
        resp = await zhifa.client.get(f"{BASE}/feeds/decisions.atom")
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(resp.content)
        assert feed.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{tag}") or "").strip()
        entries = feed.findall(f"{ATOM}entry")
        titles = [e.findtext(f"{ATOM}title") for e in entries]
        assert titles[0].startswith(second["document_number"])
        assert titles[1].startswith(first["document_number"])
        for entry in entries:
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert entry.findtext(f"{ATOM}updated")
            assert entry.find(f"{ATOM}link").get("href").startswith("http")
            assert "处罚内容" in entry.findtext(f"{ATOM}content")

    async def test_feed_per_region(self, zhifa, publicity) -> None:
        await publicity.decide()
        other = await publicity.decide(region_code="500113001", party=ORG)
        feed = ET.fromstring((await zhifa.client.get(
            f"{BASE}/feeds/decisions.atom", params={"region_code": "500113"})).content)
        assert "500113" in feed.findtext(f"{ATOM}id")
        titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
        assert len(titles) == 1 and titles[0].startswith(other["document_number"])


class TestPenaltiesCsv:
    async def test_template_columns_and_wan_yuan(self, zhifa, publicity) -> None:
        payload = await publicity.decide(
            party=ORG, decided_on="2026-03-02", fine_fen=1234500, confiscation_fen=1,
            penalties=[{"kind": "fine", "amount_fen": 1234500},
                       {"kind": "confiscation", "amount_fen": 1}])
        resp = await zhifa.client.get(f"{BASE}/exports/penalties.csv",
                                      params={"from": "2026-03-01", "to": "2026-03-31"})
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
        header, row = _csv(resp.text)
        assert header == LEGAL_HEADER
        cell = dict(zip(header, row, strict=True))
        assert cell["行政相对人名称"] == "重庆某某食品有限公司"
        assert cell["行政相对人代码_1（统一社会信用代码）"] == "91500112MA5U123456"
        assert cell["行政处罚决定书文号"] == payload["document_number"]
        assert cell["罚款金额（万元）"] == "1.2345"
        assert cell["没收违法所得、没收非法财物的金额（万元）"] == "0.000001"
        assert cell["处罚决定日期"] == "2026/03/02"
        assert cell["处罚类别"] == "没收违法所得、没收非法财物;罚款"  # heaviest first (统计年报)
        assert cell["处罚机关统一社会信用代码"] == "11500112MB1234567X"

    async def test_natural_person_template_leaves_id_empty(self, zhifa, publicity) -> None:
        await publicity.decide()
        header, row = _csv((await zhifa.client.get(
            f"{BASE}/exports/penalties.csv", params={"template": "natural"})).text)
        assert header[:4] == ["行政相对人名称", "证件类型", "证件号码", "行政处罚决定书文号"]
        assert row[:3] == ["张三", "身份证", ""]

    async def test_date_range_excludes_other_decisions(self, zhifa, publicity) -> None:
        await publicity.decide(party=ORG, decided_on="2026-02-01")
        rows = _csv((await zhifa.client.get(f"{BASE}/exports/penalties.csv", params={
            "from": "2026-03-01", "to": "2026-03-31"})).text)
        assert rows == [LEGAL_HEADER]

    async def test_streams_in_chunks(self, zhifa, publicity) -> None:
        zhifa.apps["publicity"].state.settings.export_chunk_rows = 2
        for day in range(1, 6):
            await publicity.decide(decided_on=f"2026-11-0{day}")
        rows = _csv((await zhifa.client.get(f"{BASE}/exports/penalties.csv",
                                            params={"template": "natural"})).text)
        assert [r[12] for r in rows[1:]] == [f"2026/11/0{d}" for d in range(1, 6)]

    async def test_conditional_get_answers_304(self, zhifa, publicity) -> None:
        await publicity.decide(party=ORG)
        first = await zhifa.client.get(f"{BASE}/exports/penalties.csv")
        again = await zhifa.client.get(f"{BASE}/exports/penalties.csv",
                                       headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304

    async def test_reversed_range_is_a_400(self, zhifa) -> None:
        resp = await zhifa.client.get(f"{BASE}/exports/penalties.csv",
                                      params={"from": "2026-03-31", "to": "2026-03-01"})
        assert resp.status_code == 400
        assert resp.json()["type"] == PROBLEMS + "invalid-date-range"


class TestPenaltiesXlsx:
    async def test_workbook_has_template_header_and_rows(self, zhifa, publicity) -> None:
        from openpyxl import load_workbook

        await publicity.decide(party=ORG)
        resp = await zhifa.client.get(f"{BASE}/exports/penalties.xlsx")
        assert resp.status_code == 200
        sheet = load_workbook(io.BytesIO(resp.content), read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0] == LEGAL_HEADER
        assert rows[1][0] == "重庆某某食品有限公司" and rows[1][16] == "1.2345"


class TestCreditUploadCsv:
    URL = f"{BASE}/exports/credit-upload.csv"

    async def test_requires_token(self, zhifa) -> None:
        resp = await zhifa.client.get(self.URL)
        assert resp.status_code == 401
        assert resp.json()["type"] == PROBLEMS + "unauthorized"

    async def test_officer_is_forbidden(self, zhifa) -> None:
        resp = await zhifa.client.get(self.URL, headers=zhifa.headers("officer"))
        assert resp.status_code == 403
        assert resp.json()["type"] == PROBLEMS + "forbidden"

    async def test_carries_masked_id_for_own_agency_only(self, zhifa, publicity) -> None:
        mine = await publicity.decide()
        await publicity.decide(agency_id=str(OTHER_AGENCY_ID))
        resp = await zhifa.client.get(self.URL, headers=zhifa.headers(
            "agency_admin", agency_id=mine["agency_id"]))
        assert resp.status_code == 200
        assert resp.headers["cache-control"] == "private, no-store"
        header, row = _csv(resp.text)
        assert row[:4] == ["张三", "身份证", "110105********002X", mine["document_number"]]
        assert "11010519491231002X" not in resp.text
