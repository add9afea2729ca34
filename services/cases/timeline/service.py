"""The hash chain behind the full-process record (全过程记录, 行政处罚法第四十七条).

Each entry stores `payload_digest = sha256(canonical(payload))` and
`hash = sha256(canonical([case_id, seq, action, actor, officer_ids, occurred_at,
payload_digest, prev_hash]))` with `prev_hash` the previous entry's hash (64 zeros for the
first). `canonical` is JSON with sorted keys, no spaces, UTF-8. Changing, deleting or reordering
any row breaks the chain and `verify` names the first bad `seq`.

Every sub-package records its actions with `append_entry(ctx, ...)` (in the same transaction as
the change; it only flushes); event handlers and scheduled jobs, which act for no caller, with
`append_system_entry(session, ...)`. The chain is generic over its owner: an owner row carries `id`,
`timeline_seq` and `timeline_head`, and a `Chain` names the entry table and its owner column
(`CASE_CHAIN` = `timeline_entries.case_id`; inspections use `inspection_record_entries`)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.context import ServiceCtx
from common.principal import Principal
from kit.db import utcnow
from services.cases.models import Case
from services.cases.timeline.models import TimelineEntry
from services.cases.timeline.repository import EntryRepository

GENESIS = "0" * 64


@dataclass(frozen=True)
class Chain:
    """Which table holds the links and which column names their owner."""

    entry: type
    owner_column: str

    def owner_of(self, entry: Any = None) -> Any:
        """The owner column (entry None) or one entry's owner id."""
        return getattr(self.entry if entry is None else entry, self.owner_column)

    def repository(self, session: AsyncSession) -> EntryRepository:
        return EntryRepository(session, self.entry, self.owner_of())


CASE_CHAIN = Chain(TimelineEntry, "case_id")


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode()


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(case_id: uuid.UUID | str, seq: int, action: str, actor: str,
               officer_ids: list[str], occurred_at: datetime, payload_digest: str,
               prev_hash: str) -> str:
    return digest([str(case_id), seq, action, actor, [str(o) for o in officer_ids],
                   _stamp(occurred_at), payload_digest, prev_hash])


def actor_of(principal: Principal | None) -> str:
    if principal is None:
        return "system"
    return principal.username or principal.subject


async def append_entry(ctx: ServiceCtx[Any, Any], case: Any, action: str, officer_ids: list[Any],
                       payload: dict[str, Any], chain: Chain = CASE_CHAIN) -> Any:
    """Append one link for `case` (any chain owner; flushes, never commits), acted by
    `ctx.principal` (None: the system). `payload` must be JSON-serialisable (dates as strings
    are fine; they are canonicalised with `str`)."""
    return await _append(ctx.session, case, action, ctx.principal, officer_ids, payload, chain)


async def append_system_entry(session: AsyncSession, case: Any, action: str,
                              officer_ids: list[Any], payload: dict[str, Any],
                              chain: Chain = CASE_CHAIN) -> Any:
    """`append_entry` by the system (event handlers, scheduled checks: no caller)."""
    return await _append(session, case, action, None, officer_ids, payload, chain)


async def _append(session: AsyncSession, case: Any, action: str, principal: Principal | None,
                  officer_ids: list[Any], payload: dict[str, Any], chain: Chain) -> Any:
    seq, prev = case.timeline_seq + 1, case.timeline_head
    now = utcnow()
    occurred = now.replace(microsecond=now.microsecond // 1000 * 1000)
    clean = json.loads(canonical(payload))
    pdigest = digest(clean)
    officers = [str(o) for o in officer_ids]
    actor = actor_of(principal)
    entry = chain.entry(**{chain.owner_column: case.id}, seq=seq, action=action, actor=actor,
                        officer_ids=officers, occurred_at=occurred, payload=clean,
                        payload_digest=pdigest, prev_hash=prev,
                        hash=entry_hash(case.id, seq, action, actor, officers, occurred,
                                        pdigest, prev))
    case.timeline_seq, case.timeline_head = seq, entry.hash
    await chain.repository(session).add(entry)
    return entry


async def list_entries(session: AsyncSession, case_id: uuid.UUID,
                       chain: Chain = CASE_CHAIN) -> list[Any]:
    return await chain.repository(session).of_owner(case_id)


# Checks of content the chain points at (e.g. an issued document's stored bytes against the
# SHA-256 in its `document.issued` entry): `async (session, case, settings) -> bad seq | None`.
# Sub-packages register theirs (services.cases.documents does).
ContentCheck = Callable[[AsyncSession, Case, Any], Awaitable[int | None]]
CONTENT_CHECKS: list[ContentCheck] = []


async def verify(session: AsyncSession, case: Any, settings: Any = None,
                 chain: Chain = CASE_CHAIN) -> dict[str, Any]:
    """`{valid, entries, first_invalid}`; `first_invalid` is the seq where the chain first
    breaks (a changed row, a gap from a deleted row, or a swapped order), else None. The owner
    row keeps the head (`timeline_seq`, `timeline_head`), so a deleted last entry is caught
    (`first_invalid` = the missing seq). With `settings`, the registered `CONTENT_CHECKS` run
    too (case chain only): stored content that no longer matches its recorded hash fails at
    its entry's seq."""
    if isinstance(case, uuid.UUID):
        loaded = await session.get(Case, case)
        if loaded is None:
            return {"valid": False, "entries": 0, "first_invalid": None}
        case = loaded
    entries = await list_entries(session, case.id, chain)
    prev, expected_seq = GENESIS, 1
    for e in entries:
        ok = (e.seq == expected_seq and e.prev_hash == prev
              and e.payload_digest == digest(e.payload)
              and e.hash == entry_hash(chain.owner_of(e), e.seq, e.action, e.actor,
                                       e.officer_ids, e.occurred_at, e.payload_digest,
                                       e.prev_hash))
        if not ok:
            return {"valid": False, "entries": len(entries), "first_invalid": e.seq}
        prev, expected_seq = e.hash, expected_seq + 1
    if expected_seq - 1 != case.timeline_seq or prev != case.timeline_head:
        return {"valid": False, "entries": len(entries), "first_invalid": expected_seq}
    for check in CONTENT_CHECKS if settings is not None and chain is CASE_CHAIN else ():
        bad = await check(session, case, settings)
        if bad is not None:
            return {"valid": False, "entries": len(entries), "first_invalid": bad}
    return {"valid": True, "entries": len(entries), "first_invalid": None}


async def count_entries(session: AsyncSession, case_id: uuid.UUID,
                        chain: Chain = CASE_CHAIN) -> int:
    return await chain.repository(session).count(case_id)
