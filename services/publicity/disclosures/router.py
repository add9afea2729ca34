"""The scoped disclosure routes: the deadline list, releasing a held record and the region
switches (the public reads of the records are in `feeds`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.publicity.dependencies import PublisherCtx, RegionAdminCtx, StatusReaderCtx
from services.publicity.disclosures import errors, service
from services.publicity.disclosures.schemas import (
    DisclosureStatusRead,
    RegionSettingRead,
    RegionSettingUpdate,
)

router = APIRouter(route_class=CommittingRoute)


@router.get("/disclosure-status", response_model=Page[DisclosureStatusRead],
            responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                           kit_errors.BadRequest),
            summary="公示期限台账：待发布、逾期、已撤回（本机关 / 监督区划）")
async def list_disclosure_status(
        ctx: StatusReaderCtx,
        state: Literal["pending", "late", "withdrawn", "not_published"] | None = None,
        cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[DisclosureStatusRead]:
    items, nxt = await service.list_status(ctx, state, cursor, limit)
    return Page[DisclosureStatusRead](items=items, next_cursor=nxt, limit=limit)


@router.post("/disclosures/{decision_id}/publish", response_model=DisclosureStatusRead,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                            errors.DisclosureNotFound,
                                            errors.DisclosureNotPending),
             summary="发布经审核的待发布公示记录")
async def publish_disclosure(decision_id: uuid.UUID, ctx: PublisherCtx) -> DisclosureStatusRead:
    return await service.release(ctx, decision_id)


@router.put("/region-settings/{region_code}", response_model=RegionSettingRead,
            responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                           errors.RegionOutOfScope),
            summary="设置区划公示规则（自然人姓名脱敏、发布前审核、轻微处罚是否公示）")
async def update_region_setting(region_code: Annotated[str, Path(pattern=r"^\d{2,12}$")],
                                body: RegionSettingUpdate,
                                ctx: RegionAdminCtx) -> RegionSettingRead:
    return await service.put_region_setting(ctx, region_code, body)
