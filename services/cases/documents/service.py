"""Issuing 执法文书 from a case: build the context from the record (`context.py`), refuse
with every missing required element (the law's list, `catalogue.py`), allocate the number
(per agency/type/year through `services.cases.numbering`, or from a pre-allocated range for an
offline form), render (docxtpl, autoescape), freeze the context JSON and the .docx in the
evidence storage under their SHA-256, and append `document.issued` to the case's hash-chained
timeline. An issued document is never changed: a correction is a new version (own number)
linked to the one it replaces."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from anyio import to_thread
from sqlalchemy.exc import IntegrityError

from common.calendar import today_legal
from common.scope import parse_uuid
from services.cases.context import Ctx
from services.cases.documents import context as dctx
from services.cases.documents import render
from services.cases.documents.catalogue import SPECS, Spec
from services.cases.documents.errors import (
    DocumentAlreadyIssued,
    DocumentFieldsMissing,
    DocumentFieldsUnknown,
    DocumentNotFound,
    DocumentNotIssuable,
    DocumentNumberRangeInvalid,
    DocumentTemplateNotFound,
)
from services.cases.documents.models import DocumentNumberRange, IssuedDocument
from services.cases.documents.repository import DocumentRepository
from services.cases.documents.schemas import DocumentIssue, NumberRangeCreate
from services.cases.lifecycle.service import agency_prefix
from services.cases.models import Case
from services.cases.numbering import next_number, next_seq, render_number, validate_pattern
from services.cases.storage import LocalStorage
from services.cases.timeline.service import append_entry, canonical

SHIPPED = Path(__file__).parent / "templates"
SUMMARY_PATTERN = "{prefix}当罚〔{year}〕{seq:05d}号"


def storage(settings: Any) -> LocalStorage:
    return LocalStorage(settings.evidence_dir or f"{settings.data_dir}/evidence")


def spec_of(code: str) -> Spec:
    spec = SPECS.get(code)
    if spec is None:
        raise DocumentTemplateNotFound(f"没有编号为 {code} 的文书模板", code=code)
    return spec


def shipped_bytes(spec: Spec) -> bytes:
    return (SHIPPED / f"{spec.code}.docx").read_bytes()


def pattern_for(settings: Any, spec: Spec) -> str:
    custom = settings.document_number_patterns.get(spec.code)
    if custom:
        validate_pattern(custom)  # the one numbering grammar (services.cases.numbering)
        return custom
    if spec.numbering == "decision":
        return settings.decision_number_pattern
    if spec.numbering == "summary":
        return SUMMARY_PATTERN
    return "{prefix}" + spec.abbr + "〔{year}〕{seq}号"


async def put(settings: Any, data: bytes) -> tuple[str, str]:
    stored = await to_thread.run_sync(storage(settings).put, io.BytesIO(data), 1 << 30)
    return stored.key, stored.sha256


async def template_for(ctx: Ctx, case: Case, spec: Spec) -> tuple[bytes, str, str]:
    """(bytes, source, version): the agency's newest upload, else the shipped template."""
    row = await DocumentRepository(ctx.session).agency_template(case.agency_id, spec.code)
    if row is None:
        return await to_thread.run_sync(shipped_bytes, spec), "shipped", spec.version
    data = await to_thread.run_sync(_read_key, storage(ctx.settings), row.storage_key)
    return data, "agency", f"{spec.version}.a{row.version}"


def _read_key(store: LocalStorage, key: str) -> bytes:
    with store.open(key) as fh:
        return fh.read()


async def _number(ctx: Ctx, case: Case, spec: Spec, body: DocumentIssue,
                  replaces: IssuedDocument | None) -> tuple[str | None, Any, Any]:
    """(number, range_id, range_seq)."""
    if body.range_id is not None and spec.numbering != "sequence":
        raise DocumentNumberRangeInvalid(
            f"{spec.name}的文号取自案件（决定书号/当场处罚决定书号），预印编号请在作出决定时填写",
            code=spec.code)
    if body.range_id is not None:
        return await _from_range(ctx, case, spec, body)
    if spec.numbering == "none":
        return None, None, None
    if spec.numbering in ("decision", "summary") and replaces is None:
        return case.decision_number, None, None
    prefix, _ = await agency_prefix(ctx, case.agency_id)
    kind = {"decision": "decision", "summary": "summary"}.get(spec.numbering,
                                                               spec.counter_kind)
    number = await next_number(ctx.session, case.agency_id, today_legal().year, kind,
                               pattern_for(ctx.settings, spec), prefix)
    return number, None, None


