"""API base model, cursor pages and optimistic-concurrency helpers."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Request, Response
from pydantic import BaseModel, ConfigDict, Field

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
