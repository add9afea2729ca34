"""What happens to an issued document: 送达 (with the 送达回证), the PDF, the case file (案卷)
in statutory order, and the content check behind timeline verification.

送达 (行政处罚法第六十一条 → 民事诉讼法): 直接 (signing date; a 代收人 names the relation,
第八十八条), 留置 (refusal reason and a witness or photo/video, 第八十九条), 电子 (only with the
party's signed consent, 行政处罚法第六十一条第二款; the day it reaches the party, 第九十条),
邮寄 (the receipt date, 第九十一条), 委托/转交 (第九十一条–第九十三条), 公告 (deemed served
`public_notice_days` = 30 days after publication, 第九十五条). Serving the 决定书 goes through
the case's own `serve` action, so the served-on date and the 15-day payment clock come from
the existing deadline module; serving the 事先告知书 of a concluded case goes through its
`notify` action (statement and hearing-request windows from the service date)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import timedelta
from typing import Any

from anyio import to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import LEGAL_TZ, today_legal
from services.cases.context import Ctx
from services.cases.documents import context as dctx
from services.cases.documents import render
from services.cases.documents import service as svc
from services.cases.documents.catalogue import SPECS, stage_order
from services.cases.documents.errors import (
    DocumentAlreadyIssued,
    DocumentServiceInvalid,
    PdfUnavailable,
)
from services.cases.documents.models import DocumentService, IssuedDocument
from services.cases.documents.pdf import ConversionFailed, ConverterUnavailable, PdfWorker
from services.cases.documents.repository import DocumentRepository
from services.cases.documents.schemas import DocumentIssue, ServiceCreate
from services.cases.lifecycle import decision as dec
from services.cases.lifecycle import execution as exe
from services.cases.lifecycle import schemas as lschemas
from services.cases.lifecycle import states as st
from services.cases.models import Case
from services.cases.timeline.service import CONTENT_CHECKS, append_entry, list_entries

L5 = "民事诉讼法"
DECISIONS = ("penalty_decision", "no_penalty_decision")
NOTICES = ("prior_notice", "prior_notice_hearing")


def validate(body: ServiceCreate, party_name: str) -> None:
    def refuse(detail: str, rule: str) -> None:
        raise DocumentServiceInvalid(detail, rule=rule, method=body.method)

    if body.method == "left" and not (body.refusal_reason and (body.witness
                                                               or body.media_evidence_id)):
        refuse("留置送达须记明拒收事由，并有见证人签名或者拍照、录像记录", f"{L5}第八十九条")
    if body.method == "electronic" and not body.consent_confirmed:
        refuse("电子送达须当事人同意并签订确认书", "行政处罚法第六十一条第二款、民事诉讼法第九十条")
    if body.method == "post" and not body.post_receipt_number:
        refuse("邮寄送达以回执上注明的收件日期为送达日期，须记录回执", f"{L5}第九十一条")
    if body.method == "public_notice" and not body.notice_reason:
        refuse("公告送达须在案卷中记明原因和经过", f"{L5}第九十五条")
    if body.method in ("direct", "entrusted", "forwarded") and body.recipient != party_name \
            and not body.relation:
        refuse("由他人代收的，须记明代收人与受送达人的关系", f"{L5}第八十八条")


def effective_on(body: ServiceCreate, settings: Any) -> Any:
    if body.method == "public_notice":
        return body.delivered_on + timedelta(days=settings.public_notice_days)
    if body.method == "electronic" and body.arrived_at is not None:
        return body.arrived_at.astimezone(LEGAL_TZ).date()
    return body.delivered_on


def serve_body(body: ServiceCreate, effective: Any) -> lschemas.ServeCase:
    """The case's own `serve` request. Where the lifecycle decides service dates itself (its
    schema takes the 公告 reason: 民事诉讼法第八十七条–第九十五条 in the lifecycle), it gets the
    day of the act and every fact it checks; otherwise the effective date computed here."""
    fields = lschemas.ServeCase.model_fields
    lifecycle_dates = "public_notice_reason" in fields
    data = {"method": body.method, "consent_confirmed": body.consent_confirmed,
            "served_on": body.delivered_on if lifecycle_dates else effective,
            "arrived_at": body.arrived_at, "refusal_reason": body.refusal_reason,
            "witness": body.witness, "recorded_by_video": body.media_evidence_id is not None,
            "public_notice_reason": body.notice_reason}
    return lschemas.ServeCase(**{k: v for k, v in data.items() if k in fields})


async def record_service(ctx: Ctx, case: Case, doc: IssuedDocument,
                         body: ServiceCreate) -> DocumentService:
    if doc.replaced_by_id is not None:
        raise DocumentAlreadyIssued("该文书已被更正版本取代，请送达现行版本",
                                    replaced_by_id=str(doc.replaced_by_id))
    validate(body, case.party_name)
    served_on = effective_on(body, ctx.settings)
    allowed = st.allowed_actions(case)
    if doc.code in DECISIONS and "serve" in allowed:
        await exe.serve(ctx, case, serve_body(body, served_on))
        served_on = case.served_on or served_on  # the legal date as the case code decided it
    elif doc.code in NOTICES and "notify" in allowed:  # 事先告知 served: windows open
        await dec.notify(ctx, case, lschemas.NotifyCase(served_on=served_on,
                                                         method=body.method))
    row = DocumentService(document_id=doc.id, case_id=case.id, method=body.method,
                          delivered_on=body.delivered_on, served_on=served_on,
                          recipient=body.recipient, relation=body.relation, place=body.place,
                          details=details_of(body), server_ids=body.server_ids,
                          created_by=ctx.principal.username or ctx.principal.subject)
    ctx.session.add(row)
    await ctx.session.flush()
    await append_entry(ctx, case, "document.served", body.server_ids, {
        "document_id": str(doc.id), "number": doc.number, "method": body.method,
        "delivered_on": body.delivered_on, "served_on": served_on, "service_id": str(row.id)})
    servers = await dctx.officers_of(ctx, body.server_ids,
                                     (case.matter_snapshot or {}).get("domain", ""))
    receipt = await svc.issue(ctx, case, DocumentIssue(code="service_receipt"), extra={
        "served": {"name": doc.name, "number": doc.number or "（无文号）"},
        "service": service_lines(body, served_on, servers)})
    row.receipt_document_id = receipt.id
    await ctx.session.flush()
    return row


def details_of(body: ServiceCreate) -> dict[str, Any]:
    return {k: v for k, v in body.model_dump(mode="json").items()
            if k in ("witness", "refusal_reason", "media_evidence_id", "consent_reference",
                     "post_receipt_number", "notice_reason", "remarks") and v}


def service_lines(body: ServiceCreate, served_on: Any,
                  servers: list[dict[str, str]]) -> dict[str, str]:
    """The 送达回证's lines (servers named by personnel, else by id)."""
    return {"place": body.place, "method_name": exe.SERVE_NAMES[body.method],
            "served_on": dctx.cn_date(served_on), "recipient": body.recipient,
            "relation": body.relation or "", "witness": body.witness or "",
            "refusal_reason": body.refusal_reason or "", "remarks": "；".join(
                x for x in (body.notice_reason, body.remarks) if x),
            "servers": "、".join(o["name"] for o in servers) or "、".join(body.server_ids)}


