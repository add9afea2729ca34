"""Public feeds: the JSON list and detail, Atom 1.0, and the 双公示 CSV/XLSX exports.

Every read filters on `publicity_until >= today`, so a record leaves all public views the day
after its publicity period ends — no cleanup job. Exports stream: rows come in keyset chunks
from a session the generator opens itself."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.calendar import LEGAL_TZ, today_legal
from kit.db import utcnow
from kit.exports import csv_row, xlsx_row
from kit.schemas import Page
from services.publicity.caching import weak_etag
from services.publicity.disclosures import errors
from services.publicity.disclosures.models import Disclosure
from services.publicity.disclosures.repository import (
    DisclosureRepository,
    PublicFilter,
    public_conditions,
)
from services.publicity.disclosures.schemas import DisclosureRead
from services.publicity.disclosures.service import public_view
from services.publicity.feeds.templates import columns_for, row_for

ATOM_NS = "http://www.w3.org/2005/Atom"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def public_filter(**kw: Any) -> PublicFilter:
    if kw.get("decided_from") and kw.get("decided_to") and kw["decided_from"] > kw["decided_to"]:
        raise errors.InvalidDateRange("起始日期不得晚于截止日期")
    return PublicFilter(today=today_legal(), **kw)


async def last_modified(session: AsyncSession) -> datetime:
    """Public views change when any record changes or when a day starts (periods end at
    midnight, Asia/Shanghai), so Last-Modified is the later of the two."""
    midnight = datetime.combine(today_legal(), time.min, LEGAL_TZ).astimezone(UTC)
    last = await DisclosureRepository(session).last_change()
    return max(last, midnight) if last else midnight


def _json(model: Any) -> bytes:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False).encode()


async def decisions_page(session: AsyncSession, f: PublicFilter, cursor: str | None,
                         limit: int) -> tuple[bytes, datetime]:
    """The public list page as JSON bytes and its Last-Modified."""
    rows, nxt = await DisclosureRepository(session).public_page(f, cursor, limit)
    page = Page[DisclosureRead](items=[public_view(r) for r in rows], next_cursor=nxt,
                                limit=limit)
    return _json(page), await last_modified(session)


async def decision_detail(session: AsyncSession,
                          decision_id: uuid.UUID) -> tuple[bytes, datetime]:
    """One public record as JSON bytes and its Last-Modified."""
    today = today_legal()
    conds = public_conditions(PublicFilter(today=today))[1:]  # any public status, in period
    record = await DisclosureRepository(session).get(
        decision_id, *conds, Disclosure.status.in_(("published", "withdrawn")))
    if record is None:
        raise errors.DisclosureNotFound(decision_id=str(decision_id))
    midnight = datetime.combine(today_legal(), time.min, LEGAL_TZ).astimezone(UTC)
    return _json(public_view(record)), max(record.updated_at, midnight)


def _atom_time(value: datetime | None) -> str:
    return (value or utcnow()).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def render_atom(rows: list[Disclosure], f: PublicFilter, base: str, self_url: str) -> bytes:
    """Atom 1.0 (RFC 4287): feed id/title/updated/author, entries newest first."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    scope = "".join([f":agency:{f.agency_id}" if f.agency_id else "",
                     f":region:{f.region_code}" if f.region_code else ""])
    _sub(feed, "id", f"urn:zhifa:publicity:decisions{scope}")
    _sub(feed, "title", "行政处罚决定公示" + (f"（{f.region_code}）" if f.region_code else ""))
    _sub(feed, "updated", _atom_time(max((r.published_at for r in rows if r.published_at),
                                         default=None)))
    _sub(feed, "link", rel="self", href=self_url)
    _sub(_sub(feed, "author"), "name", "行政执法公示平台")
    for r in rows:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:uuid:{r.id}")
        _sub(entry, "title", f"{r.document_number} {r.party_name}".strip())
        _sub(entry, "updated", _atom_time(r.published_at))
        _sub(entry, "link", rel="alternate", type="application/json",
             href=f"{base}/api/v1/publicity/decisions/{r.id}")
        _sub(_sub(entry, "author"), "name", r.agency_name or "行政执法机关")
        _sub(entry, "category", term=r.penalty_category or "其他")
        text = "\n".join(x for x in (f"处罚内容：{r.penalty_content}", f"违法事实：{r.facts}",
                                     f"处罚依据：{r.legal_basis}",
                                     f"决定日期：{r.decided_on}") if x)
        _sub(entry, "content", text, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


async def atom_feed(session: AsyncSession, f: PublicFilter, limit: int, base: str,
                    self_url: str) -> tuple[bytes, datetime]:
    """The Atom document and its Last-Modified."""
    rows = list(await DisclosureRepository(session).latest_published(f, limit))
    return render_atom(rows, f, base, self_url), await last_modified(session)


async def iter_records(maker: async_sessionmaker[AsyncSession], f: PublicFilter,
                       chunk: int) -> AsyncIterator[list[Disclosure]]:
    """Keyset chunks in their own session (the request session is gone while streaming)."""
    after: tuple[date, uuid.UUID] | None = None
    async with maker() as session:
        repo = DisclosureRepository(session)
        while True:
            rows = list(await repo.export_chunk(f, after, chunk))
            if not rows:
                return
            yield rows
            last = rows[-1]
            assert last.decided_on is not None
            after = (last.decided_on, last.id)
            session.expunge_all()
            if len(rows) < chunk:
                return


async def export_fingerprint(session: AsyncSession, f: PublicFilter,
                             kind: str) -> tuple[str, datetime]:
    """(ETag, Last-Modified) of an export: changes when a matching record or the day does."""
    count, newest = await DisclosureRepository(session).fingerprint(f)
    return weak_etag(kind, f, count, newest), await last_modified(session)


async def csv_chunks(maker: async_sessionmaker[AsyncSession], f: PublicFilter, template: str,
                     chunk: int, private: bool = False) -> AsyncIterator[bytes]:
    """The CSV export (UTF-8 with BOM), streamed in keyset chunks."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns_for(template))
    yield ("\ufeff" + buf.getvalue()).encode()
    async for rows in iter_records(maker, f, chunk):
        buf.seek(0)
        buf.truncate()
        writer.writerows(csv_row(row_for(template, r, private)) for r in rows)
        yield buf.getvalue().encode()


def file_chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while block := fh.read(64 * 1024):
            yield block


async def xlsx_file(maker: async_sessionmaker[AsyncSession], f: PublicFilter, template: str,
                    chunk: int) -> str:
    """The XLSX export written to a temporary file; the caller streams and removes it."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("行政处罚")
    ws.append(columns_for(template))
    async for rows in iter_records(maker, f, chunk):
        for r in rows:
            ws.append(xlsx_row(ws, row_for(template, r)))
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    wb.save(path)
    return path