async def _from_range(ctx: Ctx, case: Case, spec: Spec, body: DocumentIssue
                      ) -> tuple[str, Any, Any]:
    rng = await DocumentRepository(ctx.session).number_range(body.range_id)  # type: ignore[arg-type]
    p = ctx.principal
    holder = p.officer_id if rng and rng.holder_kind == "officer" else \
        str(p.claims.get("device_id") or "")
    if (rng is None or rng.agency_id != case.agency_id or rng.code != spec.code
            or rng.holder_id != holder):
        raise DocumentNumberRangeInvalid(
            "预分配号段不存在、不属于本文书，或不属于当前执法人员/设备")
    if not rng.first_seq <= body.range_seq <= rng.last_seq:  # type: ignore[operator]
        raise DocumentNumberRangeInvalid(
            f"编号序号须在 {rng.first_seq}–{rng.last_seq} 之间", first_seq=rng.first_seq,
            last_seq=rng.last_seq)
    number = render_number(rng.pattern, prefix=rng.prefix, year=rng.year,
                           seq=body.range_seq)  # type: ignore[arg-type]
    return number, rng.id, body.range_seq


def _decision_matches(case: Case, spec: Spec) -> None:
    """决定书 only for a case decided that way: a penalty decision for a penalty, 不予处罚 for
    no penalty, the 当场决定书 for the simple procedure (第五十一条)."""
    kind = (case.decision or {}).get("kind")
    want = {"penalty_decision": ("penalty", "ordinary"), "no_penalty_decision":
            ("no_penalty", "ordinary"), "summary_decision": ("penalty", "summary")}[spec.code]
    if not case.decision_number or kind != want[0] or case.procedure != want[1]:
        raise DocumentNotIssuable(
            f"本案没有可制作{spec.name}的决定（决定：{kind or '未作出'}，程序：{case.procedure}）",
            code=spec.code, rule="行政处罚法第五十一条、第五十七条、第五十九条")


def _check_fields(spec: Spec, body: DocumentIssue) -> None:
    unknown = sorted(set(body.fields) - dctx.known(spec))
    if unknown:
        raise DocumentFieldsUnknown(f"模板 {spec.code} 不使用字段：{'、'.join(unknown)}",
                                    unknown=unknown, allowed=sorted(spec.extras))


def _refuse_missing(spec: Spec, missing: list[dict[str, str]]) -> None:
    if missing:
        labels = "、".join(m["label"] for m in missing)
        raise DocumentFieldsMissing(
            f"{spec.name}缺少法定必备内容：{labels}", code=spec.code, missing=missing,
            rule="；".join(dict.fromkeys(m["article"] for m in missing)))


async def _replaced(repo: DocumentRepository, case: Any, spec: Spec,
                    body: DocumentIssue, owner: str = "case_id") -> IssuedDocument | None:
    if body.replaces_id is None:
        if spec.single and await repo.current(case.id, spec.code, owner):
            raise DocumentAlreadyIssued(
                f"本案已制作{spec.name}，如需更正请制作新版本（replaces_id）", code=spec.code)
        return None
    old = await repo.document(case.id, body.replaces_id, for_update=True, owner=owner)
    if old is None:
        raise DocumentNotFound(f"文书 {body.replaces_id} 不存在")
    if old.code != spec.code or old.replaced_by_id is not None:
        raise DocumentAlreadyIssued("只能更正同一种文书的现行版本", code=spec.code,
                                    replaced_by_id=str(old.replaced_by_id or ""))
    return old


