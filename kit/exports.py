"""Spreadsheet-safe export cells (CSV/formula injection, CWE-1236).

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
spreadsheet programs (`=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(1+1)`). `csv_cell` prefixes such text
with `'` (OWASP's advice); `xlsx_row` writes every text value as a string cell (data_type
"s"), never as a formula, so the text stays exactly what was stored. Every CSV/XLSX export goes
through these two."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for `sheet.append` (openpyxl, write-only sheets too): text as string cells."""
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out
