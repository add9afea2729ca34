"""Money (罚没款金额): a decimal string in 元 in the API, integer 分 in Python and storage."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

MONEY_PATTERN = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")


def _to_fen(value: Any) -> int:
    """元 as a decimal string → integer 分, exactly; more than 2 decimals refused. A JSON number
    is refused too (issue 10, point 19): the schema says string, and a binary float cannot say
    0.10 exactly; a Decimal (Python callers) is taken as it is."""
    if not isinstance(value, str | Decimal):
        raise ValueError("金额应为以元为单位的字符串，如 \"500.00\"")
    if isinstance(value, str) and not MONEY_PATTERN.fullmatch(value):  # the schema's pattern
        raise ValueError("金额格式无效，应为元，最多两位小数，如 \"500.00\"")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError("金额格式无效，应为元，最多两位小数，如 \"500.00\"") from exc
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValueError("金额最多两位小数")
    if amount < 0:
        raise ValueError("金额不得为负")
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def fen_to_yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


# Money in the API: a decimal string in 元 ("500.00"); in Python and storage: integer 分.
Money = Annotated[int, BeforeValidator(_to_fen), PlainSerializer(fen_to_yuan, return_type=str),
                  Field(json_schema_extra={"type": "string", "example": "500.00",
                                           "pattern": MONEY_PATTERN.pattern})]
