"""Session versions (会话版本): cutting access tokens before they expire.

Personnel keeps a session version per user and writes it into every access token (`sv`);
logout-all, a password change and disabling the user raise it. Every service process keeps the
versions raised during the last access-token lifetime in memory (`SessionGate`) and refreshes
that view at most every `session_sync_seconds` (`ZHIFA_SESSION_SYNC_SECONDS`, default 10 s) from
personnel, `GET /api/v1/auth/session-changes?since=…` with a service token (personnel reads its
own table). A user token whose `sv` is below the known version is refused with 401. A revoked
token therefore stops working on every service and replica within `session_sync_seconds` (plus
one round trip), without a database hit per request. A single logout (`/auth/logout`) and a
reused refresh token end one login session: every access token carries its session as `sid` (the
refresh-token family) and the gate refuses a `sid` ended within the last access-token lifetime,
read with the same changes and within the same bound. When personnel cannot be reached the last
view stays in force and the next request after the interval retries (fail open, logged)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from kit import auth, errors

log = logging.getLogger("zhifa.sessions")

# since (None: the whole horizon) -> ([(subject, version, changed_at)], [(sid, ended_at)], as_of on
# personnel's clock)
Change = tuple[str, int, datetime]
Ended = tuple[str, datetime]
Fetcher = Callable[[datetime | None], Awaitable[tuple[list[Change], list[Ended], datetime]]]
# changes are re-read this far back, for a commit that landed after its own timestamp
OVERLAP = timedelta(seconds=5)


class SessionRevoked(errors.Unauthorized):
    title = "登录会话已失效，请重新登录"


class SessionGate:
    def __init__(self, fetch: Fetcher, interval: float, horizon: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.fetch, self.interval, self.clock = fetch, interval, clock
        self.horizon = timedelta(seconds=horizon)
        self.versions: dict[str, tuple[int, datetime]] = {}
        self.ended: dict[str, datetime] = {}  # sid -> ended_at
        self.as_of: datetime | None = None
        self.synced_at: float | None = None
        self._lock: asyncio.Lock | None = None

    def note(self, subject: str, version: int, changed_at: datetime) -> None:
        known = self.versions.get(subject)
        if known is None or version > known[0]:
            self.versions[subject] = (version, changed_at)

    async def check(self, claims: dict[str, Any]) -> None:
        """401 when the token's session version was raised after it was issued."""
        if "service" in (claims.get("roles") or []):
            return
        await self.refresh()
        known = self.versions.get(str(claims.get("sub")))
        if known is not None and int(claims.get("sv") or 0) < known[0]:
            raise SessionRevoked("该令牌所属的登录会话已注销、已改密或账户已停用")
        if claims.get("sid") is not None and str(claims["sid"]) in self.ended:
            raise SessionRevoked("该令牌所属的登录会话已注销")

    def _fresh(self) -> bool:
        return self.synced_at is not None and self.clock() - self.synced_at < self.interval

    async def refresh(self) -> None:
        if self._fresh():
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._fresh():
                return
            started = self.clock()
            try:
                since = self.as_of - OVERLAP if self.as_of else None
                changes, ended, as_of = await self.fetch(since)
            except Exception as exc:  # fail open: keep the last view, retry after the interval
                log.warning("session versions not refreshed: %s", exc)
                self.synced_at = started
                return
            for subject, version, changed_at in changes:
                self.note(subject, version, changed_at)
            for sid, ended_at in ended:
                self.ended.setdefault(sid, ended_at)
            self.versions = {s: v for s, v in self.versions.items()
                             if v[1] >= as_of - self.horizon}
            self.ended = {s: at for s, at in self.ended.items() if at >= as_of - self.horizon}
            self.as_of, self.synced_at = as_of, started


def http_source(client: Any, token: Callable[[], str]) -> Fetcher:
    """Session changes from personnel over HTTP (`client` is a kit.http.ServiceClient)."""

    async def fetch(since: datetime | None) -> tuple[list[Change], list[Ended], datetime]:
        params = {"since": since.isoformat()} if since else {}
        resp = await client.call("GET", "/api/v1/auth/session-changes", params=params,
                                 headers={"Authorization": f"Bearer {token()}"})
        body = resp.json()
        return ([(i["subject"], int(i["session_version"]), datetime.fromisoformat(i["changed_at"]))
                 for i in body["items"]],
                [(i["session_id"], datetime.fromisoformat(i["ended_at"]))
                 for i in body.get("ended_sessions", [])],
                datetime.fromisoformat(body["as_of"]))

    return fetch


def gate_for(state: Any, settings: Any,
             source: Callable[[Any], Fetcher] | None) -> SessionGate | None:
    """The gate of one service process: its own source (personnel) or personnel over HTTP."""
    if source is not None:
        fetch = source(state)
    elif "personnel" in state.clients:
        fetch = http_source(state.clients["personnel"], lambda: auth.service_token(
            state.keyring, settings.jwt, settings.service_name))
    else:
        return None
    horizon = settings.jwt.access_ttl_seconds + settings.jwt.leeway_seconds
    return SessionGate(fetch, settings.session_sync_seconds, horizon)
