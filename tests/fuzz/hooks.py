"""Schemathesis hooks for the zhifa fuzz run (SCHEMATHESIS_HOOKS, set by run_schemathesis.py).

- Formats `gb32100-uscc` and `gb11643-id-number` (kit.schemas `Uscc`, `IdNumber`): a pattern can
  say 18 characters of the right alphabet but not the check character; these strategies make
  valid codes (check character computed by the services' own identifiers module) so positive
  cases are valid in fact, not only by the pattern.
- Keyset cursors (`cursor`, `after`) are opaque tokens the server issues (`next_cursor`); no
  generator can invent a valid one. Positive cases therefore drop a cursor the server did not
  issue (one that does not decode), so a first page is asked for; negative cases keep theirs.
"""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta

import schemathesis
from hypothesis import strategies as st

from services.personnel.identifiers import USCC_ALPHABET, id_check_char, uscc_check_char


@st.composite
def _uscc(draw: st.DrawFn) -> str:
    first = draw(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
    return first + uscc_check_char(first)


@st.composite
def _id_number(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["500112", "500113", "110101", "440305"]))
    born = date(1950, 1, 1) + timedelta(days=draw(st.integers(0, 365 * 55)))
    seq = draw(st.integers(0, 999))
    first = f"{area}{born:%Y%m%d}{seq:03d}"
    return first + id_check_char(first)


schemathesis.openapi.format("gb32100-uscc", _uscc())
schemathesis.openapi.format("gb11643-id-number", _id_number())

CURSOR_PARAMS = ("cursor", "after")


def _issued(value: object) -> bool:
    if not isinstance(value, str) or value == "":
        return True
    try:
        decoded = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, TypeError):
        return False
    return isinstance(decoded, list)


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    meta = getattr(case, "meta", None)
    if meta is None or not meta.generation.mode.is_positive or not case.query:
        return
    for name in CURSOR_PARAMS:
        if name in case.query and not _issued(case.query[name]):
            del case.query[name]
