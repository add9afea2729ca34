"""Statistics figures (docs/statistics.md): the response models, the period and scope of a
request, and one aggregate runner shared by the four services.

A service declares `Source`s (a table, its scope columns, the date column of the period) and
`Measure`s over them (a count or a sum, with an extra condition); `figures()` answers every
measure of a source with ONE `SELECT count(*) FILTER (WHERE …), …` (no Python loop over rows),
and `records()` lists the rows behind one measure with the same WHERE, keyset-paged, so the ids'
count equals the figure by construction; `by_agency()` answers the same figures per agency with
the same queries plus `GROUP BY agency` (docs/statistics.md, `group_by=agency`). The HTTP routes
are `common/statistics_routes.py`. Domain-free: the services bring the rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select, true

from common.calendar import LEGAL_TZ
from common.principal import Principal
from common.scope import region_prefix, scope_clause
from common.statistics_schemas import (  # noqa: F401  (re-exported for the services' schemas)
    AgencyFigures,
    Figure,
    FigureNotFound,
    GroupedFigures,
    InvalidPeriod,
    RecordRef,
    RecordsPage,
    StatisticsRead,
    StatisticsScope,
)
from common.statistics_sql import add_partial, aggregates, group_match, own_table
from kit.pagination import keyset_page


@dataclass(frozen=True)
class Period:
    """The statistical year (1 Jan – 31 Dec, Asia/Shanghai), optionally narrowed, and the
    optional agency / region filters that apply inside the caller's scope."""

    year: int
    date_from: date
    date_to: date
    agency_id: uuid.UUID | None = None
    region_code: str | None = None

    @classmethod
    def of(
        cls,
        year: int,
        date_from: date | None = None,
        date_to: date | None = None,
        agency_id: uuid.UUID | None = None,
        region_code: str | None = None,
    ) -> Period:
        start, end = date_from or date(year, 1, 1), date_to or date(year, 12, 31)
        if start.year != year or end.year != year or end < start:
            raise InvalidPeriod(f"统计期间须在 {year} 年内且起日不晚于止日")
        return cls(year, start, end, agency_id, region_code or None)

    def scope(self) -> StatisticsScope:
        return StatisticsScope(
            agency_id=self.agency_id,
            region_code=self.region_code,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def on_dates(self, col: Any) -> ColumnElement[bool]:
        """A date column inside the period (inclusive)."""
        return and_(col >= self.date_from, col <= self.date_to)

    def on_times(self, col: Any) -> ColumnElement[bool]:
        """A UTC timestamp column whose Asia/Shanghai date lies inside the period."""
        start = datetime.combine(self.date_from, time(), LEGAL_TZ)
        end = datetime.combine(self.date_to + timedelta(days=1), time(), LEGAL_TZ)
        return and_(col >= start, col < end)

    def end_instant(self) -> datetime:
        return datetime.combine(self.date_to + timedelta(days=1), time(), LEGAL_TZ)

    def within(self, principal: Principal, agency_col: Any, region_col: Any) -> list[Any]:
        """Scope (common.scope) AND the requested agency / region."""
        where: list[Any] = [scope_clause(principal, agency_col, region_col)]
        if self.agency_id is not None:
            where.append(agency_col == self.agency_id)
        if self.region_code:
            where.append(region_prefix(region_col, self.region_code))
        return where


@dataclass(frozen=True)
class Source:
    """One table's rows in the period: `where(principal, period)` gives the base WHERE."""

    model: Any
    kind: str
    label: Any
    where: Callable[[Principal, Period], list[Any]]
    agency: Any = None  # the agency column grouped by (default `model.agency_id`)

    def agency_col(self) -> Any:
        return self.model.agency_id if self.agency is None else self.agency


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    rule: str
    source: Source
    when: Callable[[Period], Any] | None = None
    total: Any = None  # a column summed instead of counting rows
    divide: int = 1  # the sum's unit divisor (100: 分 → 元)
    digits: int = 2
    average: bool = False  # the mean of `total` instead of its sum (records: the rows averaged)


@dataclass(frozen=True)
class GroupMeasure:
    """One figure per value of `column` (key `prefix.<value>`), counted like a Measure."""

    prefix: str
    label: str
    unit: str
    rule: str
    source: Source
    column: Any
    when: Callable[[Period], Any] | None = None
    fmt: Callable[[Any], str] = str
    match: Callable[[str], Any] | None = None  # the WHERE for one suffix (default column == it)


@dataclass(frozen=True)
class Derived:
    """A figure computed from others (a rate, a 万元 twin); its records are `records_of`'s."""

    key: str
    label: str
    unit: str
    rule: str
    compute: Callable[[dict[str, Any]], int | float]
    records_of: str | None = None


def rate(numerator: Any, denominator: Any) -> float:
    """Percent with one decimal; 0 when the denominator is 0."""
    return round(100 * float(numerator) / float(denominator), 1) if denominator else 0.0


def wan(fen: Any) -> float:
    """分 → 万元, exact to the 分 (6 decimals)."""
    return round(int(fen) / 1_000_000, 6)


@dataclass
class Registry:
    """The figures of one statistics endpoint, in response order."""

    entries: list[Measure | GroupMeasure | Derived] = field(default_factory=list)

    def add(self, *entries: Measure | GroupMeasure | Derived) -> Registry:
        self.entries.extend(entries)
        return self

    def _value(self, m: Measure, raw: Any) -> int | float:
        if m.average:  # (sum, count) of the averaged column
            return round(float(raw[0]) / int(raw[1]), m.digits) if raw and raw[1] else 0.0
        if m.total is None:
            return int(raw or 0)
        if m.divide == 1:
            return int(raw or 0)
        return round(int(raw or 0) / m.divide, m.digits)

    async def _compute(self, session: Any, principal: Principal, period: Period,
                       grouped: bool) -> dict[Any, tuple[dict[str, Any], dict[str, Any]]]:
        """{agency (None when not grouped): (measure values, {prefix: {value: count}})}: ONE
        statement per source for its measures and the GroupMeasures on its own table together
        — `GROUP BY` their columns (and the agency when asked), each figure a `FILTER`ed
        aggregate — summed over the groups here (a loop over groups, never over rows); a
        GroupMeasure that joins another table gets a statement of its own."""
        out: dict[Any, tuple[dict[str, Any], dict[str, Any]]] = {}
        sources: dict[int, tuple[Source, list[Measure], list[GroupMeasure]]] = {}
        joining: list[GroupMeasure] = []
        for e in self.entries:
            if isinstance(e, Measure):
                sources.setdefault(id(e.source), (e.source, [], []))[1].append(e)
            elif isinstance(e, GroupMeasure) and own_table(e, period):
                sources.setdefault(id(e.source), (e.source, [], []))[2].append(e)
            elif isinstance(e, GroupMeasure):
                joining.append(e)
        statements = []
        for src, measures, groups in sources.values():
            keys = [*([src.agency_col()] if grouped else []), *(g.column for g in groups)]
            cols = [c for m in measures for c in aggregates(m, period)]
            cols += [func.count().filter(g.when(period) if g.when else true()) for g in groups]
            stmt = select(*keys, *cols).select_from(src.model).where(*src.where(principal, period))
            statements.append((stmt.group_by(*keys) if keys else stmt, measures, groups))
        for g in joining:  # the join condition is in its `when`: WHERE, with its own FROMs
            keys = [*([g.source.agency_col()] if grouped else []), g.column]
            statements.append((select(*keys, func.count()).where(
                *g.source.where(principal, period), *([g.when(period)] if g.when else [])
            ).group_by(*keys), [], [g]))
        for stmt, measures, groups in statements:
            for row in (await session.execute(stmt)).all():
                agency = row[0] if grouped else None
                at = 1 if grouped else 0
                values, counts = out.setdefault(agency, ({}, {}))
                group_keys, vals = row[at:at + len(groups)], list(row[at + len(groups):])
                for m in measures:
                    got = (vals.pop(0), vals.pop(0)) if m.average else vals.pop(0)
                    values[m.key] = add_partial(values.get(m.key), got)
                for g, k, n in zip(groups, group_keys, vals, strict=True):
                    if k is not None and n:
                        per = counts.setdefault(g.prefix, {})
                        per[g.fmt(k)] = per.get(g.fmt(k), 0) + int(n)
        return out

    def _build(self, raw: dict[str, Any], groups: dict[str, dict[str, int]]) -> list[Figure]:
        values = {e.key: self._value(e, raw.get(e.key)) for e in self.entries
                  if isinstance(e, Measure)}
        for prefix, rows in groups.items():
            values.update({f"{prefix}.{k}": n for k, n in rows.items()})
        out: list[Figure] = []
        for e in self.entries:
            if isinstance(e, Derived):
                values[e.key] = e.compute(values)
            if isinstance(e, GroupMeasure):
                out.extend(
                    Figure(key=f"{e.prefix}.{k}", label=f"{e.label}（{k}）", value=n,
                           unit=e.unit, rule=e.rule)
                    for k, n in sorted(groups.get(e.prefix, {}).items())
                )
            else:
                out.append(
                    Figure(key=e.key, label=e.label, value=values[e.key], unit=e.unit, rule=e.rule)
                )
        return out

    async def figures(self, ctx: Any, period: Period) -> list[Figure]:
        """The figures of `period` in the caller's scope (`ctx`: the service's `ServiceCtx`)."""
        raw, groups = (await self._compute(ctx.session, ctx.principal, period, False)
                       ).get(None, ({}, {}))
        return self._build(raw, groups)

    async def by_agency(self, ctx: Any, period: Period) -> dict[uuid.UUID, list[Figure]]:
        """The figures of each agency with rows in the period, equal to asking with that
        `agency_id` (same WHERE, plus GROUP BY the agency)."""
        return (await self.grouped(ctx, period))[1]

    async def grouped(self, ctx: Any, period: Period
                      ) -> tuple[list[Figure], dict[uuid.UUID, list[Figure]]]:
        """`figures()` and `by_agency()` from the same statements: the totals are the sums of
        the agency groups (rows without an agency included), so they equal `figures()`."""
        computed = await self._compute(ctx.session, ctx.principal, period, True)
        total: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        for values, counts in computed.values():
            for k, v in values.items():
                total[0][k] = add_partial(total[0].get(k), v)
            for prefix, per in counts.items():
                into = total[1].setdefault(prefix, {})
                for k, n in per.items():
                    into[k] = into.get(k, 0) + n
        return self._build(*total), {a: self._build(raw, groups)
                                     for a, (raw, groups) in computed.items() if a is not None}

    def empty(self) -> list[Figure]:
        """The figures of an agency without rows (every count 0)."""
        return self._build({}, {})

    def _resolve(self, key: str) -> tuple[Source, list[Any]]:
        for e in self.entries:
            if isinstance(e, Measure) and e.key == key:
                return e.source, [e]
            if isinstance(e, Derived) and e.key == key and e.records_of:
                return self._resolve(e.records_of)
            if isinstance(e, GroupMeasure) and key.startswith(e.prefix + "."):
                return e.source, [e, key[len(e.prefix) + 1 :]]
        raise FigureNotFound(f"统计指标 {key} 不存在或没有可列出的记录", key=key)

    async def records(
        self,
        ctx: Any,
        period: Period,
        key: str,
        cursor: str | None,
        limit: int,
    ) -> RecordsPage:
        src, spec = self._resolve(key)
        where = list(src.where(ctx.principal, period))
        m = spec[0]
        if m.when is not None:
            where.append(m.when(period))
        if isinstance(m, GroupMeasure):
            where.append(group_match(m, spec[1]))
        elif m.average:
            where.append(m.total.is_not(None))
        elif m.total is not None:
            where.append(m.total != 0)
        stmt: Select[Any] = select(src.model.id, src.label, literal(src.kind)).where(*where)
        rows, nxt = await keyset_page(ctx.session, stmt, cursor, limit, [src.model.id],
                                      scalars=False)
        return RecordsPage(
            key=key,
            limit=limit,
            next_cursor=nxt,
            items=[RecordRef(id=r[0], label=str(r[1] or ""), kind=src.kind) for r in rows],
        )
