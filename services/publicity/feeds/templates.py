"""信用中国 双公示 行政处罚 upload templates (行政处罚信息上报模板): column order and cells.

`legal` is the 法人及非法人组织 template, `natural` the 自然人 template. Public exports leave the
not-for-public columns (法定代表人身份证号, 证件号码) empty; amounts are 万元 with up to six
decimals; dates are YYYY/MM/DD."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.publicity.disclosures.models import Disclosure
from services.publicity.disclosures.rules import wan_yuan

Cell = Callable[[Disclosure], str]


def _date(value: date | None) -> str:
    return value.strftime("%Y/%m/%d") if value else ""


def _kind(d: Disclosure) -> str:
    return "自然人" if d.party_kind == "person" else "法人及非法人组织"


_BLANK: Cell = lambda d: ""  # noqa: E731

# fields 11–27, shared by both templates
_DECISION: list[tuple[str, Cell]] = [
    ("行政处罚决定书文号", lambda d: d.document_number),
    ("违法行为类型", lambda d: d.violation_type),
    ("违法事实", lambda d: d.facts),
    ("处罚依据", lambda d: d.legal_basis),
    ("处罚类别", lambda d: ";".join(d.penalty_categories)),
    ("处罚内容", lambda d: d.penalty_content),
    ("罚款金额（万元）", lambda d: wan_yuan(d.fine_fen) if d.fine_fen else ""),
    ("没收违法所得、没收非法财物的金额（万元）",
     lambda d: wan_yuan(d.confiscation_fen) if d.confiscation_fen else ""),
    ("暂扣或吊销证照名称及编号", lambda d: d.license_affected or ""),
    ("处罚决定日期", lambda d: _date(d.decided_on)),
    ("处罚有效期", lambda d: _date(d.publicity_until)),
    ("公示截止期", lambda d: _date(d.publicity_until)),
    ("处罚机关", lambda d: d.agency_name),
    ("处罚机关统一社会信用代码", lambda d: d.agency_uscc),
    ("数据来源单位", lambda d: d.data_source_name),
    ("数据来源单位统一社会信用代码", lambda d: d.data_source_uscc),
    ("备注", _BLANK),
]

TEMPLATES: dict[str, list[tuple[str, Cell]]] = {
    "legal": [
        ("行政相对人名称", lambda d: d.party_name),
        ("行政相对人类别", _kind),
        ("行政相对人代码_1（统一社会信用代码）", lambda d: d.party_code or ""),
        ("行政相对人代码_2（工商注册号）", _BLANK),
        ("行政相对人代码_3（组织机构代码）", _BLANK),
        ("行政相对人代码_4（税务登记号）", _BLANK),
        ("行政相对人代码_5（事业单位证书号）", _BLANK),
        ("行政相对人代码_6（社会组织登记证号）", _BLANK),
        ("法定代表人", _BLANK),
        ("法定代表人身份证号", _BLANK),  # not for public display
        *_DECISION,
    ],
    "natural": [
        ("行政相对人名称", lambda d: d.party_name),
        ("证件类型", lambda d: "身份证"),
        ("证件号码", _BLANK),  # the masked number stays in the private field
        *_DECISION,
    ],
}
# the scoped credit-upload file carries the masked 证件号码 (first 6 + last 4 by default)
PRIVATE = {"natural": {"证件号码": lambda d: d.masked_id_number or ""}}


def columns_for(template: str) -> list[str]:
    return [name for name, _ in TEMPLATES[template]]


def row_for(template: str, d: Disclosure, private: bool = False) -> list[str]:
    extra = PRIVATE.get(template, {}) if private else {}
    return [extra.get(name, cell)(d) for name, cell in TEMPLATES[template]]
