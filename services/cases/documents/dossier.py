"""The case file (案卷) as one PDF, what 案卷评查 reviewers read: 案卷封面, 卷内目录 with each
document's pages, the issued documents (current versions) in the statutory order
(立案→调查→强制→审查→告知→听证→决定→送达→执行→移送→结案, `delivery.in_order`) and the 备考表,
every page stamped with its page number in the file (top right, "- N -"). Each .docx goes
through the bounded LibreOffice worker (a document's PDF is stored once under its hash and
reused); the PDFs are merged with pypdf. The 卷内目录 is rendered until its own page count is
stable, so the page numbers it lists are the stamped ones. Without LibreOffice: 503."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from anyio import to_thread
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from common.calendar import today_legal
from services.cases.context import Ctx
from services.cases.documents import context as dctx
from services.cases.documents import delivery, render
from services.cases.documents import service as svc
from services.cases.documents.catalogue import SPECS
from services.cases.documents.errors import PdfUnavailable
from services.cases.documents.pdf import ConversionFailed, ConverterUnavailable, PdfWorker
from services.cases.documents.repository import DocumentRepository
from services.cases.models import Case

FONT = "/ZhifaPageNo"


async def _convert(worker: PdfWorker, docx: bytes) -> bytes:
    if not worker.available:
        raise PdfUnavailable("本服务器未安装 LibreOffice，暂不能生成案卷 PDF；"
                             "dossier.zip 可正常下载", docx_available=True)
    try:
        return await worker.convert(docx)
    except ConverterUnavailable as exc:
        raise PdfUnavailable("本服务器未安装 LibreOffice") from exc
    except ConversionFailed as exc:
        raise PdfUnavailable("PDF 转换失败，请稍后重试", reason=str(exc)[:200]) from exc


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _stamp(page: PageObject, number: int) -> None:
    """Draw "- N -" at the top right of `page` (Helvetica, a standard PDF font: no embedding)."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    overlay = PageObject.create_blank_page(width=width, height=height)
    overlay[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject(FONT): font})})
    text = f"- {number} -".encode()
    stream = StreamObject()
    stream.set_data(b"BT %s 11 Tf %.1f %.1f Td (%s) Tj ET" % (
        FONT.encode(), width - 72 - 6 * len(text), height - 42, text))
    overlay[NameObject("/Contents")] = stream
    page.merge_page(overlay)


def merge(parts: list[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    for n, page in enumerate(writer.pages, 1):
        _stamp(page, n)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def listing(docs: list[Any], counts: list[int], first: int) -> list[dict[str, Any]]:
    rows, page = [], first
    for i, (d, n) in enumerate(zip(docs, counts, strict=True), 1):
        pages = str(page) if n == 1 else f"{page}-{page + n - 1}"
        rows.append({"index": i, "name": d.name, "number": d.number or "",
                     "issued_on": dctx.cn_date(today_legal(d.issued_at)), "pages": pages})
        page += n
    return rows


async def _sheet(ctx: Ctx, case: Case, code: str, context: dict[str, Any],
                 worker: PdfWorker) -> bytes:
    template, _, _ = await svc.template_for(ctx, case, SPECS[code])
    return await _convert(worker, await to_thread.run_sync(render.render, template, context))


async def dossier_pdf(ctx: Ctx, case: Case, worker: PdfWorker) -> bytes:
    """Conversions run concurrently, bounded by the worker (`document_pdf_concurrency`)."""
    if not worker.available:
        await _convert(worker, b"")  # raises the 503 before any work
    docs = delivery.in_order(await DocumentRepository(ctx.session).documents(case.id))
    base = {**await dctx.build_case(ctx, case), "document_count": len(docs)}
    cover, notes, *pdfs = await asyncio.gather(
        _sheet(ctx, case, "dossier_cover", base, worker),
        _sheet(ctx, case, "dossier_notes", base, worker),
        *(delivery.pdf_of(ctx.settings, d, worker) for d in docs))
    counts = [await to_thread.run_sync(page_count, p) for p in pdfs]
    start = page_count(cover) + 1
    index_pages, index = 1, b""
    for _ in range(3):  # the index's own length moves the pages it lists
        rows = listing(docs, counts, start + index_pages)
        index = await _sheet(ctx, case, "dossier_index", {**base, "documents": rows}, worker)
        if page_count(index) == index_pages:
            break
        index_pages = page_count(index)
    return await to_thread.run_sync(merge, [cover, index, *pdfs, notes])
