"""The 统计年报 tables (official column layout [S]) as figure-key lookups,
and the number styles of the seeds ("1.165 万元", "316081.7元", "1700 余名").

Every column names the figure keys that may hold it (the first present wins), so one file
adapts the report to the statistics contract (docs/statistics.md). A column whose figure no
service reported is 0: the 广东 样式 fills "0" for a power the unit holds but did not use."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class Column:
    label: str
    keys: tuple[str, ...]
    unit: str = "宗"
    wan: bool = False  # 元 figure shown in 万元


def col(label: str, *keys: str, unit: str = "宗", wan: bool = False) -> Column:
    return Column(label, keys, unit, wan)


# 表一 行政处罚实施情况统计表: one decision once, in its heaviest kind (cases.penalties order)
PENALTY_COLUMNS = (
    col("警告", "penalty.decisions.warning"),
    col("通报批评", "penalty.decisions.criticism"),
    col("罚款", "penalty.decisions.fine"),
    col("没收违法所得、没收非法财物", "penalty.decisions.confiscation"),
    col("暂扣许可证件", "penalty.decisions.license_suspension"),
    col("降低资质等级", "penalty.decisions.qualification_downgrade"),
    col("限制开展生产经营活动", "penalty.decisions.business_restriction"),
    col("责令停产停业", "penalty.decisions.business_suspension"),
    col("责令关闭、限制从业", "penalty.decisions.closure"),
    col("吊销许可证件", "penalty.decisions.license_revocation"),
    col("行政拘留", "penalty.decisions.detention"),
    col("其他", "penalty.decisions.other"),
    col("合计", "penalty.decisions.total"),
    col("罚没金额（万元）", "penalty.amount.total_wan", unit="万元"),
)
LICENSING_COLUMNS = (
    col("申请数量", "licensing.applications", unit="件"),
    col("受理数量", "licensing.accepted", unit="件"),
    col("许可数量", "licensing.granted", unit="件"),
    col("不予许可数量", "licensing.refused", unit="件"),
    col("撤销许可数量", "licensing.revoked", unit="件"),
)
COERCION_COLUMNS = (
    col("查封场所设施财物", "coercion.measures.seal", unit="次"),
    col("扣押财物", "coercion.measures.seize", unit="次"),
    col("扣押财物（件）", "coercion.items.seize", unit="件"),
    col("冻结存款汇款", "coercion.measures.freeze", unit="次"),
    col("强制措施·其他", "coercion.measures.other", unit="次"),
    col("加处罚款或滞纳金", "coercion.enforcement.late_fee", unit="次"),
    col("划拨", "coercion.enforcement.transfer", unit="次"),
    col("拍卖或依法处理", "coercion.enforcement.auction", unit="次"),
    col("排除妨碍、恢复原状", "coercion.enforcement.restore", unit="次"),
    col("代履行", "coercion.enforcement.substitute", unit="次"),
    col("强制执行·其他", "coercion.enforcement.other", unit="次"),
    col("申请法院强制执行", "coercion.court_applications", unit="件"),
)
OTHER_COLUMNS = (
    col("行政征收", "other_acts.levy", unit="件"),
    col("行政检查", "inspections.counted", unit="次"),
    col("其中：涉企行政检查", "inspections.enterprise", unit="次"),
    col("行政裁决", "other_acts.adjudication", unit="件"),
    col("行政确认", "other_acts.confirmation", unit="件"),
    col("行政奖励", "other_acts.reward", unit="件"),
    col("行政给付", "other_acts.benefit", unit="件"),
    col("其他", "other_acts.other", unit="件"),
)
CERTIFICATE_COLUMNS = (  # 表五: columns UNVERIFIED (§4.2), the suggested three
    col("执法岗位人数", "officers.year_end", unit="人"),
    col("持证人数", "officers.certified", unit="人"),
    col("持证率（%）", "officers.certified_rate", unit="%"),
)
TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "penalties": ("表一 行政处罚实施情况统计表", PENALTY_COLUMNS),
    "licensing": ("表二 行政许可实施情况统计表", LICENSING_COLUMNS),
    "coercion": ("表三 行政强制实施情况统计表", COERCION_COLUMNS),
    "other": ("表四 其他行政执法行为实施情况统计表", OTHER_COLUMNS),
    "certificates": ("表五 行政执法证持证率情况统计表", CERTIFICATE_COLUMNS),
}


def figure_map(figures: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(f["key"]): f for f in figures}


def lookup(figures: dict[str, dict[str, Any]], column: Column) -> Any:
    for key in column.keys:
        if key in figures and figures[key].get("value") is not None:
            return figures[key]["value"]
    return 0


def number(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(0)


def wan(yuan: Any, places: int = 4) -> Decimal:
    """元 → 万元 with at most `places` decimals and no trailing zeros (11650 → 1.165)."""
    q = (number(yuan) / 10000).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return q.normalize() if q != q.to_integral() else q.quantize(Decimal(1))


def money_text(yuan: Any, style: str = "wan") -> str:
    """The seeds' amount styles: "wan" → "1.165 万元" (seed 002, "2.1 万元" seed 000);
    "yuan" → "316081.7 元" (seed 004, trailing zeros dropped)."""
    if style == "yuan":
        d = number(yuan)
        text = format(d.normalize(), "f") if d != d.to_integral() else str(int(d))
        return f"{text} 元"
    return f"{format(wan(yuan), 'f')} 万元"


def rounded_phrase(count: int, unit: str, from_: int = 30, suffix: str = "余") -> str:
    """A "约/余" phrase from an exact count (seed 001 "1700余名").

    Rule (stated, tested): below `from_` the exact count ("11 名"). From `from_` on, floor to
    two significant digits, and at least to the tens (53 → 50, 153 → 150, 1712 → 1700,
    12345 → 12000); when the floor is the count itself the exact count is said ("150 次"),
    otherwise the floor with `suffix` ("1700 余名")."""
    if count < from_:
        return f"{count} {unit}"
    step = max(10, 10 ** (len(str(count)) - 2))
    floor = count // step * step
    return f"{count} {unit}" if floor == count else f"{floor} {suffix}{unit}"
