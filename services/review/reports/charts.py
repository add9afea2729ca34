"""Charts of the report, rendered server-side as PNG (matplotlib, Agg, no pyplot state):
penalties by kind (表一 columns), inspections by month, complaints response.

The CJK font is Noto Sans CJK / Noto Serif CJK (Debian fonts-noto-cjk), found through
matplotlib's font manager; without it the charts still render (DejaVu Sans, CJK glyphs as
boxes) and `font_name()` says which font was used."""

from __future__ import annotations

import functools
import io
import logging
from typing import Any

from services.review.reports.layout import PENALTY_COLUMNS, figure_map, lookup, number

log = logging.getLogger("zhifa.review.reports")
CJK_FILES = ("NotoSansCJK-Regular", "NotoSansCJKsc-Regular", "NotoSerifCJK-Regular",
             "NotoSansCJK", "NotoSerifCJK", "wqy-microhei", "wqy-zenhei")
CHARTS = {"penalties": "行政处罚（按种类）", "inspections": "行政检查（按月）",
          "complaints": "投诉举报回应情况"}
MONTH_KEYS = tuple(f"inspections.month.{m:02d}" for m in range(1, 13))
COMPLAINT_BARS = (("受理", "complaints.received"), ("已回应", "complaints.responded"),
                  ("已办结", "complaints.completed"))


@functools.cache
def font_name() -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager

    files = font_manager.findSystemFonts()
    for wanted in CJK_FILES:
        for path in sorted(files):
            if wanted.lower() in path.replace("\\", "/").rsplit("/", 1)[-1].lower():
                try:
                    font_manager.fontManager.addfont(path)
                    return str(font_manager.FontProperties(fname=path).get_name())
                except (OSError, RuntimeError, ValueError):
                    continue
    log.warning("no CJK font found (install fonts-noto-cjk); charts use DejaVu Sans")
    return "DejaVu Sans"


def series(name: str, figures: list[dict[str, Any]]) -> list[tuple[str, float]]:
    by_key = figure_map(figures)
    if name == "penalties":
        return [(c.label, float(number(lookup(by_key, c)))) for c in PENALTY_COLUMNS[:12]]
    if name == "inspections":
        return [(f"{i}月", float(number(by_key.get(k, {}).get("value") or 0)))
                for i, k in enumerate(MONTH_KEYS, start=1)]
    return [(label, float(number(by_key.get(k, {}).get("value") or 0)))
            for label, k in COMPLAINT_BARS]


def has_data(name: str, figures: list[dict[str, Any]]) -> bool:
    keys = {f["key"] for f in figures}
    if name == "inspections":
        return any(k in keys for k in MONTH_KEYS)
    if name == "complaints":
        return any(k in keys for _, k in COMPLAINT_BARS)
    return True


def render(name: str, figures: list[dict[str, Any]], caption: str) -> bytes:
    """One chart as PNG bytes (deterministic: no timestamp in the metadata)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = font_name()
    data = series(name, figures)
    fig = Figure(figsize=(7.5, 3.6), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = [label for label, _ in data]
    values = [v for _, v in data]
    if name == "penalties":
        shown = [(lbl, v) for lbl, v in data if v] or data[:3]
        labels, values = [lbl for lbl, _ in shown], [v for _, v in shown]
        bars = ax.barh(labels, values, color="#b22222")
        ax.invert_yaxis()
        ax.set_xlabel("宗", fontfamily=family)
    elif name == "inspections":
        bars = ax.bar(labels, values, color="#1f4e79")
        ax.set_ylabel("次", fontfamily=family)
    else:
        bars = ax.bar(labels, values, color="#2e7d32")
        ax.set_ylabel("件", fontfamily=family)
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontsize=8)
    ax.set_title(f"{caption} {CHARTS[name]}", fontfamily=family)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontfamily(family)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
