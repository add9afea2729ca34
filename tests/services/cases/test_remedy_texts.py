"""Issue 16 point 17: the 复议 60 days / 诉讼 6 months text (行政复议法第二十条,
行政诉讼法第四十六条) comes from one setting (`ZHIFA_REMEDY_*`) on ordinary decisions,
summary decisions, the issued 执法文书 and the public matter list."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from factories import C, world
from factories_extra import agency_with_officers, create_matter, make_id_number
from harness import Databases, Platform, platform

from common.settings import RemedySettings, chinese_number
from services.cases.documents import render


async def _texts(zhifa: Platform) -> tuple[dict[str, str], dict[str, str], str]:
    w = await world(zhifa)
    case = await w.decided()
    ordinary = (await w.get(case["id"]))["decision"]["remedies"]
    agency = await agency_with_officers(zhifa)
    matter = await create_matter(zhifa, agency)
    resp = await zhifa.client.post(f"{C}/summary-decisions", headers=agency.headers(zhifa), json={
        "matter_id": str(matter.id), "party": {"kind": "person", "name": "李四",
                                               "id_number": make_id_number(),
                                               "address": "木耳镇人民路1号"},
        "penalty": {"kind": "warning"}, "officer_ids": agency.officers[:2],
        "facts": "占道摆摊经营", "decided_at": "2026-11-20T02:00:00Z", "place": "木耳镇人民路"})
    assert resp.status_code == 201, resp.text
    summary = (await zhifa.client.get(f"{C}/cases/{resp.json()['case_id']}",
                                      headers=agency.headers(zhifa))).json()["decision"]
    resp = await zhifa.client.get("/api/v1/publicity/matters")
    public = [m for m in resp.json()["items"] if m["code"] == matter.code][0]["remedy"]
    return ordinary, summary["remedies"], public


class TestRemedyTexts:
    def test_chinese_numbers(self) -> None:
        assert [chinese_number(n) for n in (6, 10, 15, 60, 99)] == [
            "六", "十", "十五", "六十", "九十九"]

    async def test_defaults_name_the_periods_and_their_articles(self, zhifa: Platform) -> None:
        ordinary, summary, public = await _texts(zhifa)
        assert ordinary == summary == {
            "reconsideration": "自收到本决定书之日起六十日内申请行政复议（行政复议法第二十条）",
            "litigation": "自收到本决定书之日起六个月内提起行政诉讼（行政诉讼法第四十六条）"}
        assert "六十日内申请行政复议（行政复议法第二十条）" in public
        assert "六个月内提起行政诉讼（行政诉讼法第四十六条）" in public


@pytest.fixture
async def changed(databases: Databases, tmp_path: Path,
                  keys_dir: Path) -> AsyncIterator[Platform]:
    remedy = RemedySettings(reconsideration_days=90, litigation_months=3,
                            reconsideration_basis="某法第九条")
    overrides = {s: {"remedy": remedy} for s in ("cases", "publicity")}
    async with platform(databases, tmp_path, keys_dir, overrides) as p:
        yield p


class TestOneSetting:
    async def test_changing_the_setting_changes_every_text(self, changed: Platform) -> None:
        ordinary, summary, public = await _texts(changed)
        assert ordinary == summary
        assert ordinary["reconsideration"] == ("自收到本决定书之日起九十日内申请行政复议"
                                               "（某法第九条）")
        assert "三个月内提起行政诉讼" in ordinary["litigation"]
        assert "九十日内申请行政复议（某法第九条）" in public and "三个月内" in public


    async def test_the_issued_document_carries_the_setting(self, changed: Platform) -> None:
        """The 查封（扣押）决定书 (行政强制法第二十四条) is rendered with the remedy setting."""
        w = await world(changed)
        cid = (await w.filed())["id"]
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "seizure_decision", "fields": {
                                       "measure": "扣押", "reason": "涉嫌占道经营，拒不改正",
                                       "period_days": 30, "place": "人民路1号",
                                       "items": [{"name": "三轮车", "spec": "", "note": "",
                                                  "quantity": "1辆"}]}})
        assert resp.status_code == 201, resp.text
        docx = await w.client.get(f"{C}/cases/{cid}/documents/{resp.json()['id']}/docx",
                                  headers=w.officer_headers())
        assert docx.status_code == 200, docx.text
        text = "".join("\n".join(render.texts(docx.content)).split())
        assert "九十日内申请行政复议（某法第九条）" in text and "三个月内提起行政诉讼" in text
