"""事前公开 routes (public, no token): officers and the matter catalogue."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.publicity.caching import cached
from services.publicity.dependencies import PublicCtx, PublicListsDep
from services.publicity.exante import service
from services.publicity.exante.schemas import MatterPage, OfficerPage

router = APIRouter(route_class=CommittingRoute)
Region = Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="区划代码前缀")]
Cursor = Annotated[str | None, Query(max_length=200)]


@router.get("/officers", response_model=OfficerPage,
            responses=kit_errors.responses(kit_errors.ServiceUnavailable),
            summary="公开：执法人员名录（姓名、执法证号、机关、执法类别、区域；不含身份证号）")
async def list_officers(request: Request, lists: PublicListsDep, ctx: PublicCtx,
                        agency_id: uuid.UUID | None = None,
                        region_code: Region = None, cursor: Cursor = None,
                        limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
    body = await service.officers(lists, agency_id, region_code, cursor, limit)
    return cached(request, body, "application/json", None, ctx.settings.public_cache_seconds)


@router.get("/matters", response_model=MatterPage,
            responses=kit_errors.responses(kit_errors.ServiceUnavailable),
            summary="公开：执法事项清单（依据、程序、救济渠道、裁量基准）")
async def list_matters(request: Request, lists: PublicListsDep, ctx: PublicCtx,
                       agency_id: uuid.UUID | None = None,
                       domain: Annotated[str | None, Query(max_length=64)] = None,
                       cursor: Cursor = None,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    body = await service.matters(lists, ctx.settings, agency_id, domain, cursor, limit)
    return cached(request, body, "application/json", None, ctx.settings.public_cache_seconds)
