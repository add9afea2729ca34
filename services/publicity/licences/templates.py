"""信用中国 双公示 行政许可 template (法人及非法人组织 / 自然人): column order and cells.
The column list follows the 2021 national template as commonly reproduced [S/UNVERIFIED:
re-check against the current 信用中国 file]; dates are YYYY/MM/DD, 当前状态 1=有效 2=无效."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.publicity.licences.models import LicenceDisclosure

Cell = Callable[[LicenceDisclosure], str]
_BLANK: Cell = lambda d: ""  # noqa: E731


def _date(value: date | None) -> str:
    return value.strftime("%Y/%m/%d") if value else ""


_DECISION: list[tuple[str, Cell]] = [
    ("行政许可决定文书名称", lambda d: d.document_name),
    ("行政许可决定文书号", lambda d: d.document_number),
    ("许可类别", lambda d: d.category),
    ("许可证书名称", lambda d: d.certificate_name),
    ("许可编号", lambda d: d.licence_number),
    ("许可内容", lambda d: d.content),
    ("许可决定日期", lambda d: _date(d.decided_on)),
    ("有效期自", lambda d: _date(d.valid_from)),
    ("有效期至", lambda d: _date(d.valid_to) if d.valid_from else ""),
    ("许可机关", lambda d: d.agency_name),
    ("许可机关统一社会信用代码", lambda d: d.agency_uscc),
    ("当前状态", lambda d: "1" if d.status == "published" else "2"),
    ("数据来源单位", lambda d: d.agency_name),
    ("数据来源单位统一社会信用代码", lambda d: d.agency_uscc),
    ("备注", _BLANK),
]

TEMPLATES: dict[str, list[tuple[str, Cell]]] = {
    "legal": [
        ("行政相对人名称", lambda d: d.holder_name),
        ("行政相对人类别", lambda d: "法人及非法人组织"),
        ("行政相对人代码_1（统一社会信用代码）", lambda d: d.holder_code or ""),
        ("法定代表人", _BLANK),
        ("法定代表人身份证号", _BLANK),  # not for public display
        *_DECISION,
    ],
    "natural": [
        ("行政相对人名称", lambda d: d.holder_name),
        ("证件类型", lambda d: "身份证"),
        ("证件号码", _BLANK),  # the masked number stays in the private field
        *_DECISION,
    ],
}


def columns_for(template: str) -> list[str]:
    return [name for name, _ in TEMPLATES[template]]


def row_for(template: str, d: LicenceDisclosure) -> list[str]:
    return [cell(d) for _, cell in TEMPLATES[template]]
