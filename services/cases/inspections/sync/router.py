"""`POST /inspections/sync`: a field client's offline batch, answered per record."""

from fastapi import APIRouter

from kit import errors
from kit.db import CommittingRoute
from services.cases.dependencies import ActorCtx
from services.cases.inspections.sync import schemas, service

router = APIRouter(route_class=CommittingRoute)


@router.post("/inspections/sync", response_model=schemas.SyncReport,
             responses=errors.responses(errors.Unauthorized, errors.Forbidden),
             summary="离线采集同步：逐条应用（每条带 Idempotency-Key 与 If-Match），逐条答复")
async def sync_inspections(ctx: ActorCtx, body: schemas.SyncBatch) -> schemas.SyncReport:
    return await service.sync(ctx, body)
