"""Public 双随机、一公开 records (no token): the item list, task announcements and results."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.publicity.dependencies import PublicCtx
from services.publicity.inspections import service
from services.publicity.inspections.schemas import InspectionDisclosureRead

router = APIRouter(route_class=CommittingRoute)


@router.get("/inspections", response_model=Page[InspectionDisclosureRead],
            responses=kit_errors.responses(InvalidCursor),
            summary="公开：双随机、一公开（item 检查事项 / task 抽查任务公告 / result 抽查结果）")
async def list_public_inspections(
        ctx: PublicCtx, kind: Literal["item", "task", "result"] | None = None,
        agency_id: uuid.UUID | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[InspectionDisclosureRead]:
    return await service.public_page(ctx.session, kind, agency_id, cursor, limit)
