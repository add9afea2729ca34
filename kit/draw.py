"""Consistent sampling (Rivest), domain-free; algorithm `sha256-consistent-v1`.

Anyone can re-derive a draw from the published seed and the pool ids:

- ticket(seed, id) = SHA-256(UTF-8(seed ‖ id)) as lower-case hex (‖ = plain concatenation);
- the sampling order of a pool is the ids sorted by (ticket, id);
- a pool's hash is SHA-256 of its ids sorted ascending, joined by "\\n" (UTF-8);
- `take(seed, ids, k, why_not)` walks the order and keeps the first `k` ids for which
  `why_not(id)` is None; every refused id is recorded with its reason and the id that took
  its place (the next one in order), so the rest of the draw does not move.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ALGORITHM = "sha256-consistent-v1"


def ticket(seed: str, item_id: str) -> str:
    return hashlib.sha256(f"{seed}{item_id}".encode()).hexdigest()


def order(seed: str, ids: Iterable[str]) -> list[str]:
    """The full sampling order: ids by ascending ticket (ties broken by id)."""
    return sorted({str(i) for i in ids}, key=lambda i: (ticket(seed, i), i))


def pool_hash(ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(str(i) for i in ids)).encode()).hexdigest()


def share(size: int, ratio: float) -> int:
    """How many of `size` a ratio asks for: ceil(size * ratio), at most `size`, 0 for 0."""
    return min(size, math.ceil(round(size * ratio, 9))) if size and ratio > 0 else 0


@dataclass
class Taken:
    chosen: list[str] = field(default_factory=list)
    # [{id, reason, replaced_by}] in order; replaced_by None when the pool ran out
    exclusions: list[dict[str, str | None]] = field(default_factory=list)


def take(seed: str, ids: Iterable[str], k: int,
         why_not: Callable[[str], str | None] = lambda _i: None) -> Taken:
    """The first `k` eligible ids in sampling order, and every exclusion met before the
    k-th pick with the id that replaced it."""
    out, pending = Taken(), []
    for item in order(seed, ids):
        if len(out.chosen) >= k:
            break
        reason = why_not(item)
        if reason is not None:
            pending.append({"id": item, "reason": reason, "replaced_by": None})
            continue
        out.chosen.append(item)
        for p in pending:
            p["replaced_by"] = item
        out.exclusions.extend(pending)
        pending = []
    out.exclusions.extend(pending)
    return out
