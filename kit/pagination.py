"""The one keyset pager: `keyset_page(session, stmt, cursor, limit, key_columns)`.

Rows are ordered by `key_columns` (all ascending or all descending, the last one unique, e.g.
`(created_at, id)`); the cursor is the opaque encoding of the last row's key values. The next
page is a row-value comparison, which both dialects answer from an index on the same columns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.types import TypeDecorator

from kit.schemas import InvalidCursor, decode_cursor, encode_cursor


def _decode_value(column: Any, raw: Any) -> Any:
    """Turn a cursor's JSON value back into the column's Python type; 400 when it cannot be."""
    kind = getattr(column, "type", None)
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        python_type = kind.python_type if kind is not None else None
    except (AttributeError, NotImplementedError):
        python_type = None
    try:
        if raw is None:
            return None
        if python_type is uuid.UUID:
            return uuid.UUID(str(raw))
        if python_type is datetime:
            return datetime.fromisoformat(str(raw))
        if python_type is date:
            return date.fromisoformat(str(raw))
        if python_type is int:
            if isinstance(raw, bool) or not isinstance(raw, int | str):
                raise ValueError(raw)
            return int(raw)
        if python_type is str and not isinstance(raw, str):
            raise ValueError(raw)
        return raw
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidCursor() from exc


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _after(key_columns: Sequence[Any], values: Sequence[Any], descending: bool) -> Any:
    """(c1, c2, …) > (v1, v2, …) as an OR of ANDs (portable across SQLite and PostgreSQL)."""
    terms = []
    for i, col in enumerate(key_columns):
        equal = [key_columns[j] == values[j] for j in range(i)]
        step = col < values[i] if descending else col > values[i]
        terms.append(and_(*equal, step))
    return or_(*terms)


def order_by(key_columns: Sequence[Any], descending: bool = False) -> list[Any]:
    return [c.desc() if descending else c.asc() for c in key_columns]


async def keyset_page(session: Any, stmt: Select[Any], cursor: str | None, limit: int,
                      key_columns: Sequence[Any], descending: bool = False,
                      scalars: bool = True) -> tuple[list[Any], str | None]:
    """One page of `stmt` ordered by `key_columns`, and the cursor of the next page (None on
    the last page). `scalars=False` returns rows (tuples) instead of the first entity; the key
    values are then read by column name from each row's mapping."""
    raw = decode_cursor(cursor, len(key_columns))
    if raw is not None:
        try:
            values = [_decode_value(c, v) for c, v in zip(key_columns, raw, strict=True)]
        except (ValueError, TypeError) as exc:
            raise InvalidCursor() from exc
        stmt = stmt.where(_after(key_columns, values, descending))
    stmt = stmt.order_by(None).order_by(*order_by(key_columns, descending)).limit(limit + 1)
    result = await session.execute(stmt)
    rows = list(result.scalars().all()) if scalars else list(result.all())
    more = len(rows) > limit
    rows = rows[:limit]
    if not more or not rows:
        return rows, None
    last = rows[-1]
    keys = [_key_of(last, c, scalars) for c in key_columns]
    return rows, encode_cursor([_encode_value(k) for k in keys])


def _key_of(row: Any, column: Any, scalars: bool) -> Any:
    name = column.key
    if scalars:
        return getattr(row, name)
    try:
        return row._mapping[column]
    except KeyError:
        return getattr(row[0], name)
