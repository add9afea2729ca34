"""行政处罚的种类 (行政处罚法第九条): every kind the law names, with its hearing right (第六十三条)
and its column in the 统计年报 行政处罚实施情况统计表, ordered light → heavy (a decision counts
once, in its heaviest column; a named kind plus 其他 counts in the named kind).

Review's 重大执法决定目录 (`services.review.legal.schemas.PENALTY_KINDS`) and publicity's
处罚类别 (`services.publicity.disclosures.rules.CATEGORY`) use the same kind keys; a contract
test keeps the three lists equal. `confiscation` is the combined 没收违法所得、没收非法财物 kept
for older clients; `confiscate_income` / `confiscate_property` name one of the two."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from common.money import fen_to_yuan

Hearing = Literal["amount", "always"] | None


@dataclass(frozen=True)
class PenaltyKindInfo:
    name: str
    report_rank: int          # 统计年报 order, 1 = lightest; 0 = 其他
    report_column: str
    hearing: Hearing          # 第六十三条: "amount" = 较大数额/较大价值, "always" = by kind
    has_amount: bool = False  # the amount (分) is part of the penalty


CONFISCATION = "没收违法所得、没收非法财物"
KINDS: dict[str, PenaltyKindInfo] = {
    "warning": PenaltyKindInfo("警告", 1, "警告", None),
    "criticism": PenaltyKindInfo("通报批评", 2, "通报批评", None),
    "fine": PenaltyKindInfo("罚款", 3, "罚款", "amount", True),
    "confiscation": PenaltyKindInfo(CONFISCATION, 4, CONFISCATION, "amount", True),
    "confiscate_income": PenaltyKindInfo("没收违法所得", 4, CONFISCATION, "amount", True),
    "confiscate_property": PenaltyKindInfo("没收非法财物", 4, CONFISCATION, "amount", True),
    "license_suspension": PenaltyKindInfo("暂扣许可证件", 5, "暂扣许可证件", None),
    "qualification_downgrade": PenaltyKindInfo("降低资质等级", 6, "降低资质等级", "always"),
    "business_restriction": PenaltyKindInfo("限制开展生产经营活动", 7, "限制开展生产经营活动",
                                            None),
    "business_suspension": PenaltyKindInfo("责令停产停业", 8, "责令停产停业", "always"),
    "closure": PenaltyKindInfo("责令关闭", 9, "责令关闭、限制从业", "always"),
    "employment_restriction": PenaltyKindInfo("限制从业", 9, "责令关闭、限制从业", "always"),
    "license_revocation": PenaltyKindInfo("吊销许可证件", 10, "吊销许可证件", "always"),
    "detention": PenaltyKindInfo("行政拘留", 11, "行政拘留", None),
    "other": PenaltyKindInfo("其他", 0, "其他", None),
}
AMOUNT_KINDS = frozenset(k for k, v in KINDS.items() if v.has_amount)
CONFISCATION_KINDS = frozenset({"confiscation", "confiscate_income", "confiscate_property"})
HEARING_RULE = "行政处罚法第六十三条"


def hearing_reasons(kinds_amounts: Iterable[tuple[str, int]], limit_fen: int,
                    extra_kinds: Iterable[str] = ()) -> list[str]:
    """Why the party may ask for a hearing: a 较大数额 fine or confiscation (第六十三条第一款第一、
    二项), a kind of the third and fourth items, or a locally configured 其他较重 kind (第五项)."""
    extra, reasons = set(extra_kinds), []
    for kind, amount in kinds_amounts:
        info = KINDS[kind]
        if info.hearing == "amount" and amount >= limit_fen:
            reasons.append(f"{info.name}{fen_to_yuan(amount)}元达到较大数额"
                           f"（{fen_to_yuan(limit_fen)}元）")
        elif info.hearing == "always":
            reasons.append(f"{info.name}（{HEARING_RULE}）")
        elif kind in extra:
            reasons.append(f"{info.name}（{HEARING_RULE}第一款第五项，本地规定为较重的行政处罚）")
    return list(dict.fromkeys(reasons))


def report_column(kinds: Iterable[str]) -> str | None:
    """The one 统计年报 column a decision with these kinds counts in (its heaviest kind)."""
    ranked = [KINDS[k] for k in kinds if k in KINDS]
    return max(ranked, key=lambda info: info.report_rank).report_column if ranked else None


def report_rank(kinds: Iterable[str]) -> int | None:
    """The 统计年报 rank of the heaviest kind (1 警告 … 11 行政拘留, 0 其他), stored on the case
    with the decision so the statistics count each decision once by a GROUP BY."""
    ranks = [KINDS[k].report_rank for k in kinds if k in KINDS]
    return max(ranks) if ranks else None


# 表一 columns in order: figure key suffix, the ranks counted there, the column name
REPORT_COLUMNS: list[tuple[str, int, str]] = [
    ("warning", 1, "警告"), ("criticism", 2, "通报批评"), ("fine", 3, "罚款"),
    ("confiscation", 4, CONFISCATION), ("license_suspension", 5, "暂扣许可证件"),
    ("qualification_downgrade", 6, "降低资质等级"),
    ("business_restriction", 7, "限制开展生产经营活动"), ("business_suspension", 8, "责令停产停业"),
    ("closure", 9, "责令关闭、限制从业"), ("license_revocation", 10, "吊销许可证件"),
    ("detention", 11, "行政拘留"), ("other", 0, "其他")]
