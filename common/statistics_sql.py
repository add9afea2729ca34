"""The SQL side of `common.statistics.Registry`: a measure's aggregate columns, how partial
values of one measure add up over groups, whether a GroupMeasure can share its source's
statement, and the WHERE of one group's records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, true

if TYPE_CHECKING:
    from common.statistics import GroupMeasure, Measure, Period


def aggregates(m: Measure, period: Period) -> list[Any]:
    """A measure's aggregate columns: a filtered count, a sum, or (sum, count) for a mean."""
    cond = m.when(period) if m.when else true()
    if m.total is None:
        return [func.count().filter(cond)]
    if m.average:
        return [func.sum(m.total).filter(cond), func.count(m.total).filter(cond)]
    return [func.coalesce(func.sum(m.total).filter(cond), 0)]


def own_table(g: GroupMeasure, period: Period) -> bool:
    """Whether a GroupMeasure reads only its source's table (then it shares the statement)."""
    parts = [g.column, *([g.when(period)] if g.when else [])]
    return select(*parts).get_final_froms() == [g.source.model.__table__]


def add_partial(a: Any, b: Any) -> Any:
    """Sum two partial values of one measure (a (sum, count) pair for a mean)."""
    if isinstance(b, tuple):
        return (add_partial(a and a[0], b[0]), add_partial(a and a[1], b[1]))
    return b if a is None else a + (b or 0)


def group_match(m: GroupMeasure, suffix: str) -> Any:
    return m.match(suffix) if m.match is not None else m.column == suffix
