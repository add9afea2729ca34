"""Typed, briefly cached reads of the public lists of personnel and cases.

A stale copy is served when the upstream is down (事前公开 should not go dark because one
service restarts); with no copy at all the caller gets the 503."""

from __future__ import annotations

import time
from typing import Any

from fastapi import Request

from kit import errors
from kit.http import ServiceClient, forward_headers


class TtlCache:
    def __init__(self) -> None:
        self.entries: dict[str, tuple[float, Any]] = {}

    def get(self, key: str, ttl: float) -> tuple[bool, Any]:
        hit = self.entries.get(key)
        if hit is None:
            return False, None
        return time.monotonic() - hit[0] < ttl, hit[1]

    def put(self, key: str, value: Any) -> None:
        if len(self.entries) > 1000:
            self.entries.clear()
        self.entries[key] = (time.monotonic(), value)


def _cache(request: Request) -> TtlCache:
    state = request.app.state
    if not hasattr(state, "exante_cache"):
        state.exante_cache = TtlCache()
    return state.exante_cache


async def _cached_get(request: Request, upstream: str, path: str,
                      params: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    params = {k: str(v) for k, v in params.items() if v is not None}
    key = f"{upstream}{path}?{sorted(params.items())}"
    cache = _cache(request)
    fresh, value = cache.get(key, request.app.state.settings.directory_cache_seconds)
    if fresh:
        return value
    client: ServiceClient = request.app.state.clients[upstream]
    headers = {k: v for k, v in forward_headers(request).items() if k != "Authorization"}
    try:
        resp = await client.call("GET", path, headers=headers, params=params)
    except errors.ServiceUnavailable:
        if value is not None:
            return value
        raise
    value = (resp.json(), {"next": resp.headers.get("x-next-cursor", "")})
    cache.put(key, value)
    return value


async def fetch_officers(request: Request, params: dict[str, Any]) -> tuple[list[dict], str]:
    """personnel `GET /api/v1/personnel/directory` (public, no token)."""
    body, meta = await _cached_get(request, "personnel", "/api/v1/personnel/directory", params)
    return (body if isinstance(body, list) else []), meta["next"]


async def fetch_matters(request: Request, params: dict[str, Any]) -> tuple[list[dict], str]:
    """cases `GET /api/v1/cases/matters?published=true` (public catalogue)."""
    body, _ = await _cached_get(request, "cases", "/api/v1/cases/matters",
                                {**params, "published": "true"})
    items = body.get("items", []) if isinstance(body, dict) else []
    return items, (body.get("next_cursor") or "") if isinstance(body, dict) else ""
