"""Rendering with docxtpl, always `autoescape=True` (the default `False` lets `&`/`<` in data
corrupt the file: docxtpl #634, #594), and the template checks used on upload and in CI:
only known variables, renders with a full fixture context, re-opens with python-docx, and no
`{{`/`{%` left in the output. Output zips are normalised (fixed timestamps), so a re-render of
a frozen context gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from services.cases.documents.build import normalise_zip

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")


class TemplateInvalid(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _group(n: int) -> str:
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10 ** pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + UNITS[pos]
    return out


def capital(fen: int) -> str:
    """人民币大写 (e.g. 100050 分 → 壹仟元伍角; 1000001 → 壹万元零壹分)."""
    if fen < 0:
        raise ValueError("negative amount")
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    parts, i, need_zero, text = [], 0, False, ""
    while yuan:
        parts.append(yuan % 10000)
        yuan //= 10000
    for i in range(len(parts) - 1, -1, -1):
        g = parts[i]
        if g == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or g < 1000):
            text += "零"
        text += _group(g) + GROUPS[i]
        need_zero = False
    text = (text or "零") + "元"
    if jiao == 0 and cents == 0:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif cents and text != "零元":
        text += "零"
    if cents:
        text += DIGITS[cents] + "分"
    return text.removeprefix("零元") or "零元整"


def yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"


def variables(template: bytes) -> set[str]:
    try:
        return set(DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables())
    except (TemplateError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateInvalid([f"模板无法解析：{exc}"]) from exc


def render(template: bytes, context: dict[str, Any]) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    try:
        tpl.render(context, autoescape=True)
    except TemplateError as exc:
        raise TemplateInvalid([f"模板渲染失败：{exc}"]) from exc
    out = io.BytesIO()
    tpl.save(out)
    return normalise_zip(out.getvalue())


def texts(docx: bytes) -> list[str]:
    """Every paragraph's text, body and table cells (python-docx re-open)."""
    doc = Document(io.BytesIO(docx))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out


def leftover_tags(docx: bytes) -> list[str]:
    return [t for t in texts(docx) if "{{" in t or "{%" in t or "%}" in t or "}}" in t]


class Inspection:
    """What `inspect` found: `reasons` (empty when usable), the variables used, the output."""

    def __init__(self, reasons: list[str], used: set[str], output: bytes | None) -> None:
        self.reasons, self.used, self.output = reasons, used, output


def inspect(template: bytes, known: Iterable[str], fixture: dict[str, Any]) -> Inspection:
    """Why an (uploaded) template is unusable: unknown variables, no render with the full
    fixture, no re-open, or tags left in the output."""
    try:
        used = variables(template)
    except TemplateInvalid as exc:
        return Inspection(exc.reasons, set(), None)
    reasons = [f"未知变量：{name}" for name in sorted(used - set(known))]
    try:
        out = render(template, fixture)
        left = leftover_tags(out)
    except TemplateInvalid as exc:
        return Inspection(reasons + exc.reasons, used, None)
    except Exception as exc:  # any failure to re-open is a reason to refuse
        return Inspection(reasons + [f"渲染结果无法打开：{type(exc).__name__}"], used, None)
    return Inspection(reasons + [f"渲染后仍有模板标记：{t[:60]}" for t in left], used, out)
