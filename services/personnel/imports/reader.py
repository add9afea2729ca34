"""Reading a roster file (CSV in UTF-8 or GB18030, or XLSX) into header → cell dicts."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from services.personnel import errors

MAX_ROWS = 20_000


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(header: list[str], body: Any) -> list[tuple[int, dict[str, str]]]:
    names = [h.strip() for h in header]
    out = []
    for number, raw in enumerate(body, start=2):
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        out.append((number, {n: (cells[i] if i < len(cells) else "")
                             for i, n in enumerate(names) if n}))
        if len(out) > MAX_ROWS:
            raise errors.ImportFileUnreadable(f"单次导入不得超过 {MAX_ROWS} 行")
    return out


Rows = list[tuple[int, dict[str, str]]]


def read_roster(filename: str, content: bytes) -> tuple[list[str], Rows]:
    """Headers and the non-empty data rows, numbered as in the spreadsheet (header = row 1)."""
    if filename.lower().endswith(".xlsx"):
        try:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = [_cell(v) for v in next(rows, ())]
            return header, _rows(header, rows)
        except errors.ImportFileUnreadable:
            raise
        except Exception as exc:
            raise errors.ImportFileUnreadable("XLSX 文件无法解析") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise errors.ImportFileUnreadable()
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    return header, _rows(header, reader)
