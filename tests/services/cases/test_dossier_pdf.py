"""案卷 PDF (issue 13 point 4): a concluded case with three issued documents, assembled by
`GET /cases/{case_id}/dossier.pdf` through the real LibreOffice worker and pypdf. pdftotext
finds each document's number, the statutory order (立案审批表 → 责令改正通知书 → 事先告知书,
whatever the issue order), the 卷内目录's page column agreeing with where each document starts,
and every page stamped "- N -" in order. Without LibreOffice: 503 problem, like the PDF path."""

from __future__ import annotations

import asyncio
import shutil

import pytest
from factories import C, problem, world
from harness import Platform

from services.cases.documents.pdf import PdfWorker

HAVE_PDF = bool(shutil.which("soffice") and shutil.which("pdftotext"))


async def pdftotext(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    proc = await asyncio.create_subprocess_exec(
        "pdftotext", "-layout", "-", "-", stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE)
    out = (await proc.communicate(pdf))[0].decode()
    return out.split("\f")[:-1]


class TestDossierPdf:
    @pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice/pdftotext not installed")
    async def test_cover_index_documents_in_order_and_page_numbers(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = (await w.concluded())["id"]
        h = w.officer_headers()
        issued = {}
        for code, fields in (("prior_notice", {}),  # issued first, filed after the others
                             ("rectification_notice", {"rectify_content": "撤除占道摊位",
                                                       "rectify_deadline": "2026年3月10日"}),
                             ("filing_approval", {})):
            resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=h,
                                       json={"code": code, "fields": fields})
            assert resp.status_code == 201, resp.text
            issued[code] = resp.json()
        # straight to the cases service: six conversions on a shared CI machine can outlast
        # the gateway's 30 s upstream timeout (a deployment setting, GATEWAY_TIMEOUT_SECONDS)
        resp = await zhifa.service("cases").get(f"{C}/cases/{cid}/dossier.pdf", headers=h)
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"] == "application/pdf"
        pages = await pdftotext(resp.content)
        flat = ["".join(p.split()) for p in pages]
        for n, text in enumerate(flat, 1):  # every page carries its number first, in order
            assert text.startswith(f"-{n}-"), (n, text[:80])
        assert "行政处罚案卷" in flat[0] and "卷内目录" in flat[1] and "备考表" in flat[-1]
        # each document's first page, in statutory order, carries its own number
        order = ("filing_approval", "rectification_notice", "prior_notice")
        starts = [next(n for n, t in enumerate(flat[2:], 3) if issued[code]["name"] in t)
                  for code in order]
        assert starts == sorted(starts) and len(set(starts)) == 3
        for code, first in zip(order, starts, strict=True):
            if issued[code]["number"]:
                assert issued[code]["number"] in flat[first - 1]
        # the 卷内目录 lists them in that order with the page each starts on (last column)
        rows = [line.split() for line in pages[1].splitlines()
                if line.strip()[:1].isdigit()]
        assert [r[0] for r in rows] == ["1", "2", "3"]
        assert [r[-1].split("-")[0] for r in rows] == [str(n) for n in starts]
        assert rows[0][1] == "立案审批表"

    async def test_without_libreoffice_503(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = (await w.filed())["id"]
        zhifa.apps["cases"].state.pdf_worker = PdfWorker("/nonexistent/soffice", 5, 1)
        resp = await w.client.get(f"{C}/cases/{cid}/dossier.pdf", headers=w.officer_headers())
        problem(resp, 503, "pdf-unavailable")
        resp = await w.client.get(f"{C}/cases/{cid}/dossier.zip", headers=w.officer_headers())
        assert resp.status_code == 200
