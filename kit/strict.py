"""Strict request types (issue 10, point 19): no silent coercion of request input.

Pydantic's lax mode turns `"5"` into `5`, `0`/`"yes"` into booleans and `0` (a Unix timestamp)
into the date 1970-01-01; the OpenAPI schema promises an integer, a boolean, a `YYYY-MM-DD`
string. `harden_requests(app)` runs once per app after its routers are included and makes every
request body model (an `ApiModel`, nested models and list items included) strict on its scalar
fields (`str`, `int`, `float`, `bool`: pydantic's `Strict()`), and every date or datetime in a
body or in the query string accept only an ISO 8601 string (`2026-12-01`,
`2026-12-01T08:00:00+08:00`), never a number. Query strings stay strings by nature (`?limit=5`
is fine); only their dates are tightened. New routes inherit this without doing anything.

A model used as a request body is hardened for good (classes are shared between apps); response
models are left alone (their values come from the database, not from a client)."""

from __future__ import annotations

import re
import types
import typing
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, BeforeValidator, Strict

from kit.schemas import ApiModel

_SCALARS = (str, int, float, bool)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DONE = "__zhifa_strict__"


def _iso_date(value: Any) -> Any:
    if value is None:  # `date | None`: null stays null
        return value
    if isinstance(value, datetime) or not isinstance(value, date | str):
        raise ValueError("日期应为 YYYY-MM-DD 格式的字符串")
    if isinstance(value, str) and not _DAY.match(value):
        raise ValueError("日期应为 YYYY-MM-DD 格式的字符串")
    return value


def _iso_datetime(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _MOMENT.match(value):
        raise ValueError("时间应为 ISO 8601 格式的字符串，如 2026-12-01T08:00:00+08:00")
    return value


def _members(annotation: Any) -> tuple[Any, ...]:
    """The members of `X | None` / `Optional[X]` / `Annotated[X, ...]`, else `(annotation,)`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return tuple(m for a in typing.get_args(annotation) for m in _members(a))
    return (annotation,)


def _extra_metadata(annotation: Any) -> list[Any]:
    members = [m for m in _members(annotation) if m is not type(None)]
    if not members:
        return []
    if any(m is datetime for m in members):
        return [BeforeValidator(_iso_datetime)]
    if any(m is date for m in members):
        return [BeforeValidator(_iso_date)]
    if all(m is int for m in members):  # JSON Schema's integer includes 89.0, never "89"
        return [Strict(), BeforeValidator(_integral)]
    if all(m in _SCALARS for m in members):
        return [Strict()]
    return []


def _integral(value: Any) -> Any:
    """A JSON number with no fraction (`89.0`) is the integer it names (JSON Schema
    `integer`); strings, booleans and `89.5` are left to the strict check, which refuses them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, BaseModel):
            found.append(a)
        else:
            stack.extend(typing.get_args(a))
    return found


def harden_model(model: type[BaseModel]) -> bool:
    """Make `model` (and the models it contains) strict; True when anything changed."""
    if model.__dict__.get(_DONE) or not issubclass(model, ApiModel):
        return False
    setattr(model, _DONE, True)
    changed = False
    for field in model.model_fields.values():
        for nested in _nested_models(field.annotation):
            changed = harden_model(nested) or changed
        if any(isinstance(m, Strict | BeforeValidator) for m in field.metadata):
            continue
        extra = _extra_metadata(field.annotation)
        if extra:
            field.metadata.extend(extra)
            changed = True
    if changed:
        model.model_rebuild(force=True)
    return changed


def _harden_param(field: Any) -> None:
    extra = _extra_metadata(field.field_info.annotation)
    if extra and not any(isinstance(m, Strict) for m in extra) and not any(
            isinstance(m, BeforeValidator) for m in field.field_info.metadata):
        field.field_info.metadata.extend(extra)
        field.__post_init__()  # rebuild its validator with the new metadata


def _walk(dependant: Any) -> typing.Iterator[tuple[str, Any]]:
    for field in dependant.query_params:
        yield "query", field
    for field in dependant.body_params:
        yield "body", field
    for sub in dependant.dependencies:
        yield from _walk(sub)


def _endpoints(app: FastAPI) -> typing.Iterator[Any]:
    """Every object holding a request dependant: plain routes and the effective contexts of
    included routers (FastAPI builds one per inclusion)."""
    from fastapi import routing

    for context in routing.iter_route_contexts(app.routes):
        for holder in (context._route_context, context.original_route):
            if holder is not None and getattr(holder, "dependant", None) is not None:
                yield holder


def harden_requests(app: FastAPI) -> None:
    for route in _endpoints(app):
        rebuilt = False
        for where, field in _walk(route.dependant):
            if where == "query":
                _harden_param(field)
                continue
            models = _nested_models(field.field_info.annotation)
            for model in models:
                harden_model(model)
            if models:
                field.__post_init__()
                rebuilt = True
            else:
                _harden_param(field)
        if rebuilt and route.body_field is not None:
            route.body_field.__post_init__()