async def issue(ctx: Ctx, case: Any, body: DocumentIssue,
                extra: dict[str, Any] | None = None) -> IssuedDocument:
    """`case`: the subject row — a `Case`, an `Inspection` or a `LicenceApplication` (its
    documents are numbered, frozen and chained the same way, in its own record chain)."""
    spec = spec_of(body.code)
    kind = dctx.subject_kind(case)
    subject = dctx.SUBJECTS.get(kind)
    if (spec.subject != kind and not spec.anywhere) or subject is None:
        raise DocumentNotIssuable(f"{spec.name}用于{spec.subject}，不能在{kind}下制作",
                                  code=spec.code, subject=spec.subject)
    _check_fields(spec, body)
    if spec.numbering in ("decision", "summary"):
        _decision_matches(case, spec)
    if subject.check is not None:
        subject.check(spec, case)
    repo = DocumentRepository(ctx.session)
    replaces = await _replaced(repo, case, spec, body, subject.owner)
    base = await subject.build(ctx, case)
    context = dctx.merge(dctx.merge(base, extra or {}), body.fields, set(spec.extras))
    _refuse_missing(spec, [m for m in dctx.missing(spec, context) if m["field"] != "number"])
    number, range_id, range_seq = await _number(ctx, case, spec, body, replaces)
    context["number"] = number or ""
    _refuse_missing(spec, dctx.missing(spec, context))
    template, source, version = await template_for(ctx, case, spec)
    docx = await to_thread.run_sync(render.render, template, context)
    s = ctx.settings
    (tkey, tsha), (ckey, csha), (dkey, dsha) = [
        await put(s, data) for data in (template, canonical(context), docx)]
    doc = IssuedDocument(
        **{subject.owner: case.id}, agency_id=case.agency_id, region_code=case.region_code,
        code=spec.code, name=spec.name, number=number,
        version=(replaces.version + 1) if replaces else 1,
        replaces_id=replaces.id if replaces else None, template_source=source,
        template_version=version, template_sha256=tsha, template_key=tkey,
        context_sha256=csha, context_key=ckey, docx_sha256=dsha, docx_key=dkey,
        docx_size=len(docx), range_id=range_id, range_seq=range_seq, timeline_seq=0,
        issued_by=ctx.principal.username or ctx.principal.subject)
    try:
        async with ctx.session.begin_nested():
            repo.add(doc)
    except IntegrityError as exc:
        raise DocumentNumberRangeInvalid(f"文书编号 {number} 已被使用", number=number) from exc
    if replaces is not None:
        replaces.replaced_by_id = doc.id
    entry = await append_entry(ctx, case, "document.issued",
                               list(getattr(case, "officer_ids", None) or []),
                               issued_payload(doc), **chain_of(subject))
    doc.timeline_seq = entry.seq
    await repo.flush()
    return doc


def chain_of(subject: dctx.Subject) -> dict[str, Any]:
    return {} if subject.chain is None else {"chain": subject.chain}


def issued_payload(doc: IssuedDocument) -> dict[str, Any]:
    return {"document_id": str(doc.id), "code": doc.code, "name": doc.name,
            "number": doc.number, "version": doc.version,
            "replaces_id": str(doc.replaces_id) if doc.replaces_id else None,
            "template_sha256": doc.template_sha256, "context_sha256": doc.context_sha256,
            "docx_sha256": doc.docx_sha256}


async def reserve_range(ctx: Ctx, body: NumberRangeCreate) -> DocumentNumberRange:
    """A block of `count` numbers from the document's sequence for one officer or device
    (consecutive: the counter row stays locked until the transaction commits)."""
    spec = spec_of(body.code)
    if spec.numbering not in ("sequence", "summary"):
        raise DocumentNotIssuable(f"{spec.name}不使用顺序编号，不能预分配", code=spec.code)
    p = ctx.principal
    agency_id = parse_uuid(p.agency_id)
    if agency_id is None:  # the agency is the caller's own (token), never one from the body
        raise DocumentNumberRangeInvalid("当前账号不属于任何执法机关，不能预分配文书编号")
    prefix, _ = await agency_prefix(ctx, agency_id)
    kind = "summary" if spec.numbering == "summary" else spec.counter_kind
    seqs = [await next_seq(ctx.session, agency_id, body.year, kind) for _ in range(body.count)]
    rng = DocumentNumberRange(
        agency_id=agency_id, region_code=p.region_code or "", code=spec.code, year=body.year,
        holder_kind=body.holder_kind, holder_id=body.holder_id, first_seq=seqs[0],
        last_seq=seqs[-1], pattern=pattern_for(ctx.settings, spec), prefix=prefix,
        created_by=p.username or p.subject, notes=body.notes)
    ctx.session.add(rng)
    await ctx.session.flush()
    return rng


async def documents_of(session: Any, owner_id: Any, owner: str = "case_id"
                       ) -> list[IssuedDocument]:
    """The documents of one subject (`owner`: case_id, inspection_id or application_id)."""
    return await DocumentRepository(session).documents(owner_id, owner)


async def document_of(session: Any, owner_id: Any, document_id: Any,
                      owner: str = "case_id") -> IssuedDocument:
    """One document of a subject, else `DocumentNotFound` (404)."""
    doc = await DocumentRepository(session).document(owner_id, document_id, owner=owner)
    if doc is None:
        raise DocumentNotFound(f"文书 {document_id} 不存在或不在您的管辖范围内")
    return doc
