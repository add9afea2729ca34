"""The per-agency cap table: `PUT /inspection-caps` (agency admin for their agency, supervisor
within their region, sysadmin), `GET /inspection-caps` (scoped, keyset-paged)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import ReaderCtx
from services.cases.inspections.caps import schemas, service

router = APIRouter(route_class=CommittingRoute)


@router.put("/inspection-caps", response_model=schemas.CapRowRead,
            responses=errors.responses(errors.Unauthorized, errors.Forbidden),
            summary="设置本机关（或辖区内机关）涉企检查年度频次上限（按信用风险分类）")
async def put_inspection_cap(body: schemas.CapPut, ctx: ReaderCtx) -> schemas.CapRowRead:
    return schemas.CapRowRead.model_validate(await service.put_cap(ctx, body))


@router.get("/inspection-caps", response_model=Page[schemas.CapRowRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="涉企检查频次上限表（按管辖范围）")
async def list_inspection_caps(ctx: ReaderCtx,
                               agency_id: uuid.UUID | None = None, cursor: str | None = None,
                               limit: Annotated[int, Query(ge=1, le=200)] = 50,
                               ) -> Page[schemas.CapRowRead]:
    rows, nxt = await service.list_caps(ctx, agency_id, cursor, limit)
    return Page(items=[schemas.CapRowRead.model_validate(r) for r in rows], next_cursor=nxt,
                limit=limit)
