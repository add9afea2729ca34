"""Typed, briefly cached reads of the public lists of personnel and cases.

A stale copy is served when the upstream is down (事前公开 should not go dark because one
service restarts); with no copy at all the caller gets the 503."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from kit import errors
from kit.http import ServiceClient, TtlCache, forward_headers


class PublicLists:
    """The public lists of personnel and cases, read through the app's TTL cache with the
    caller's forwarded headers (never its token). Built per request by `public_lists`."""

    def __init__(self, clients: dict[str, ServiceClient], cache: TtlCache, ttl: float,
                 headers: dict[str, str]) -> None:
        self.clients, self.cache, self.ttl = clients, cache, ttl
        self.headers = {k: v for k, v in headers.items() if k != "Authorization"}

    async def _get(self, upstream: str, path: str,
                   params: dict[str, Any]) -> tuple[Any, dict[str, str]]:
        params = {k: str(v) for k, v in params.items() if v is not None}
        key = f"{upstream}{path}?{sorted(params.items())}"
        fresh, value = self.cache.get(key, self.ttl)
        if fresh:
            return value
        try:
            resp = await self.clients[upstream].call("GET", path, headers=self.headers,
                                                     params=params)
        except errors.ServiceUnavailable:
            if value is not None:
                return value
            raise
        value = (resp.json(), {"next": resp.headers.get("x-next-cursor", "")})
        self.cache.put(key, value)
        return value

    async def officers(self, params: dict[str, Any]) -> tuple[list[dict], str]:
        """personnel `GET /api/v1/personnel/directory` (public, no token)."""
        body, meta = await self._get("personnel", "/api/v1/personnel/directory", params)
        return (body if isinstance(body, list) else []), meta["next"]

    async def matters(self, params: dict[str, Any]) -> tuple[list[dict], str]:
        """cases `GET /api/v1/cases/matters?published=true` (public catalogue)."""
        body, _ = await self._get("cases", "/api/v1/cases/matters",
                                  {**params, "published": "true"})
        items = body.get("items", []) if isinstance(body, dict) else []
        return items, (body.get("next_cursor") or "") if isinstance(body, dict) else ""


def public_lists(request: Request) -> PublicLists:
    state = request.app.state
    if not hasattr(state, "exante_cache"):
        state.exante_cache = TtlCache()
    return PublicLists(state.clients, state.exante_cache,
                       state.settings.directory_cache_seconds, forward_headers(request))
