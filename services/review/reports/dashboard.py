"""数据驾驶舱: per agency of a region, the headline figures, overdue items across services,
certificate coverage and evaluation rank (issue 14 point 3).

One statistics call per source for the whole region with `group_by=agency` when the source
answers groups (`{groups: [{agency_id, figures}], empty}`, docs/statistics.md; an agency
without rows gets `empty`, the figures of no rows) or figures carrying `agency_id`; a source
that does not is asked once per agency (at most `concurrency` calls at a time)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any, Protocol

from services.review.reports.figures import figures_of, parse_sources


class DashboardFetcher(Protocol):
    async def fetch(self, service: str, path: str,
                    params: dict[str, Any]) -> dict[str, Any] | None: ...

    async def agencies(self, region_code: str) -> list[dict[str, Any]]: ...


def grouped(path: str, body: dict[str, Any]) -> dict[str, list[dict[str, Any]]] | None:
    if isinstance(body.get("groups"), list):
        return {str(g.get("agency_id")): figures_of(path, g) for g in body["groups"]
                if isinstance(g, dict)}
    figs = body.get("figures")
    if isinstance(figs, list) and figs and all(isinstance(f, dict) and "agency_id" in f
                                               for f in figs):
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for f in figures_of(path, body):
            out[str(f.get("agency_id"))].append(f)
        return out
    return None


async def _per_source(fetcher: DashboardFetcher, service: str, path: str, region: str,
                      year: int, agency_ids: list[str], gate: asyncio.Semaphore
                      ) -> tuple[dict[str, list[dict[str, Any]]], int]:
    asked = {"year": year, "region_code": region, "group_by": "agency"}
    body = await fetcher.fetch(service, path, asked)
    groups = grouped(path, body) if body else None
    if groups is not None:
        for agency, figs in groups.items():
            for f in figs:
                f["source"] = {"service": service, "path": path,
                               "params": {"year": year, "agency_id": agency}}
        empty = figures_of(path, {"figures": body.get("empty") or []}) if body else []
        return {a: groups.get(a) or [dict(f, source={"service": service, "path": path,
                                                       "params": {"year": year, "agency_id": a}})
                                      for f in empty]
                for a in {*agency_ids, *groups}}, 1

    async def one(agency: str) -> tuple[str, list[dict[str, Any]]]:
        params = {"year": year, "agency_id": agency}
        async with gate:
            answer = await fetcher.fetch(service, path, params)
        ok = answer is not None and (isinstance(answer.get("figures"), list)
                                     or str(answer.get("agency_id")) == agency)
        figs = figures_of(path, answer) if ok and answer else []
        for f in figs:
            f["source"] = {"service": service, "path": path, "params": params}
        return agency, figs

    if body is None:  # not deployed: nothing to ask per agency either
        return {}, 1
    pairs = await asyncio.gather(*(one(a) for a in agency_ids))
    return dict(pairs), 1 + len(agency_ids)


def _is_overdue(key: str) -> bool:
    return "overdue" in key or key.endswith(".late")


async def per_agency(fetcher: DashboardFetcher, sources: list[str], region: str, year: int,
                     concurrency: int = 8
                     ) -> tuple[list[dict[str, Any]], dict[str, dict[str, dict[str, Any]]], int]:
    """The region's agencies (personnel), every figure of each (`{key: figure}` with its
    `source`; a later source wins a shared key) and the number of statistics calls made.
    Also used by
    评议考核 (services.review.assessment)."""
    agencies = await fetcher.agencies(region)
    ids = [str(a["id"]) for a in agencies]
    gate = asyncio.Semaphore(concurrency)
    results = await asyncio.gather(*(_per_source(fetcher, s, p, region, year, ids, gate)
                                     for s, p in parse_sources(sources)))
    per: dict[str, dict[str, dict[str, Any]]] = {a: {} for a in ids}
    calls = 0
    for groups, n in results:
        calls += n
        for agency, figs in groups.items():
            if agency in per:
                for f in figs:
                    per[agency][f["key"]] = f
    return agencies, per, calls


async def build(fetcher: DashboardFetcher, sources: list[str], region: str, year: int,
                headlines: list[str], concurrency: int = 8) -> dict[str, Any]:
    agencies, figures, calls = await per_agency(fetcher, sources, region, year, concurrency)
    ids = [str(a["id"]) for a in agencies]
    names = {str(a["id"]): a.get("name") for a in agencies}
    regions = {str(a["id"]): a.get("region_code") for a in agencies}
    per = {a: {k: f.get("value") for k, f in figs.items()} for a, figs in figures.items()}
    rows = []
    for agency in ids:
        values = per[agency]
        rows.append({
            "agency_id": agency, "name": names.get(agency), "region_code": regions.get(agency),
            "figures": {k: values.get(k) for k in headlines},
            "overdue": {k: v for k, v in values.items() if _is_overdue(k)},
            "certificate_rate": values.get("officers.certified_rate"),
            "evaluation_rank": values.get("evaluation.rank")})
    return {"region_code": region, "year": year, "agencies": rows, "calls": calls,
            "sources": [f"{s}:{p}" for s, p in parse_sources(sources)]}
