"""Penalty categories (行政处罚法第九条) and publicity classes (信用修复管理办法 [S])."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.publicity.config import PublicitySettings

# penalty kinds used by cases → 处罚类别 of 行政处罚法第九条 (the 双公示 CF_CFLB enum)
CATEGORY = {
    "warning": "警告", "criticism": "通报批评", "fine": "罚款",
    "confiscation": "没收违法所得、没收非法财物", "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物", "license_suspension": "暂扣许可证件",
    "qualification_downgrade": "降低资质等级", "license_revocation": "吊销许可证件",
    "business_restriction": "限制开展生产经营活动", "business_suspension": "责令停产停业",
    "closure": "责令关闭", "employment_restriction": "限制从业", "detention": "行政拘留",
    "other": "其他",
}
# 统计年报 行政处罚实施情况统计表 order, light → heavy; 其他 ranks lowest so
# a named kind plus 其他 counts in the named kind
REPORT_ORDER = ("other", "warning", "criticism", "fine",
                ("confiscation", "confiscate_income", "confiscate_property"),
                "license_suspension", "qualification_downgrade", "business_restriction",
                "business_suspension", ("closure", "employment_restriction"),
                "license_revocation", "detention")
REPORT_RANK = {k: rank for rank, group in enumerate(REPORT_ORDER)
               for k in ((group,) if isinstance(group, str) else group)}
SERIOUS_KINDS = {"license_revocation", "closure", "employment_restriction"}
MINOR_KINDS = {"warning", "criticism"}


def penalty_categories(penalties: list[dict[str, Any]]) -> list[str]:
    """处罚类别, heaviest first (统计年报 order), so the first is the decision's category."""
    out: list[str] = []
    ranked = sorted(penalties, key=lambda p: -REPORT_RANK.get(str(p.get("kind") or "other"), 0))
    for p in ranked:
        kind = str(p.get("kind") or "other")
        name = CATEGORY.get(kind, kind)
        if name not in out:
            out.append(name)
    return out


def yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def wan_yuan(fen: int) -> str:
    """分 → 万元 with up to 6 decimals, exact (1 分 = 0.000001 万元)."""
    text = f"{Decimal(fen) / 1_000_000:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def penalty_content(penalties: list[dict[str, Any]], fine_fen: int, confiscation_fen: int) -> str:
    parts: list[str] = []
    for p in penalties:
        kind = str(p.get("kind") or "other")
        name = CATEGORY.get(kind, kind)
        amount = int(p.get("amount_fen") or 0)
        parts.append(f"{name}人民币{yuan(amount)}元" if amount else name)
    if not penalties and fine_fen:
        parts.append(f"罚款人民币{yuan(fine_fen)}元")
    if not penalties and confiscation_fen:
        parts.append(f"没收违法所得、没收非法财物人民币{yuan(confiscation_fen)}元")
    return "；".join(parts)


def classify(penalties: list[dict[str, Any]], money_fen: int, party_kind: str,
             s: PublicitySettings) -> str:
    """轻微 / 一般 / 严重 (per news summaries of 国家发展改革委令2025年第36号; UNVERIFIED)."""
    kinds = {str(p.get("kind") or "other") for p in penalties}
    if kinds & SERIOUS_KINDS or money_fen >= s.serious_fine_fen:
        return "serious"
    small = s.small_fine_person_fen if party_kind == "person" else s.small_fine_organisation_fen
    if kinds <= MINOR_KINDS | {"fine"} and money_fen < small:
        return "minor"
    return "general"
