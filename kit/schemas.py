"""API base model, cursor pages, money and optimistic-concurrency helpers."""

from __future__ import annotations

import base64
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Request, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from kit import errors

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True,
                              str_strip_whitespace=True)


def _no_null_defaults(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        if prop.get("default", 0) is None:
            del prop["default"]


class PatchModel(ApiModel):
    """A partial update: leave a field out to keep it. `null` is not a value (the schema and
    the validation both refuse it) and types are strict (`0` is not `false`)."""

    model_config = ConfigDict(strict=True, json_schema_extra=_no_null_defaults)


class Page(ApiModel, Generic[T]):
    """A keyset page: pass `next_cursor` back as `cursor` for the next one."""

    items: list[T]
    next_cursor: str | None = None
    limit: int


class InvalidCursor(errors.Problem):
    status, title = 400, "分页游标无效"


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int) -> list[Any] | None:
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError) as exc:
        raise InvalidCursor() from exc
    if not isinstance(values, list) or len(values) != size:
        raise InvalidCursor()
    return values


LimitQuery = Annotated[int, Field(ge=1, le=200)]

# Statutory identifiers in request schemas (issue 10, point 19): the pattern is in the schema, the
# check character (which no pattern can express) is checked by each service's identifiers.py and
# named by the `format` (the fuzzer's hooks generate valid ones for it: tests/fuzz/hooks.py).
# 统一社会信用代码, GB 32100-2015: 18 characters of the 31-symbol alphabet (no I, O, S, V, Z).
USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"
Uscc = Annotated[str, Field(pattern=USCC_PATTERN, min_length=18, max_length=18,
                            json_schema_extra={"format": "gb32100-uscc"},
                            description="统一社会信用代码（GB 32100-2015，18位，含校验位）")]
# 居民身份证号码, GB 11643-1999: 6-digit area, birth date YYYYMMDD (1900 on), 3-digit sequence,
# check character 0-9 or X.
ID_NUMBER_PATTERN = (r"^\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]$")
IdNumber = Annotated[str, Field(pattern=ID_NUMBER_PATTERN, min_length=18, max_length=18,
                                json_schema_extra={"format": "gb11643-id-number"},
                                description="居民身份证号码（GB 11643-1999，18位，含校验位）")]


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


def etag(version: int) -> str:
    return f'W/"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def check_if_match(request: Request, version: int, required: bool = False) -> None:
    """412 when `If-Match` names another version; 428 when required and absent."""
    header = request.headers.get("if-match")
    if header is None:
        if required:
            raise errors.PreconditionRequired()
        return
    tags = {t.strip() for t in header.split(",")}
    if "*" in tags:
        return
    if etag(version) not in tags and f'"{version}"' not in tags:
        raise errors.PreconditionFailed(f"当前版本为 {version}", current_version=version)
