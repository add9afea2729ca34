"""The cases figures (docs/statistics.md, "Cases"): each a filtered aggregate over one table,
scoped by common.scope; the counting rule of each figure is its `rule` text.

表一 (行政处罚实施情况统计表): a decision counts ONCE, under its heaviest kind in the 统计年报
order (`services.cases.penalties.REPORT_COLUMNS`, rank stored on the case with the decision);
a named kind plus 其他 counts under the named kind; decisions later revoked or set aside still
count (广州 填报说明). 表三: 查封/扣押 by decisions, and the 清单 items (seed 002 counts 185
扣押 items; the sources and figures live in services/cases/coercion/repository.py). 不予处罚
by ground: 行政处罚法第三十三条."""

from __future__ import annotations

from sqlalchemy import and_, func

from common.statistics import Derived, Measure, Registry, Source, wan
from services.cases.coercion.repository import COERCION_FIGURES, OVERDUE_SEIZURES, day_of
from services.cases.lifecycle import states as st
from services.cases.models import Case
from services.cases.penalties import REPORT_COLUMNS
from services.cases.transfers.models import CaseTransfer

DECISIONS = Source(
    Case,
    "case",
    Case.decision_number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        per.on_dates(Case.decided_on),
        Case.decision_kind.is_not(None),
    ],
)
OPEN_CASES = Source(
    Case,
    "case",
    Case.number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        Case.status.in_(st.OPEN_STATES),
        Case.next_due_on.is_not(None),
    ],
)
TRANSFERS = Source(
    CaseTransfer,
    "case_transfer",
    CaseTransfer.target_name,
    lambda p, per: [
        *per.within(p, CaseTransfer.agency_id, CaseTransfer.region_code),
        CaseTransfer.sent_at.is_not(None),
        per.on_times(CaseTransfer.sent_at),
    ],
)

REVOKED = Source(
    Case,
    "case",
    Case.decision_number,
    lambda p, per: [
        *per.within(p, Case.agency_id, Case.region_code),
        per.on_dates(Case.revoked_on),
        Case.decision_kind.is_not(None),
    ],
)
# a 复议/诉讼 recorded on the case (lifecycle `remedy`: one period per proceeding)
REMEDY_RECORDED = func.json_array_length(Case.remedy_periods) > 0

PENALTY = Case.decision_kind == "penalty"
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
        DECISIONS,
        lambda per, r=rank: and_(PENALTY, Case.report_rank == r),
    )


def _ground(key: str, ground: str, label: str, rule: str) -> Measure:
    return Measure(key, label, "起", rule, DECISIONS, lambda per: Case.no_penalty_ground == ground)


FINE_FEN = "penalty.amount.fine_fen"
REGISTRY = Registry().add(
    Measure(
        "penalty.decisions.total",
        "行政处罚决定合计",
        "宗",
        "决定日期在统计期间内的行政处罚决定数（普通程序与简易程序；一宗决定只计一次；"
        "含其后被撤销或经复议、诉讼撤销的决定）",
        DECISIONS,
        lambda per: PENALTY,
    ),
    *[_column(s, r, n) for s, r, n in REPORT_COLUMNS],
    Measure(
        "penalty.procedure.ordinary",
        "普通程序",
        "宗",
        "普通程序作出的处罚决定数",
        DECISIONS,
        lambda per: and_(PENALTY, Case.procedure == "ordinary"),
    ),
    Measure(
        "penalty.procedure.summary",
        "简易程序",
        "宗",
        "当场作出的处罚决定数（简易程序，行政处罚法第五十一条）",
        DECISIONS,
        lambda per: and_(PENALTY, Case.procedure == "summary"),
    ),
    Measure(
        FINE_FEN,
        "罚款金额",
        "分",
        "处罚决定书载明的罚款金额之和（分）",
        DECISIONS,
        lambda per: PENALTY,
        total=Case.fine_fen,
    ),
    Measure(
        "penalty.amount.fine_yuan",
        "罚款金额",
        "元",
        "处罚决定书载明的罚款金额之和（元）",
        DECISIONS,
        lambda per: PENALTY,
        total=Case.fine_fen,
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
        DECISIONS,
        lambda per: PENALTY,
        total=Case.confiscation_fen,
    ),
    Measure(
        "penalty.amount.confiscation_yuan",
        "没收金额",
        "元",
        "处罚决定书载明且能确定数额的没收金额之和（元）",
        DECISIONS,
        lambda per: PENALTY,
        total=Case.confiscation_fen,
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
        DECISIONS,
        lambda per: Case.decision_kind.in_(("no_penalty", "minor_no_penalty")),
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
        DECISIONS,
        lambda per: and_(PENALTY, Case.mitigation == "lighter"),
    ),
    Measure(
        "mitigation.reduced",
        "减轻处罚",
        "宗",
        "记录减轻处罚的处罚决定数（行政处罚法第三十二条）",
        DECISIONS,
        lambda per: and_(PENALTY, Case.mitigation == "reduced"),
    ),
    Measure(
        "legal_review.required",
        "应法制审核",
        "件",
        "统计期间内作出决定、依法应当法制审核的案件数（行政处罚法第五十八条）",
        DECISIONS,
        lambda per: Case.legal_review_required.is_(True),
    ),
    Measure(
        "legal_review.done",
        "已法制审核",
        "件",
        "其中法制审核通过后作出决定的案件数",
        DECISIONS,
        lambda per: and_(
            Case.legal_review_required.is_(True), Case.legal_review_status == "approved"
        ),
    ),
    Measure(
        "decisions.revoked_after_remedy",
        "经复议、诉讼被撤销或变更的决定",
        "宗",
        "撤销、变更、确认违法或无效登记日期（revoked_on）在统计期间内，且案件上登记过行政复议或"
        "行政诉讼（复议/诉讼期间，行政处罚法第七十三条）的决定数；未登记复议、诉讼的撤销"
        "（机关自行纠错）不计；一宗决定只计一次",
        REVOKED,
        lambda per: REMEDY_RECORDED,
    ),
    Measure(
        "transfers.agency",
        "移送其他行政机关",
        "件",
        "统计期间内送达移送的案件数（移送其他机关）",
        TRANSFERS,
        lambda per: CaseTransfer.kind == "agency",
    ),
    Measure(
        "transfers.judicial",
        "移送司法机关",
        "件",
        "统计期间内送达移送的涉嫌犯罪案件数（行政处罚法第二十七条）",
        TRANSFERS,
        lambda per: CaseTransfer.kind == "judicial",
    ),
    *COERCION_FIGURES,
    Measure(
        "overdue.cases",
        "超期案件",
        "件",
        "未办结案件中下一法定期限早于判断日（统计期末，或今日若更早）的案件数",
        OPEN_CASES,
        lambda per: Case.next_due_on < day_of(per),
    ),
    OVERDUE_SEIZURES,
)
