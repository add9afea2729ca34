"""Issuing the .docx of a 监督文书 (`document.py` renders): number, frozen context, SHA-256.

Issued with the instrument; an instrument from before (a migrated 监督意见书) gets its
document on the first download, numbered then. Two issues racing for one number: the unique
sequence refuses the second (409), which the caller retries."""

from __future__ import annotations

import hashlib
import uuid

from anyio import to_thread
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.db import utcnow
from services.review.config import ReviewSettings
from services.review.instruments import document
from services.review.instruments.models import InstrumentDocument, SupervisionInstrument
from services.review.instruments.repository import InstrumentRepository
from services.review.instruments.schemas import KIND_LABELS

DEFAULT_ISSUER = "行政执法监督机构"


async def issue_document(session: AsyncSession, settings: ReviewSettings,
                         ins: SupervisionInstrument, agency_name: str) -> InstrumentDocument:
    repo = InstrumentRepository(session)
    existing = await repo.document(ins.id)
    if existing is not None:
        return existing
    scope, year = ins.region_code[:6], ins.issued_on.year
    seq = await repo.last_seq(scope, ins.kind, year) + 1
    number = document.number(settings.instrument_number_prefix, ins.kind, year, seq)
    ctx = document.context(ins, KIND_LABELS[ins.kind], agency_name,
                           settings.instrument_issuer or DEFAULT_ISSUER, number,
                           settings.instrument_objection_days)
    data = await to_thread.run_sync(document.render, ctx)
    row = InstrumentDocument(
        id=uuid.uuid4(), instrument_id=ins.id, kind=ins.kind, number_scope=scope, year=year,
        seq=seq, number=number, template_version=document.TEMPLATE_VERSION,
        template_sha256=document.template_sha256(), context=ctx,
        context_sha256=hashlib.sha256(document.canonical(ctx)).hexdigest(), docx=data,
        docx_sha256=hashlib.sha256(data).hexdigest(), issued_at=utcnow())
    repo.add(row)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise kit_errors.Conflict("文书编号分配冲突，请重试", number=number) from exc
    return row
