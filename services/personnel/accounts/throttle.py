"""登录失败限制 (login throttle): failed logins are counted in `kit.limits` buckets (process
memory; Redis with `ZHIFA_REDIS_URL`, so all personnel replicas share them), refilled over
`login_lock_seconds`:

- per client address, any usernames: `login_address_max_failures`;
- per account from one address: `login_max_failures`; a successful login clears it;
- per account from every address: `login_account_max_failures`; once spent, only addresses that
  have not failed on this account recently may still try. The owner's usual address keeps
  working while someone guesses elsewhere (nobody can lock `admin` out from their own address);
  a distributed guesser gets one try per fresh address.

The keys use the username as typed (case-folded), never whether the account exists, so an
unknown user is throttled exactly like a real one and gets the same answer (429
`login-throttled`). Each attempt reserves its tokens before the password is checked and gives
them back on success, so parallel guesses cannot overtake the count."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.limits import Limits
from services.personnel.accounts.errors import LoginThrottled
from services.personnel.config import PersonnelSettings


@dataclass(frozen=True)
class Bucket:
    key: str
    burst: int
    window: int

    @property
    def rate(self) -> float:
        return self.burst / self.window


@dataclass
class Attempt:
    pair: Bucket
    reserved: list[Bucket] = field(default_factory=list)


class LoginThrottle:
    def __init__(self, limits: Limits, settings: PersonnelSettings) -> None:
        self.limits, self.settings = limits, settings

    def _buckets(self, username: str, address: str) -> tuple[Bucket, Bucket, Bucket]:
        s, name = self.settings, username.strip().casefold()[:64]
        window = s.login_lock_seconds
        return (Bucket(f"login:ip:{address}", s.login_address_max_failures, window),
                Bucket(f"login:pair:{name}|{address}", s.login_max_failures, window),
                Bucket(f"login:acct:{name}", s.login_account_max_failures, window))

    async def _refund(self, buckets: list[Bucket]) -> None:
        for b in buckets:
            await self.limits.take(b.key, b.rate, b.burst, -1)

    async def begin(self, username: str, address: str) -> Attempt:
        """Reserve one failure on each bucket, or refuse (429) without checking the password."""
        by_address, pair, account = self._buckets(username, address)
        attempt = Attempt(pair)
        for bucket in (by_address, pair):
            decision = await self.limits.take(bucket.key, bucket.rate, bucket.burst)
            if not decision.allowed:
                await self._refund(attempt.reserved)
                raise LoginThrottled(retry_after=max(1, math.ceil(decision.wait)))
            attempt.reserved.append(bucket)
        pair_left = decision.tokens
        decision = await self.limits.take(account.key, account.rate, account.burst)
        if decision.allowed:
            attempt.reserved.append(account)
        elif pair_left < pair.burst - 1 - 1e-6:  # a failure here not yet refilled
            await self._refund(attempt.reserved)
            raise LoginThrottled(retry_after=max(1, math.ceil(decision.wait)))
        return attempt

    async def succeeded(self, attempt: Attempt) -> None:
        """A right password: the reservations go back and this address's record is cleared."""
        await self._refund([b for b in attempt.reserved if b is not attempt.pair])
        pair = attempt.pair
        await self.limits.take(pair.key, pair.rate, pair.burst, -pair.burst)
