"""Domain-free .docx building (moved from services/cases/documents/build.py, issue 14): A4 with
the GB/T 9704 margins, fonts set on the styles with all four `w:rFonts` attributes
(ascii/hAnsi/eastAsia/cs) — python-docx's `font.name` writes no `w:eastAsia`, so Chinese text
would keep the theme's East-Asian font (python-docx #154, #1396). Body 仿宋_GB2312, title
方正小标宋简体, headings 黑体. `build_one(blocks)` makes a docxtpl template from a list of
blocks; `normalise_zip` fixes zip timestamps so equal content gives equal bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT, TITLE_FONT, HEAD_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"
FIXED = datetime(2026, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def set_fonts(style_or_run_element: object, name: str) -> None:
    rpr = style_or_run_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _styles(doc: object) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.size = Pt(14)
    set_fonts(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(26)
    title = styles["Title"]
    title.font.size, title.font.bold = Pt(22), False
    set_fonts(title.element, TITLE_FONT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    pbdr = title.element.find(qn("w:pPr"))
    if pbdr is not None and pbdr.find(qn("w:pBdr")) is not None:
        pbdr.remove(pbdr.find(qn("w:pBdr")))
    for name in ("Heading 1", "Table Grid"):
        set_fonts(styles[name].element, HEAD_FONT if name.startswith("Heading") else BODY_FONT)
    styles["Heading 1"].font.size = Pt(16)
    for name in ("Title", "Heading 1"):  # the default template colours them blue
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        set_fonts(_Holder(rpr), BODY_FONT)


class _Holder:
    def __init__(self, rpr: object) -> None:
        self.rpr = rpr

    def get_or_add_rPr(self) -> object:
        return self.rpr


def _para(doc: object, text: str, align: str | None = None, style: str | None = None) -> None:
    p = doc.add_paragraph(text, style=style)  # type: ignore[attr-defined]
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align is None and style is None:
        p.paragraph_format.first_line_indent = Pt(28)


def _table(doc: object, header: list[str] | None, rows: list[list[str]]) -> None:
    width = len(header or rows[0])
    table = doc.add_table(rows=0, cols=width, style="Table Grid")  # type: ignore[attr-defined]
    for row in ([header] if header else []) + rows:
        cells = table.add_row().cells
        for i, text in enumerate(row):
            cells[i].text = text
            for p in cells[i].paragraphs:
                p.paragraph_format.line_spacing = Pt(20)


def _page_footer(section: object) -> None:
    """“第 N 页 共 M 页” centred in the footer (PAGE / NUMPAGES fields)."""
    p = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        p.add_run(text)
        if field:
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), f" {field} ")
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            run.append(t)
            fld.append(run)
            p._p.append(fld)


def build_one(blocks: list[tuple]) -> bytes:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _page_footer(section)
    for kind, *args in blocks:
        if kind == "title":
            _para(doc, args[0], style="Title")
        elif kind == "head":
            _para(doc, args[0], style="Heading 1")
        elif kind in ("center", "right"):
            _para(doc, args[0], align=kind)
        elif kind == "p":
            _para(doc, args[0])
        elif kind == "flat":
            _para(doc, args[0], align="left")
        elif kind == "loop":  # paragraph loop: ("loop", "e in evidence", "line")
            _para(doc, f"{{%p for {args[0]} %}}", align="left")
            _para(doc, args[1])
            _para(doc, "{%p endfor %}", align="left")
        elif kind == "kv":
            _table(doc, None, [[label, value] for label, value in args[0]])
        elif kind == "rows":  # ("rows", header, "it in items", [cells])
            header, loop, cells = args
            _table(doc, header, [[f"{{%tr for {loop} %}}"] + [""] * (len(cells) - 1), cells,
                                 ["{%tr endfor %}"] + [""] * (len(cells) - 1)])
        else:
            raise ValueError(kind)
    props = doc.core_properties
    props.created = props.modified = FIXED
    props.author = props.last_modified_by = "zhifa"
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Same parts, fixed timestamps: equal content gives equal bytes (and SHA-256)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
