"""API base model, cursor pages, money and optimistic-concurrency helpers."""

from __future__ import annotations

import base64
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Request, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from kit import errors

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True,
                              str_strip_whitespace=True)


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


def _to_fen(value: Any) -> int:
    """元 as a decimal string (or number) → integer 分, exactly; more than 2 decimals refused."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value * 100
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
                  Field(json_schema_extra={"type": "string", "example": "500.00"})]


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
