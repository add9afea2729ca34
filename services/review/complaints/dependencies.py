"""Per-address rate limit of the public complaint endpoints (a token bucket in `kit.limits`).

The address is the client's as `kit.limits.client_address` finds it: the `X-Forwarded-For` the
gateway wrote, believed only from a trusted proxy (`ZHIFA_TRUSTED_PROXIES`), else the socket
peer. The buckets live in process memory, or on Redis with `ZHIFA_REDIS_URL` so that every
replica of review shares them."""

from typing import Annotated

from fastapi import Depends, Request

from kit.limits import client_address
from services.review.complaints.errors import ComplaintRateLimited


async def public_rate_limit(request: Request) -> None:
    state = request.app.state
    settings = state.settings
    address = client_address(request, settings.trusted_proxies)
    decision = await state.limits.take("complaint:" + address,
                                       settings.complaint_rate_per_minute / 60.0,
                                       settings.complaint_rate_burst)
    if not decision.allowed:
        raise ComplaintRateLimited("同一地址提交或查询过于频繁，请稍后再试",
                                   retry_after=max(1, round(decision.wait)))


PublicRateLimit = Annotated[None, Depends(public_rate_limit)]
