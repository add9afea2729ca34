"""Number patterns (issue 10, point 16): one grammar for every numbering pattern, never
`str.format` — `{prefix}`, `{year}`, `{seq}` or `{seq:0Nd}` with N ≤ 8."""

from __future__ import annotations

import pytest
from factories import C, problem, world
from harness import Platform

from services.cases.errors import NumberingPatternInvalid
from services.cases.numbering import render_number, validate_pattern


@pytest.mark.parametrize("pattern,expected", [
    ("{prefix}罚立〔{year}〕{seq}号", "木耳综执罚立〔2026〕7号"),
    ("{prefix}当〔{year}〕{seq:04d}号", "木耳综执当〔2026〕0007号"),
    ("X-{seq:08d}", "X-00000007"),
    ("{year}{year}-{seq:01d}", "20262026-7"),
])
def test_valid_patterns_render(pattern: str, expected: str) -> None:
    validate_pattern(pattern)
    assert render_number(pattern, prefix="木耳综执", year=2026, seq=7) == expected


@pytest.mark.parametrize("pattern", [
    "{prefix.__class__.__mro__}{seq}", "X{seq:>100000}", "{seq:09d}", "{seq:0100d}",
    "{0}{seq}", "{}{seq}", "{seq!r}", "{seq", "seq}", "{{seq}}", "{year:04d}{seq}",
    "{prefix[0]}{seq}", "{other}{seq}", "x" * 101 + "{seq}", "",
])
def test_anything_else_is_refused(pattern: str) -> None:
    with pytest.raises(NumberingPatternInvalid):
        validate_pattern(pattern)
    with pytest.raises(NumberingPatternInvalid):
        render_number(pattern, prefix="p", year=2026, seq=1)


def test_a_pattern_without_seq_is_refused_unless_asked() -> None:
    with pytest.raises(NumberingPatternInvalid):
        validate_pattern("{prefix}〔{year}〕号")
    validate_pattern("{prefix}〔{year}〕号", require_seq=False)


async def test_the_summary_numbering_route_refuses_format_tricks(zhifa: Platform) -> None:
    w = await world(zhifa)
    url = f"{C}/summary-decisions/numbering"
    for bad in ("{prefix.__class__.__mro__}{seq}", "X{seq:>100000}"):
        resp = await zhifa.client.put(url, headers=w.admin_headers(), json={"pattern": bad})
        problem(resp, 422, "numbering-pattern-invalid")
    ok = await zhifa.client.put(url, headers=w.admin_headers(),
                                json={"pattern": "{prefix}当〔{year}〕{seq:04d}号"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["example"].endswith("0001号")
