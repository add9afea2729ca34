"""The cases figures (docs/statistics.md, "Cases") the statistics endpoints answer: each figure's
key, label, unit and counting rule (`rule`), counted over the records of repository.py; the
行政强制 figures come from the coercion sub-package.

表一 (行政处罚实施情况统计表): a decision counts ONCE, under its heaviest kind in the 统计年报
order (`services.cases.penalties.REPORT_COLUMNS`, rank stored on the case with the decision);
a named kind plus 其他 counts under the named kind; decisions later revoked or set aside still
count (广州 填报说明). 表三: 查封/扣押 by decisions, and the 清单 items (seed 002 counts 185
扣押 items; the sources and figures live in services/cases/coercion/repository.py). 不予处罚
by ground: 行政处罚法第三十三条."""

from __future__ import annotations

from common.statistics import Derived, Measure, Registry, wan
from services.cases.coercion.repository import COERCION_FIGURES, OVERDUE_SEIZURES
from services.cases.penalties import REPORT_COLUMNS
from services.cases.statistics import repository as repo

HEAVIEST = (
    "一宗决定只计一次，计入其最重的处罚种类（统计年报顺序：警告→通报批评→罚款→没收→暂扣→"
    "降低资质→限制开展生产经营→责令停产停业→责令关闭、限制从业→吊销→行政拘留；某种类加其他计入该种类）"
)


def _column(suffix: str, rank: int, name: str) -> Measure:
    return Measure(
        f"penalty.decisions.{suffix}",
        name,
        "宗",
        f"决定日期在统计期间内、最重处罚种类为“{name}”的处罚决定数。{HEAVIEST}",
        repo.DECISIONS,
        repo.heaviest_kind(rank),
    )


def _ground(key: str, ground: str, label: str, rule: str) -> Measure:
    return Measure(key, label, "起", rule, repo.DECISIONS, repo.no_penalty_ground(ground))


FINE_FEN = "penalty.amount.fine_fen"
REGISTRY = Registry().add(
    Measure(
        "penalty.decisions.total",
        "行政处罚决定合计",
        "宗",
        "决定日期在统计期间内的行政处罚决定数（普通程序与简易程序；一宗决定只计一次；"
        "含其后被撤销或经复议、诉讼撤销的决定）",
        repo.DECISIONS,
        repo.penalty,
    ),
    *[_column(s, r, n) for s, r, n in REPORT_COLUMNS],
    Measure(
        "penalty.procedure.ordinary",
        "普通程序",
        "宗",
        "普通程序作出的处罚决定数",
        repo.DECISIONS,
        repo.procedure("ordinary"),
    ),
    Measure(
        "penalty.procedure.summary",
        "简易程序",
        "宗",
        "当场作出的处罚决定数（简易程序，行政处罚法第五十一条）",
        repo.DECISIONS,
        repo.procedure("summary"),
    ),
    Measure(
        FINE_FEN,
        "罚款金额",
        "分",
        "处罚决定书载明的罚款金额之和（分）",
        repo.DECISIONS,
        repo.penalty,
        total=repo.FINE,
    ),
    Measure(
        "penalty.amount.fine_yuan",
        "罚款金额",
        "元",
        "处罚决定书载明的罚款金额之和（元）",
        repo.DECISIONS,
        repo.penalty,
        total=repo.FINE,
        divide=100,
    ),
    Derived(
        "penalty.amount.fine_wan",
        "罚款金额",
        "万元",
        "罚款金额之和，以万元计（精确到分）",
        lambda v: wan(v[FINE_FEN]),
        FINE_FEN,
    ),
    Measure(
        "penalty.amount.confiscation_fen",
        "没收金额",
        "分",
        "处罚决定书载明且能确定数额的没收违法所得、非法财物金额之和（分）",
        repo.DECISIONS,
        repo.penalty,
        total=repo.CONFISCATION,
    ),
    Measure(
        "penalty.amount.confiscation_yuan",
        "没收金额",
        "元",
        "处罚决定书载明且能确定数额的没收金额之和（元）",
        repo.DECISIONS,
        repo.penalty,
        total=repo.CONFISCATION,
        divide=100,
    ),
    Derived(
        "penalty.amount.total_wan",
        "罚没金额",
        "万元",
        "罚款与能确定数额的没收金额之和，以万元计（表一 罚没金额）",
        lambda v: wan(v[FINE_FEN] + v["penalty.amount.confiscation_fen"]),
        FINE_FEN,
    ),
    Measure(
        "no_penalty.total",
        "不予处罚",
        "起",
        "决定日期在统计期间内的不予行政处罚决定数（行政处罚法第三十条、第三十三条）",
        repo.DECISIONS,
        repo.no_penalty,
    ),
    _ground(
        "no_penalty.first_offence",
        "first_violation",
        "首违不罚",
        "初次违法且危害后果轻微并及时改正的（行政处罚法第三十三条第一款）",
    ),
    _ground(
        "no_penalty.minor",
        "minor",
        "轻微不罚",
        "违法行为轻微并及时改正，没有造成危害后果的（行政处罚法第三十三条第一款）",
    ),
    _ground(
        "no_penalty.no_fault",
        "no_fault",
        "无过错不罚",
        "当事人有证据足以证明没有主观过错的（行政处罚法第三十三条第二款）",
    ),
    Measure(
        "mitigation.lighter",
        "从轻处罚",
        "宗",
        "记录从轻处罚的处罚决定数（行政处罚法第三十二条）",
        repo.DECISIONS,
        repo.mitigation("lighter"),
    ),
    Measure(
        "mitigation.reduced",
        "减轻处罚",
        "宗",
        "记录减轻处罚的处罚决定数（行政处罚法第三十二条）",
        repo.DECISIONS,
        repo.mitigation("reduced"),
    ),
    Measure(
        "legal_review.required",
        "应法制审核",
        "件",
        "统计期间内作出决定、依法应当法制审核的案件数（行政处罚法第五十八条）",
        repo.DECISIONS,
        repo.review_required,
    ),
    Measure(
        "legal_review.done",
        "已法制审核",
        "件",
        "其中法制审核通过后作出决定的案件数",
        repo.DECISIONS,
        repo.review_done,
    ),
    Measure(
        "decisions.revoked_after_remedy",
        "经复议、诉讼被撤销或变更的决定",
        "宗",
        "撤销、变更、确认违法或无效登记日期（revoked_on）在统计期间内，且案件上登记过行政复议或"
        "行政诉讼（复议/诉讼期间，行政处罚法第七十三条）的决定数；未登记复议、诉讼的撤销"
        "（机关自行纠错）不计；一宗决定只计一次",
        repo.REVOKED,
        repo.remedy_recorded,
    ),
    Measure(
        "transfers.agency",
        "移送其他行政机关",
        "件",
        "统计期间内送达移送的案件数（移送其他机关）",
        repo.TRANSFERS,
        repo.transfer("agency"),
    ),
    Measure(
        "transfers.judicial",
        "移送司法机关",
        "件",
        "统计期间内送达移送的涉嫌犯罪案件数（行政处罚法第二十七条）",
        repo.TRANSFERS,
        repo.transfer("judicial"),
    ),
    *COERCION_FIGURES,
    Measure(
        "overdue.cases",
        "超期案件",
        "件",
        "未办结案件中下一法定期限早于判断日（统计期末，或今日若更早）的案件数",
        repo.OPEN_CASES,
        repo.overdue,
    ),
    OVERDUE_SEIZURES,
)
