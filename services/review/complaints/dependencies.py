"""Per-address rate limit of the public complaint endpoints (an in-memory token bucket).

One bucket per client address per process; in the split deployment each replica limits on its
own (the gateway limits globally in front). The address is the last `X-Forwarded-For` hop the
gateway appended, else the socket peer."""

import time
from typing import Annotated

from fastapi import Depends, Request

from services.review.complaints.errors import ComplaintRateLimited


class TokenBucket:
    def __init__(self, rate_per_minute: float, burst: int, max_keys: int = 100_000) -> None:
        self.rate, self.burst, self.max_keys = rate_per_minute / 60.0, burst, max_keys
        self.buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token; returns 0 when allowed, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        tokens, last = self.buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self.buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate if self.rate else 60.0
        if len(self.buckets) >= self.max_keys and key not in self.buckets:
            self.buckets.clear()  # crude bound on memory; a flood resets everyone's allowance
        self.buckets[key] = (tokens - 1, now)
        return 0.0


def client_address(request: Request) -> str:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.client.host if request.client else "unknown"


def limiter(request: Request) -> TokenBucket:
    state = request.app.state
    if getattr(state, "complaint_limiter", None) is None:
        s = state.settings
        state.complaint_limiter = TokenBucket(s.complaint_rate_per_minute, s.complaint_rate_burst)
    return state.complaint_limiter


async def public_rate_limit(request: Request) -> None:
    wait = limiter(request).take(client_address(request))
    if wait:
        raise ComplaintRateLimited("同一地址提交或查询过于频繁，请稍后再试",
                                   retry_after=max(1, round(wait)))


PublicRateLimit = Annotated[None, Depends(public_rate_limit)]
