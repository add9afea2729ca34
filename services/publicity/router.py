"""The publicity HTTP surface: public decisions (no token) and the scoped deadline list."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from kit import errors as kit_errors
from kit.db import CommittingRoute, SessionDep
from kit.schemas import Page
from services.publicity import errors, service
from services.publicity.annual.router import router as annual_router
from services.publicity.caching import cached
from services.publicity.dependencies import ContextDep, Publisher, RegionAdmin, StatusReader
from services.publicity.exante.router import router as exante_router
from services.publicity.feeds import service as views
from services.publicity.feeds.router import router as feeds_router
from services.publicity.inspections.router import router as inspections_router
from services.publicity.licences.router import router as licences_router
from services.publicity.plans.router import router as plans_router
from services.publicity.redactions.router import router as redactions_router
from services.publicity.schemas import (
    DisclosureRead,
    DisclosureStatusRead,
    RegionSettingRead,
    RegionSettingUpdate,
)
from services.publicity.statistics.router import router as statistics_router

router = APIRouter(prefix="/api/v1/publicity", tags=["publicity"], route_class=CommittingRoute)
Region = Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="区划代码前缀")]
Q = Annotated[str | None, Query(min_length=1, max_length=100, description="当事人名称或决定书文号")]


@router.get("/decisions", response_model=Page[DisclosureRead],
            responses=kit_errors.responses(kit_errors.BadRequest),
            summary="公开：行政处罚决定公示列表（无需令牌，游标分页，最新在前）")
async def list_decisions(
        request: Request, session: SessionDep, ctx: ContextDep,
        agency_id: uuid.UUID | None = None,
        region_code: Region = None, penalty_category: str | None = None,
        decided_from: date | None = None, decided_to: date | None = None,
        q: Q = None, status: Literal["published", "withdrawn"] = "published",
        cursor: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    f = views.public_filter(status=status, agency_id=agency_id, region_code=region_code,
                            penalty_category=penalty_category, decided_from=decided_from,
                            decided_to=decided_to, q=q)
    body, last = await views.decisions_page(session, f, cursor, limit)
    return cached(request, body, "application/json", last, ctx.settings.public_cache_seconds)


@router.get("/decisions/{decision_id}", response_model=DisclosureRead,
            responses=kit_errors.responses(errors.DisclosureNotFound),
            summary="公开：单条行政处罚决定公示（含撤回说明）")
async def get_decision(decision_id: uuid.UUID, request: Request,
                       session: SessionDep, ctx: ContextDep) -> Response:
    body, last = await views.decision_detail(session, decision_id)
    return cached(request, body, "application/json", last, ctx.settings.public_cache_seconds)


@router.get("/disclosure-status", response_model=Page[DisclosureStatusRead],
            responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                           kit_errors.BadRequest),
            summary="公示期限台账：待发布、逾期、已撤回（本机关 / 监督区划）")
async def list_disclosure_status(
        principal: StatusReader, session: SessionDep,
        state: Literal["pending", "late", "withdrawn", "not_published"] | None = None,
        cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[DisclosureStatusRead]:
    items, nxt = await service.list_status(session, principal, state, cursor, limit)
    return Page[DisclosureStatusRead](items=items, next_cursor=nxt, limit=limit)


@router.post("/disclosures/{decision_id}/publish", response_model=DisclosureStatusRead,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                            errors.DisclosureNotFound,
                                            errors.DisclosureNotPending),
             summary="发布经审核的待发布公示记录")
async def publish_disclosure(decision_id: uuid.UUID, principal: Publisher,
                             session: SessionDep, ctx: ContextDep) -> DisclosureStatusRead:
    return await service.release(session, principal, decision_id, ctx)


@router.put("/region-settings/{region_code}", response_model=RegionSettingRead,
            responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                           errors.RegionOutOfScope),
            summary="设置区划公示规则（自然人姓名脱敏、发布前审核、轻微处罚是否公示）")
async def update_region_setting(region_code: Annotated[str, Path(pattern=r"^\d{2,12}$")],
                                body: RegionSettingUpdate, principal: RegionAdmin,
                                session: SessionDep) -> RegionSettingRead:
    return await service.put_region_setting(session, principal, region_code, body)


router.include_router(feeds_router)
router.include_router(exante_router)
router.include_router(licences_router)
router.include_router(annual_router)
router.include_router(statistics_router)
router.include_router(inspections_router)
router.include_router(redactions_router)
router.include_router(plans_router)
