"""The 统计年报 tables (表一 … 表五) as rows, XLSX (one sheet each) and CSV, through the
formula-injection-safe cells of `kit.exports` (CWE-1236)."""

from __future__ import annotations

import csv
import io
from typing import Any

from kit.exports import csv_row, xlsx_row
from services.review.reports.layout import TABLES, figure_map, lookup, number, wan


def table_rows(figures: list[dict[str, Any]], unit_name: str) -> list[dict[str, Any]]:
    """[{code, title, header: [...], row: [...]}]: the header row and the unit's one row."""
    by_key = figure_map(figures)
    out = []
    for code, (title, columns) in TABLES.items():
        row: list[Any] = [unit_name]
        for column in columns:
            value = lookup(by_key, column)
            if column.wan:
                value = float(wan(value))
            elif column.unit == "%":
                value = float(number(value))
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            row.append(value)
        out.append({"code": code, "title": title,
                    "header": ["填报单位", *(c.label for c in columns)], "row": row})
    return out


def xlsx(tables: list[dict[str, Any]], caption: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=table["title"].split(" ")[0])
        sheet.append(xlsx_row(sheet, [table["title"]]))
        sheet.append(xlsx_row(sheet, [caption]))
        sheet.append(xlsx_row(sheet, table["header"]))
        sheet.append(xlsx_row(sheet, table["row"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(tables: list[dict[str, Any]], caption: str) -> str:
    """All five tables in one CSV, each headed by its title line, a blank line between."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(csv_row([caption]))
    for table in tables:
        writer.writerow([])
        writer.writerow(csv_row([table["title"]]))
        writer.writerow(csv_row(table["header"]))
        writer.writerow(csv_row(table["row"]))
    return "\ufeff" + buf.getvalue()