def read(settings: Any, key: str) -> bytes:
    return svc._read_key(svc.storage(settings), key)


async def stored(settings: Any, key: str) -> bytes:
    return await to_thread.run_sync(read, settings, key)


async def docx_of(settings: Any, doc: IssuedDocument) -> bytes:
    return await stored(settings, doc.docx_key)


async def pdf_of(settings: Any, doc: IssuedDocument, worker: PdfWorker) -> bytes:
    """The PDF (converted once, then stored under its hash)."""
    if doc.pdf_key:
        return await to_thread.run_sync(read, settings, doc.pdf_key)
    if not worker.available:
        raise PdfUnavailable("本服务器未安装 LibreOffice，暂不能生成 PDF；.docx 文书可正常下载",
                             docx_available=True)
    try:
        pdf = await worker.convert(await docx_of(settings, doc))
    except ConverterUnavailable as exc:
        raise PdfUnavailable("本服务器未安装 LibreOffice") from exc
    except ConversionFailed as exc:
        raise PdfUnavailable("PDF 转换失败，请稍后重试", reason=str(exc)[:200]) from exc
    doc.pdf_key, doc.pdf_sha256 = await svc.put(settings, pdf)
    return pdf


def in_order(docs: list[IssuedDocument]) -> list[IssuedDocument]:
    """Current versions in the statutory order of the case file, then by issue time."""
    current = [d for d in docs if d.replaced_by_id is None and d.code in SPECS
               and SPECS[d.code].stage != "归档"]
    return sorted(current, key=lambda d: (stage_order(SPECS[d.code]), d.issued_at))


async def dossier_zip(ctx: Ctx, case: Case) -> bytes:
    """案卷: 封面, 卷内目录, the issued documents in statutory order, 备考表 (.docx each)."""
    docs = in_order(await DocumentRepository(ctx.session).documents(case.id))
    base = await dctx.build_case(ctx, case)
    listing = [{"index": i, "name": d.name, "number": d.number or "",
                "issued_on": dctx.cn_date(today_legal(d.issued_at)), "pages": ""}
               for i, d in enumerate(docs, 1)]
    extra = {"documents": listing, "document_count": len(docs)}
    sheets = {}
    for code in ("dossier_cover", "dossier_index", "dossier_notes"):
        spec = SPECS[code]
        template, _, _ = await svc.template_for(ctx, case, spec)
        sheets[code] = await to_thread.run_sync(render.render, template, {**base, **extra})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("00_案卷封面.docx", sheets["dossier_cover"])
        zf.writestr("01_卷内目录.docx", sheets["dossier_index"])
        for i, d in enumerate(docs, 1):
            zf.writestr(f"{i + 1:02d}_{d.name}.docx", await docx_of(ctx.settings, d))
        zf.writestr(f"{len(docs) + 2:02d}_备考表.docx", sheets["dossier_notes"])
    return out.getvalue()


async def check_documents(session: AsyncSession, case: Case, settings: Any) -> int | None:
    """The timeline seq of the first `document.issued` entry whose stored .docx or frozen
    context no longer hashes to the SHA-256 the (already verified) entry recorded, or is gone.
    The hashes come from the chain, not from the document row, so editing the row is caught
    too."""
    docs = {str(d.id): d for d in await DocumentRepository(session).documents(case.id)}
    for entry in await list_entries(session, case.id):
        if entry.action != "document.issued":
            continue
        d = docs.get(str(entry.payload.get("document_id")))
        if d is None:
            return entry.seq
        for key, field in ((d.docx_key, "docx_sha256"), (d.context_key, "context_sha256")):
            try:
                data = await to_thread.run_sync(read, settings, key)
            except OSError:
                return entry.seq
            if hashlib.sha256(data).hexdigest() != entry.payload.get(field):
                return entry.seq
    return None


if check_documents not in CONTENT_CHECKS:
    CONTENT_CHECKS.append(check_documents)
