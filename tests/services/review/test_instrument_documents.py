"""监督文书 rendered through the document templates (issue 15 point 2, last sentence): built
with `common.docbuild` and docxtpl like the cases' 执法文书, numbered per district/kind/year, the
context frozen and the bytes' SHA-256 kept; opened back with python-docx."""

from __future__ import annotations

import hashlib
import io
import uuid

from docx import Document
from sqlalchemy import select, update

from services.review.instruments.models import InstrumentDocument, SupervisionInstrument

P = "https://zhifa.dev/problems/"
URL = "/api/v1/review/supervision-instruments"
FACTS = "抽查发现3件案件未在法定期限内送达处罚决定书 & <未附送达回证>"


def sup(zhifa):
    return zhifa.headers("supervisor", region_code="500112")


def texts(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        out.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(out)


async def issue(zhifa, review, helpers, kind="opinion", **kw) -> dict:
    resp = await review.post(URL, headers=sup(zhifa), json={
        "kind": kind, "agency_id": str(helpers.AGENCY), "facts": FACTS,
        "legal_basis": "《中华人民共和国行政处罚法》第六十一条",
        "required_action": "逐件补正送达并建立送达台账", "reply_due_on": "2026-12-31", **kw})
    assert resp.status_code == 201, resp.text
    return resp.json()


class TestInstrumentDocx:
    async def test_the_docx_states_facts_basis_action_and_reply_deadline(
            self, zhifa, review, helpers):
        zhifa.apps["review"].state.settings.instrument_issuer = "某区司法局"
        ins = await issue(zhifa, review, helpers)
        year = ins["issued_on"][:4]
        assert ins["document_number"] == f"监意〔{year}〕1号"
        resp = await review.get(f"{URL}/{ins['id']}/document.docx", headers=sup(zhifa))
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        assert hashlib.sha256(resp.content).hexdigest() == ins["document_sha256"] \
            == resp.headers["x-content-sha256"]
        text = texts(resp.content)
        for fact in ("行政执法监督意见书", f"监意〔{year}〕1号", "测试执法机关0：", FACTS,
                     "依据：《中华人民共和国行政处罚法》第六十一条", "逐件补正送达并建立送达台账",
                     "请于2026年12月31日前将整改情况和整改报告书面回复本机关",
                     "自收到之日起10日内", "某区司法局（印章）"):
            assert fact in text, fact
        assert "{{" not in text and "{%" not in text

    async def test_numbers_run_per_kind_and_the_frozen_context_re_renders_the_same_bytes(
            self, zhifa, review, helpers):
        first = await issue(zhifa, review, helpers, kind="notice")
        second = await issue(zhifa, review, helpers, kind="notice")
        other = await issue(zhifa, review, helpers, kind="suggestion")
        year = first["issued_on"][:4]
        assert [first["document_number"], second["document_number"],
                other["document_number"]] == [f"监通〔{year}〕1号", f"监通〔{year}〕2号",
                                              f"监建〔{year}〕1号"]
        # the instrument changes later (a rejected reply moves the deadline): the issued
        # document does not; its frozen context renders to the same bytes
        async with zhifa.session("review") as s:
            await s.execute(update(SupervisionInstrument).where(
                SupervisionInstrument.id == uuid.UUID(first["id"])).values(facts="改过的事实"))
            await s.commit()
        resp = await review.get(f"{URL}/{first['id']}/document.docx", headers=sup(zhifa))
        assert hashlib.sha256(resp.content).hexdigest() == first["document_sha256"]
        assert "改过的事实" not in texts(resp.content)
        async with zhifa.session("review") as s:
            row = await s.scalar(select(InstrumentDocument).where(
                InstrumentDocument.instrument_id == uuid.UUID(first["id"])))
        from services.review.instruments import document
        assert document.render(row.context) == row.docx
        assert hashlib.sha256(document.canonical(row.context)).hexdigest() == row.context_sha256

    async def test_a_migrated_opinion_gets_its_document_on_first_download(
            self, zhifa, review, helpers):
        resp = await review.post("/api/v1/review/supervision-opinions", headers=sup(zhifa),
                                 json={"agency_id": str(helpers.AGENCY), "findings": FACTS,
                                       "legal_basis": "《行政处罚法》第六十一条",
                                       "required_actions": "补正送达",
                                       "rectify_by": "2026-12-31"})
        assert resp.status_code == 201, resp.text
        oid = resp.json()["id"]
        resp = await review.get(f"{URL}/{oid}/document.docx", headers=sup(zhifa))
        assert resp.status_code == 200, resp.text
        assert "行政执法监督意见书" in texts(resp.content) and "补正送达" in texts(resp.content)
        again = await review.get(f"{URL}/{oid}/document.docx", headers=sup(zhifa))
        assert again.content == resp.content

    async def test_another_region_and_other_agencies_get_404(self, zhifa, review, helpers):
        ins = await issue(zhifa, review, helpers)
        for headers in (zhifa.headers("supervisor", region_code="500113"),
                        helpers.agency_headers(zhifa, "agency_admin",
                                               agency=helpers.OTHER_AGENCY)):
            resp = await review.get(f"{URL}/{ins['id']}/document.docx", headers=headers)
            assert resp.status_code == 404 and resp.json()["type"] == P + "instrument-not-found"
        resp = await review.get(f"{URL}/{ins['id']}/document.docx",
                                headers=helpers.agency_headers(zhifa, "agency_admin"))
        assert resp.status_code == 200
