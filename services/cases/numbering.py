"""Document numbers per agency, per year, per kind (立案号, 决定书号; 当场处罚决定书 for the
summary sub-package): a counter row updated in the request transaction (row lock on PG).

Number patterns (文书编号格式) are never given to `str.format` (`{prefix.__class__.__mro__}`
would render internals, `{seq:>100000}` allocate per number). The one grammar, for every
numbering pattern (立案号, 决定书号, 当场处罚决定书, and documents/licences/inspections):
literal text without braces, and the placeholders `{prefix}`, `{year}`, `{seq}` or `{seq:0Nd}`
(zero-padded to N digits, 1 ≤ N ≤ 8). `validate_pattern(pattern)` checks it (raises
`NumberingPatternInvalid`, 422); `render_number(pattern, prefix=..., year=..., seq=...)`
validates and renders."""

import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.errors import NumberingPatternInvalid
from services.cases.repository import CounterRepository

MAX_PATTERN_LENGTH, MAX_PAD = 100, 8
_TOKEN = re.compile(r"\{(prefix|year|seq)(?::0([1-8])d)?\}|([^{}]+)|(.)", re.S)


def _tokens(pattern: str) -> list[tuple[str, int]]:
    """(placeholder name or "" for literal, pad) pairs; literal text is in the name slot as
    ("=" + text, 0)."""
    if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_PATTERN_LENGTH:
        raise NumberingPatternInvalid(f"编号格式须为 1–{MAX_PATTERN_LENGTH} 个字符")
    out: list[tuple[str, int]] = []
    for m in _TOKEN.finditer(pattern):
        name, pad, literal, stray = m.groups()
        if stray is not None or (pad and name != "seq"):
            raise NumberingPatternInvalid(
                f"编号格式“{pattern[:MAX_PATTERN_LENGTH]}”无效：只能使用 {{prefix}}、{{year}}、"
                f"{{seq}} 或 {{seq:0Nd}}（N 为 1–{MAX_PAD}）", pattern=pattern)
        out.append(("=" + literal, 0) if literal is not None else (name, int(pad or 0)))
    return out


def validate_pattern(pattern: str, *, require_seq: bool = True) -> None:
    """Raise `NumberingPatternInvalid` unless `pattern` follows the numbering grammar (and,
    by default, contains the sequence placeholder)."""
    tokens = _tokens(pattern)
    if require_seq and not any(name == "seq" for name, _ in tokens):
        raise NumberingPatternInvalid("编号格式须包含序号 {seq}", pattern=pattern)


def render_number(pattern: str, *, prefix: str, year: int, seq: int) -> str:
    """The number for `seq` under `pattern` (validated; never `str.format`)."""
    values = {"prefix": str(prefix), "year": str(int(year))}
    parts = []
    for name, pad in _tokens(pattern):
        if name.startswith("="):
            parts.append(name[1:])
        elif name == "seq":
            parts.append(str(int(seq)).zfill(pad))
        else:
            parts.append(values[name])
    return "".join(parts)


async def next_seq(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str) -> int:
    """Atomic increment: a SELECT-then-UPDATE would let two concurrent requests read the same
    value on SQLite (FOR UPDATE is ignored there), and two requests inserting the first row of
    a year would fail with a 500. One UPDATE … RETURNING takes the write lock (row lock on
    PostgreSQL, database write lock on SQLite); the year's first number inserts the row in a
    savepoint and, if another request won that race, increments instead."""
    counters = CounterRepository(session)
    for _ in range(3):
        value = await counters.increment(agency_id, year, kind)
        if value is not None:
            return value
        if await counters.insert_first(agency_id, year, kind):
            return 1
    raise RuntimeError("number counter could not be incremented")


async def next_number(session: AsyncSession, agency_id: uuid.UUID, year: int, kind: str,
                      pattern: str, prefix: str) -> str:
    seq = await next_seq(session, agency_id, year, kind)
    return render_number(pattern, prefix=prefix, year=year, seq=seq)
