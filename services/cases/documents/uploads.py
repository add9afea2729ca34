"""Agency versions of the templates (an agency admin uploads its own .docx): validated before
it is stored — only known variables, every required element's variable present, renders with
the full fixture context (`samples.sample`), re-opens with python-docx, and no `{{`/`{%` left
in the output. The newest upload of an agency is used for that agency's documents."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from anyio import to_thread

from common.scope import parse_uuid
from kit import errors
from services.cases.context import Ctx
from services.cases.documents import context as dctx
from services.cases.documents import render
from services.cases.documents import service as svc
from services.cases.documents.catalogue import SPECS, Spec
from services.cases.documents.errors import DocumentTemplateInvalid
from services.cases.documents.models import DocumentTemplate
from services.cases.documents.repository import DocumentRepository
from services.cases.documents.samples import sample


def inspect(spec: Spec, data: bytes) -> render.Inspection:
    found = render.inspect(data, dctx.known(spec), sample())
    for req in spec.required:
        if found.used and req.path.split(".")[0] not in found.used:
            found.reasons.append(f"缺少法定必备内容：{req.label}（{req.article}，变量 {req.path}）")
    return found


def validate(spec: Spec, data: bytes) -> list[str]:
    return inspect(spec, data).reasons


async def upload(ctx: Ctx, code: str, data: bytes) -> DocumentTemplate:
    spec = svc.spec_of(code)
    agency_id = parse_uuid(ctx.principal.agency_id)
    if agency_id is None:
        raise errors.Forbidden("只有执法机关的管理员可以上传本机关的文书模板")
    if len(data) > ctx.settings.document_template_max_bytes:
        raise DocumentTemplateInvalid("模板文件过大", reasons=["文件超过大小限制"])
    reasons = await to_thread.run_sync(validate, spec, data)
    if reasons:
        raise DocumentTemplateInvalid(f"模板 {code} 校验未通过：{reasons[0]}", reasons=reasons)
    key, sha = await svc.put(ctx.settings, data)
    repo = DocumentRepository(ctx.session)
    row = DocumentTemplate(agency_id=agency_id, region_code=ctx.principal.region_code or "",
                           code=code, version=await repo.next_template_version(agency_id, code),
                           sha256=sha, storage_key=key, size=len(data),
                           uploaded_by=ctx.principal.username or ctx.principal.subject)
    repo.add(row)
    await repo.flush()
    return row


def _shipped_sha(spec: Spec) -> str:
    return hashlib.sha256(Path(svc.SHIPPED / f"{spec.code}.docx").read_bytes()).hexdigest()


def describe(spec: Spec, source: str = "shipped", version: str | None = None,
             sha256: str | None = None) -> dict[str, Any]:
    return {"code": spec.code, "name": spec.name, "stage": spec.stage, "subject": spec.subject,
            "version": version or spec.version, "articles": list(spec.articles),
            "required": [{"path": r.path, "label": r.label, "article": r.article}
                         for r in spec.required],
            "numbering": spec.numbering, "extras": list(spec.extras), "source": source,
            "sha256": sha256 or _shipped_sha(spec)}


async def catalogue(ctx: Ctx) -> list[dict[str, Any]]:
    out = [describe(spec) for spec in SPECS.values()]
    for row in await DocumentRepository(ctx.session).agency_templates(ctx.principal):
        out.append(describe(SPECS[row.code], "agency", f"{SPECS[row.code].version}.a"
                            f"{row.version}", row.sha256))
    return out
