"""The report's files from its frozen snapshot: tables (XLSX/CSV), charts (PNG), .docx.
Rendering runs in a worker thread (matplotlib and docxtpl are CPU-bound). A (report id,
version) names one immutable content, so charts and .docx are kept in a small in-process
cache (`CACHE_SIZE` entries, oldest dropped): a chart takes about a second on a busy machine."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from common.calendar import LEGAL_TZ, today_legal
from services.review.reports import charts, document, tables
from services.review.reports.models import AnnualReport
from services.review.reports.narrative import overview

CACHE_SIZE = 64
_cache: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()


def _cached(key: tuple[Any, ...]) -> bytes | None:
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    return None


def _keep(key: tuple[Any, ...], content: bytes) -> bytes:
    _cache[key] = content
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return content


def unit_name(report: AnnualReport) -> str:
    """填报单位: the issuer the official wrote, else the agency's or the region's name from
    personnel (service.unit_of), else the code."""
    return report.narrative.get("issuer") or report.scope_name or (
        f"执法机关 {report.agency_id}" if report.agency_id else f"辖区 {report.region_code}")


def caption(report: AnnualReport) -> str:
    return f"{report.year} 年"


def table_rows(report: AnnualReport) -> list[dict[str, Any]]:
    return tables.table_rows(report.figures, unit_name(report))


def xlsx(report: AnnualReport) -> bytes:
    return tables.xlsx(table_rows(report), _edition(report))


def csv_bytes(report: AnnualReport) -> bytes:
    return tables.csv_text(table_rows(report), _edition(report)).encode("utf-8")


def _edition(report: AnnualReport) -> str:
    return f"统计年度：{report.year} 年；{as_of(report)}"


def as_of(report: AnnualReport) -> str:
    """数据截至: the snapshot's time (Asia/Shanghai), its edition, and whether events between the
    services were still undelivered then (the figures they feed are provisional)."""
    made = report.made_at.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
    line = f"数据截至 {made}（第 {report.number} 版，{_status(report)}）"
    pending = report.narrative.get("pending_events") or {}
    if not pending:
        return line
    waits = "、".join(f"{k} {n} 条" for k, n in sorted(pending.items()))
    return f"{line}，其时尚有事件未送达（{waits}），相关数据为暂计数"


def _status(report: AnnualReport) -> str:
    return {"draft": "草稿", "finalised": "定稿", "superseded": "已被替代"}.get(
        report.status, report.status)


async def chart(report: AnnualReport, name: str) -> bytes:
    key = ("chart", report.id, report.version, name)
    hit = _cached(key)
    if hit is not None:
        return hit
    return _keep(key, await asyncio.to_thread(charts.render, name, report.figures,
                                              caption(report)))


async def docx(report: AnnualReport, settings: Any) -> bytes:
    key = ("docx", report.id, report.version, report.status)
    hit = _cached(key)
    return hit if hit is not None else _keep(key, await _docx(report, settings))


async def _docx(report: AnnualReport, settings: Any) -> bytes:
    figs = report.figures
    pngs = [await chart(report, n) for n in charts.CHARTS if charts.has_data(n, figs)]
    return await asyncio.to_thread(
        document.render, year=report.year, kind=report.kind,
        overview=overview(figs, money_style=settings.report_money_style,
                          round_from=settings.report_round_from,
                          round_suffix=settings.report_round_suffix),
        narrative=report.narrative, figures=figs, as_of=as_of(report),
        issuer=report.narrative.get("issuer") or settings.report_default_issuer
        or report.scope_name,
        issued_on=report.issued_on or today_legal(report.finalised_at or report.made_at),
        charts=pngs)
