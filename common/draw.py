"""Consistent sampling (Rivest), domain-free; algorithm `sha256-consistent-v1`:

- ticket = SHA-256(UTF-8(seed ‖ id)); a pool's sampling order = its distinct ids by ascending
  ticket; its hash = SHA-256 of the ids sorted ascending joined by "\n" (UTF-8);
- `take`: the first k ids in order that `why_not` accepts;
- `deal`: the people's order is a deck dealt in turn, k per group (groups in the given order),
  cycling, the next group starting after the last card taken;
- every card passed over is recorded `{id, reason, replaced_by}` (the card that took its place),
  so an exclusion does not move the rest of the draw."""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable, Iterable
from typing import Any

ALGORITHM = "sha256-consistent-v1"
SEED_DERIVATION = "sha256-commit-reveal-v1"


def commitment(nonce: str) -> str:
    """The hash committed (published) before the draw: SHA-256(UTF-8(nonce)), hex."""
    return hashlib.sha256(nonce.encode()).hexdigest()


def seed_from_public_value(nonce: str, public_value: str) -> str:
    """`sha256-commit-reveal-v1`: seed = SHA-256(UTF-8(nonce ‖ "|" ‖ public_value)), hex, where
    the nonce's commitment was published before the public value (e.g. a lottery draw or an
    index close) was known, so neither the agency nor anyone else could choose the seed."""
    return hashlib.sha256(f"{nonce}|{public_value}".encode()).hexdigest()


def _tickets(seed: str, ids: Iterable[Any]) -> list[tuple[bytes, str]]:
    base = hashlib.sha256(seed.encode())  # raw digests sort exactly as hex tickets do
    out = []
    for i in {str(i) for i in ids}:
        (h := base.copy()).update(i.encode())
        out.append((h.digest(), i))
    return out


def order(seed: str, ids: Iterable[Any]) -> list[str]:
    return [i for _t, i in sorted(_tickets(seed, ids))]


def pool_hash(ids: Iterable[Any]) -> str:
    return hashlib.sha256("\n".join(sorted(str(i) for i in ids)).encode()).hexdigest()


def share(size: int, ratio: float) -> int:  # ceil(size * ratio), 0 for none
    return min(size, math.ceil(round(size * ratio, 9))) if size and ratio > 0 else 0


def _walk(cards: Iterable[str], k: int, why_not: Callable[[str], str | None],
          exclusions: list[dict[str, Any]], **extra: str) -> list[str]:
    chosen: list[str] = []
    pending: list[dict[str, Any]] = []  # passed over since the last card taken
    for card in cards:
        if len(chosen) >= k:
            break
        if (reason := why_not(card)) is not None:
            pending.append({"id": card, "reason": reason, "replaced_by": None, **extra})
            continue
        chosen.append(card)
        for p in pending:
            p["replaced_by"] = card
        exclusions.extend(pending)
        pending = []
    exclusions.extend(pending)
    return chosen


def take(seed: str, ids: Iterable[Any], k: int, why_not: Callable[[str], str | None]
         = lambda _i: None) -> tuple[list[str], list[dict[str, Any]]]:
    heap = _tickets(seed, ids)
    heapq.heapify(heap)  # pops in sampling order without sorting the whole pool
    exclusions: list[dict[str, Any]] = []
    chosen = _walk((heapq.heappop(heap)[1] for _ in range(len(heap))), k, why_not, exclusions)
    return chosen, exclusions


def deal(seed: str, people: Iterable[Any], groups: Iterable[str], k: int, why_not: Callable[
        [str, str], str | None]) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
    deck, at, hands, exclusions = order(seed, people), 0, {}, []
    pos = {c: n for n, c in enumerate(deck)}
    for g in groups:
        cards = (deck[(at + n) % len(deck)] for n in range(len(deck)))
        hands[g] = _walk(cards, k, lambda c, g=g: why_not(g, c), exclusions, group=g)
        if hands[g]:
            at = (pos[hands[g][-1]] + 1) % len(deck)
    return hands, exclusions
