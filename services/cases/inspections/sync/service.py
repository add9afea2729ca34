"""Offline sync: records are applied in order, each in its own SAVEPOINT, so a refused record
(stale If-Match, cap exceeded, officer not qualified, wrong state, invalid body) leaves no trace
and the valid ones are kept. A record's `idempotency_key` (per caller) makes a replay answer
`already_applied` with the first result; the same key with another record is refused."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import ValidationError

from kit import errors
from kit.schemas import check_if_match
from services.cases.context import Ctx
from services.cases.inspections import schemas as s
from services.cases.inspections import service as svc
from services.cases.inspections.dependencies import load_inspection
from services.cases.inspections.errors import REPLAY_RULE, STALE_RULE, RecordReused
from services.cases.inspections.fieldwork.service import add_record
from services.cases.inspections.models import InspectionSyncReceipt
from services.cases.inspections.repository import InspectionRepository
from services.cases.inspections.sync import schemas
from services.cases.timeline.service import canonical

ACTIONS: dict[str, tuple[Any, Any]] = {
    "notify": (s.Notify, svc.notify), "start": (s.Start, svc.start),
    "records": (s.RecordCreate, add_record), "finish": (s.Finish, svc.finish),
    "feedback": (s.Feedback, svc.feedback)}


def _scope(ctx: Ctx) -> str:
    return f"sub:{ctx.principal.subject}"


def _hash(rec: schemas.SyncRecord) -> str:
    return hashlib.sha256(canonical(rec.model_dump(mode="json"))).hexdigest()


async def _apply(ctx: Ctx, rec: schemas.SyncRecord) -> schemas.SyncResult:
    model, fn = ACTIONS[rec.action]
    i = await load_inspection(ctx, rec.inspection_id, for_update=True, acting=True)
    if rec.if_match is not None:
        try:
            check_if_match(_Header(rec.if_match), i.version)  # type: ignore[arg-type]
        except errors.PreconditionFailed:
            raise errors.PreconditionFailed(f"当前版本为 {i.version}，离线记录所据版本已过期",
                                            current_version=i.version, rule=STALE_RULE) from None
    body = rec.body if rec.action != "records" else {**rec.body, "client_id": str(rec.client_id)}
    try:
        parsed = model.model_validate(body)
    except ValidationError as exc:
        raise errors.ValidationFailed(errors=[
            {"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]) from exc
    out = await fn(ctx, i, parsed)
    await ctx.session.flush()
    return schemas.SyncResult(client_id=rec.client_id, idempotency_key=rec.idempotency_key,
                              status="applied", inspection_version=i.version,
                              resource_id=getattr(out, "id", None))


class _Header:
    """Just enough of a request for `check_if_match`."""

    def __init__(self, value: str) -> None:
        self.headers = {"if-match": value}


async def sync(ctx: Ctx, batch: schemas.SyncBatch) -> schemas.SyncReport:
    repo, scope, results = InspectionRepository(ctx.session), _scope(ctx), []
    for rec in batch.records:
        digest = _hash(rec)
        seen = await repo.receipt(scope, rec.idempotency_key)
        if seen is not None:
            if seen.request_hash != digest:
                problem = RecordReused("该幂等键已用于另一条离线记录", rule=REPLAY_RULE).body()
                results.append(schemas.SyncResult(client_id=rec.client_id,
                                                  idempotency_key=rec.idempotency_key,
                                                  status="refused", problem=problem))
            else:
                results.append(schemas.SyncResult.model_validate(
                    {**seen.result, "status": "already_applied"}))
            continue
        try:
            async with ctx.session.begin_nested():
                result = await _apply(ctx, rec)
                ctx.session.add(InspectionSyncReceipt(
                    scope=scope, key=rec.idempotency_key, client_id=rec.client_id,
                    request_hash=digest, result=result.model_dump(mode="json")))
                await ctx.session.flush()
        except errors.Problem as exc:
            result = schemas.SyncResult(client_id=rec.client_id,
                                        idempotency_key=rec.idempotency_key, status="refused",
                                        problem=exc.body())
        results.append(result)
    count = {k: sum(1 for r in results if r.status == k)
             for k in ("applied", "already_applied", "refused")}
    return schemas.SyncReport(**count, results=results)
