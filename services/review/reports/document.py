"""The narrative report as .docx (年度行政执法工作报告): title "关于 YYYY 年度行政执法工作开展情况
的报告", 一、总体情况 with sub-heads from data and the charts, 二、存在的主要问题 and 三、下一步
工作打算 from the official's text, issuer and date, and an appendix table of every figure under
the snapshot's "数据截至" line (its time, edition and, if so, why figures are provisional).

The template is built with `common.docbuild` (CJK fonts on the styles) and rendered with docxtpl,
`autoescape=True` (an `&` or `<` in the narrative would otherwise corrupt the file)."""

from __future__ import annotations

import functools
import io
from datetime import date
from typing import Any

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from common.docbuild import build_one, normalise_zip

BLOCKS: list[tuple[Any, ...]] = [
    ("title", "{{ title }}"),
    ("head", "一、总体情况"),
    ("loop", "s in overview_lines", "{{ s }}"),
    ("loop", "c in charts", "{{ c }}"),
    ("head", "二、存在的主要问题"),
    ("loop", "t in problems", "{{ t }}"),
    ("head", "三、下一步工作打算"),
    ("loop", "t in plans", "{{ t }}"),
    ("right", "{{ issuer }}"),
    ("right", "{{ issued_on }}"),
    ("head", "附表：主要数据"),
    ("loop", "s in as_of", "{{ s }}"),
    ("rows", ["数据项", "代码", "数值", "单位", "上年", "增减"], "f in figures",
     ["{{ f.label }}", "{{ f.key }}", "{{ f.value }}", "{{ f.unit }}", "{{ f.previous }}",
      "{{ f.change }}"]),
]


@functools.cache
def template() -> bytes:
    return build_one(BLOCKS)


def title(year: int, kind: str) -> str:
    if kind == "rule_of_law":
        return f"关于 {year} 年度法治政府建设情况的报告"
    return f"关于 {year} 年度行政执法工作开展情况的报告"


def paragraphs(text: str | None, placeholder: str) -> list[str]:
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    return lines or [placeholder]


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render(*, year: int, kind: str, overview: list[dict[str, Any]],
           narrative: dict[str, Any], figures: list[dict[str, Any]], issuer: str,
           issued_on: date, charts: list[bytes], as_of: str = "") -> bytes:
    tpl = DocxTemplate(io.BytesIO(template()))
    lines: list[str] = []
    for section in overview:
        lines.append(section["head"])
        lines.extend(section["lines"])
    notes = narrative.get("overview_notes") or ""
    lines.extend(ln.strip() for ln in notes.splitlines() if ln.strip())
    context = {
        "title": title(year, kind),
        "overview_lines": lines or ["（本年度无统计数据）"],
        "charts": [InlineImage(tpl, io.BytesIO(png), width=Cm(15)) for png in charts],
        "problems": paragraphs(narrative.get("problems"), "（待填写）"),
        "plans": paragraphs(narrative.get("plans"), "（待填写）"),
        "issuer": issuer or "（发文单位）",
        "issued_on": chinese_date(issued_on),
        "as_of": [as_of] if as_of else [],
        "figures": [{"label": f.get("label") or f["key"], "key": f["key"],
                     "value": _cell(f.get("value")), "unit": f.get("unit") or "",
                     "previous": _cell(f.get("previous")), "change": _cell(f.get("change"))}
                    for f in figures],
    }
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return normalise_zip(out.getvalue())
