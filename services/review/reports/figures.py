"""Gathering figures from the statistics endpoints (issue 14 contract) into one frozen list.

Each endpoint answers `{year, scope, figures: [{key, label, value, unit, rule}]}`. An answer
without `figures` (an older endpoint) is flattened: every number becomes a figure named
`<name>.<field>[.<sub>]`, where <name> is the path segment before `/statistics`. Sources are
fetched concurrently; the owning service answers for its data (no shared database)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any, Protocol


class StatisticsFetcher(Protocol):
    async def fetch(self, service: str, path: str,
                    params: dict[str, Any]) -> dict[str, Any] | None: ...


def parse_sources(sources: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in sources:
        service, _, path = item.partition(":")
        out.append((service.strip(), path.strip()))
    return out


def source_name(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    i = parts.index("statistics") if "statistics" in parts else len(parts)
    return parts[i - 1] if i > 0 else "statistics"


def _flatten(prefix: str, body: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(body, bool) or body is None:
        return
    if isinstance(body, int | float | Decimal):
        out.append({"key": prefix, "label": prefix, "value": body, "unit": None,
                    "rule": None})
    elif isinstance(body, dict):
        for k, v in body.items():
            if k not in ("year", "agency_id", "region_code", "scope"):
                _flatten(f"{prefix}.{k}", v, out)


def figures_of(path: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(body.get("figures"), list):
        return [{"key": str(f.get("key")), "label": str(f.get("label") or f.get("key")),
                 "value": f.get("value"), "unit": f.get("unit"), "rule": f.get("rule"),
                 **{k: f[k] for k in ("numerator", "denominator", "agency_id") if k in f}}
                for f in body["figures"] if isinstance(f, dict) and f.get("key")]
    out: list[dict[str, Any]] = []
    _flatten(source_name(path), body, out)
    return out


async def gather(fetcher: StatisticsFetcher, sources: list[str], params: dict[str, Any]
                 ) -> tuple[list[dict[str, Any]], list[str], dict[str, int]]:
    """Every figure with its source; the sources that answered nothing (404); and the events
    not yet delivered between the services (`"cases→publicity": 3`, from each answer's
    `undelivered_events`). A figure of a service that still awaits events is `provisional`:
    it counts what had arrived when the report was made (e.g. 公示 seconds after a decision)."""
    pairs = parse_sources(sources)
    calls: list[Awaitable[dict[str, Any] | None]] = [
        fetcher.fetch(service, path, params) for service, path in pairs]
    answers = await asyncio.gather(*calls)
    figures: list[dict[str, Any]] = []
    skipped: list[str] = []
    seen: set[str] = set()
    pending: dict[str, int] = {}
    for (service, path), body in zip(pairs, answers, strict=True):
        if body is None or not _answers_for(body, params):
            skipped.append(f"{service}:{path}")
            continue
        for dest, n in (body.get("undelivered_events") or {}).items():
            if isinstance(n, int) and n > 0:
                pending[f"{service}→{dest}"] = n
        for fig in figures_of(path, body):
            if fig["key"] in seen:
                continue
            seen.add(fig["key"])
            fig["value"] = _plain(fig["value"])
            fig["source"] = {"service": service, "path": path, "params": dict(params)}
            figures.append(fig)
    awaited = {k.split("→", 1)[1] for k in pending}
    for fig in figures:
        if fig["source"]["service"] in awaited:
            fig["provisional"] = True
    return figures, skipped, pending


def _answers_for(body: dict[str, Any], params: dict[str, Any]) -> bool:
    """An answer in the contract shape (with `figures` and `scope`) is trusted to honour the
    scope it was asked; an older answer only when it echoes the agency asked for (an endpoint
    that ignores `region_code` would count every region under a service token)."""
    if isinstance(body.get("figures"), list):
        return True
    agency = params.get("agency_id")
    return agency is not None and str(body.get("agency_id")) == str(agency)


def _plain(value: Any) -> Any:
    """JSON-safe: numbers stay numbers, numeric strings ("11650.00") become numbers."""
    if isinstance(value, str):
        try:
            d = Decimal(value)
        except ArithmeticError:
            return value
        return int(d) if d == d.to_integral() else float(d)
    return value


def with_previous(figures: list[dict[str, Any]],
                  previous: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Year-over-year: every figure carries the previous year's value and the change."""
    if previous is None:
        return figures
    before = {f["key"]: f.get("value") for f in previous}
    for fig in figures:
        old = before.get(fig["key"])
        fig["previous"] = old
        value = fig.get("value")
        numeric = (int, float)
        if isinstance(old, numeric) and isinstance(value, numeric) and not isinstance(
                old, bool) and not isinstance(value, bool):
            change = value - old
            fig["change"] = round(change, 4) if isinstance(change, float) else change
    return figures

