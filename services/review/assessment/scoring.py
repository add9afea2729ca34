"""The stated scoring rule of 评议考核 (a local default; no national formula is known, so the
rule is fixed here and the indicator set is configurable):

- per indicator, min-max across the agencies of the assessment: more-is-better scores
  (v − min) / (max − min) × 100, less-is-better (max − v) / (max − min) × 100; when every
  agency has the same value each scores 100;
- an agency whose figure is missing (the source did not answer it, or the value is not a
  number) scores 0 on that indicator and the row says `missing`;
- total = Σ weight × score / Σ weight (two decimals); a dimension's subtotal is its share
  of the total (the subtotals add up to the total up to rounding);
- rank: 1 for the highest total, equal totals share a rank and the next rank skips (1, 1, 3),
  ties listed by agency name."""

from __future__ import annotations

from typing import Any


def _number(figure: dict[str, Any] | None) -> float | None:
    if figure is None:
        return None
    value = figure.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def score(agencies: list[dict[str, Any]], figures: dict[str, dict[str, dict[str, Any]]],
          indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per agency: total, dimensions, details (value, score, source) and rank."""
    ids = [str(a["id"]) for a in agencies]
    names = {str(a["id"]): a.get("name") for a in agencies}
    weights = sum(float(i["weight"]) for i in indicators) or 1.0
    rows: dict[str, dict[str, Any]] = {
        a: {"agency_id": a, "agency_name": names.get(a), "total": 0.0, "dimensions": {},
            "details": []} for a in ids}
    for ind in indicators:
        values = {a: _number(figures.get(a, {}).get(ind["key"])) for a in ids}
        present = [v for v in values.values() if v is not None]
        low, high = (min(present), max(present)) if present else (0.0, 0.0)
        for a in ids:
            v = values[a]
            if v is None:
                s = 0.0
            elif high == low:
                s = 100.0
            elif ind["direction"] == "higher":
                s = (v - low) / (high - low) * 100
            else:
                s = (high - v) / (high - low) * 100
            share = float(ind["weight"]) * s / weights
            row = rows[a]
            row["total"] += share
            row["dimensions"][ind["dimension"]] = row["dimensions"].get(
                ind["dimension"], 0.0) + share
            fig = figures.get(a, {}).get(ind["key"])
            row["details"].append({
                "key": ind["key"], "label": ind["label"], "dimension": ind["dimension"],
                "weight": float(ind["weight"]), "direction": ind["direction"], "value": v,
                "score": round(s, 2), "missing": v is None,
                "source": fig.get("source") if fig else None})
    out = list(rows.values())
    for row in out:
        row["total"] = round(row["total"], 2)
        row["dimensions"] = {k: round(v, 2) for k, v in row["dimensions"].items()}
    out.sort(key=lambda r: (-r["total"], r["agency_name"] or "", r["agency_id"]))
    for i, row in enumerate(out):
        same = i > 0 and out[i - 1]["total"] == row["total"]
        row["rank"] = out[i - 1]["rank"] if same else i + 1
    return out
