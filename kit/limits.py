"""Rate limits and the client's address, in process memory or shared on Redis.

`client_address`: the socket peer, or, only when the peer is a trusted proxy (the gateway's hop,
`ZHIFA_TRUSTED_PROXIES`), the address that proxy wrote into `X-Forwarded-For` (the gateway
overwrites the header, so it holds one address; a client's own header is never believed).

`Limits` is a store of token buckets. `take(key, rate, burst, cost)` spends `cost` tokens (a
negative cost gives tokens back, `cost=0` only looks). In memory by default (one process); with
`ZHIFA_REDIS_URL` every check is one atomic Lua script on Redis, so replicas share the buckets.
If Redis is unreachable a check falls back to this process's memory (limits then hold per
replica) and a warning is logged."""

from __future__ import annotations

import functools
import ipaddress
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request

log = logging.getLogger("zhifa.limits")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=64)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs if c.strip())


def _within(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(request: Request, trusted_proxies: Iterable[str] = ()) -> str:
    """The address that sent the request: the rightmost `X-Forwarded-For` hop that is not a
    trusted proxy, but only when the socket peer is itself a trusted proxy."""
    peer = request.client.host if request.client else "unknown"
    trusted = _networks(tuple(trusted_proxies))
    forwarded = request.headers.get("x-forwarded-for")
    if not forwarded or not _within(peer, trusted):
        return peer
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop[:64]
    return hops[0][:64] if hops else peer


@dataclass(frozen=True)
class Decision:
    allowed: bool
    wait: float  # seconds until `cost` tokens are there again (0 when allowed)
    tokens: float  # tokens left after the check


class MemoryLimits:
    """Buckets in this process (the one-process default); `clock` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000) -> None:
        self.clock, self.max_keys = clock, max_keys
        self.buckets: dict[str, tuple[float, float]] = {}

    async def take(self, key: str, rate: float, burst: float, cost: float = 1.0) -> Decision:
        return self.take_now(key, rate, burst, cost)

    def take_now(self, key: str, rate: float, burst: float, cost: float = 1.0) -> Decision:
        now = self.clock()
        tokens, last = self.buckets.get(key, (float(burst), now))
        tokens = min(float(burst), tokens + max(0.0, now - last) * rate)
        if cost > 0 and tokens < cost:
            self.buckets[key] = (tokens, now)
            return Decision(False, (cost - tokens) / rate if rate > 0 else 3600.0, tokens)
        tokens = min(float(burst), tokens - cost)
        if len(self.buckets) >= self.max_keys and key not in self.buckets:
            self.buckets.clear()  # crude memory bound; a flood resets everyone's allowance
        self.buckets[key] = (tokens, now)
        return Decision(True, 0.0, tokens)

    async def aclose(self) -> None:
        return None


# KEYS[1] bucket; ARGV rate (tokens/s), burst, cost. Redis's own clock: replicas agree on time.
TOKEN_BUCKET_LUA = """
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local allowed, wait = 1, 0
if cost > 0 and tokens < cost then
  allowed = 0
  if rate > 0 then wait = (cost - tokens) / rate else wait = 3600 end
else
  tokens = math.min(burst, tokens - cost)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
local ttl = 3600000
if rate > 0 then ttl = math.ceil((burst - tokens) / rate * 1000) + 1000 end
redis.call('PEXPIRE', KEYS[1], ttl)
return {allowed, tostring(wait), tostring(tokens)}
"""


class RedisLimits:
    """Buckets on Redis under `prefix`, one atomic script per check."""

    def __init__(self, url: str, prefix: str, fallback: MemoryLimits | None = None) -> None:
        import redis.asyncio as aioredis

        self.prefix, self.fallback = prefix, fallback or MemoryLimits()
        self.client = aioredis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self.script: Any = self.client.register_script(TOKEN_BUCKET_LUA)

    async def take(self, key: str, rate: float, burst: float, cost: float = 1.0) -> Decision:
        from redis.exceptions import RedisError

        try:
            allowed, wait, tokens = await self.script(keys=[self.prefix + key],
                                                      args=[rate, burst, cost])
        except (RedisError, OSError) as exc:
            log.warning("redis limit check failed, using this process's memory: %s", exc)
            return await self.fallback.take(key, rate, burst, cost)
        return Decision(bool(int(allowed)), float(wait), float(tokens))

    async def aclose(self) -> None:
        await self.client.aclose()


Limits = MemoryLimits | RedisLimits


def make_limits(redis_url: str | None, prefix: str = "zhifa:") -> Limits:
    return RedisLimits(redis_url, prefix) if redis_url else MemoryLimits()
