"""检查事项清单 and 检查对象名录库 routes. `GET /inspection-items?published=true` is public."""

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.cases.dependencies import (
    ActorCtx,
    CatalogueAdminCtx,
    OptionalCtx,
    ReaderCtx,
)
from services.cases.inspections import errors as ie
from services.cases.inspections.catalogue import schemas, service

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.post("/inspection-items", response_model=schemas.ItemRead, status_code=201,
             responses=errors.responses(*AUTH, errors.Conflict),
             summary="登记检查事项（检查事项清单；publish=true 同时公布）")
async def create_inspection_item(ctx: CatalogueAdminCtx, body: schemas.ItemCreate,
                                 response: Response) -> schemas.ItemRead:
    item = await service.create_item(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/inspection-items/{item.id}"
    return service.item_read(item)


@router.get("/inspection-items", response_model=Page[schemas.ItemRead],
            responses=errors.responses(*AUTH),
            summary="检查事项清单；published=true 时无需令牌（事前公开，仅现行版本）")
async def list_inspection_items(ctx: OptionalCtx,
                                published: bool | None = None,
                                agency_id: uuid.UUID | None = None, domain: str | None = None,
                                cursor: str | None = None,
                                limit: Annotated[int, Query(ge=1, le=200)] = 50,
                                ) -> Page[schemas.ItemRead]:
    if ctx.principal is None and not published:
        raise errors.Unauthorized("非公开清单须登录后查询")
    rows, nxt = await service.list_items(
        ctx, published=published, agency_id=agency_id, domain=domain, cursor=cursor,
        limit=limit)
    return Page(items=[service.item_read(i) for i in rows], next_cursor=nxt, limit=limit)


@router.get("/inspection-items/{item_id}", response_model=schemas.ItemRead,
            responses=errors.responses(*AUTH, ie.InspectionItemNotFound), summary="检查事项详情")
async def get_inspection_item(ctx: ReaderCtx, item_id: uuid.UUID) -> schemas.ItemRead:
    return service.item_read(await service.load_item(ctx, item_id))


@router.post("/inspection-items/{item_id}/publish", response_model=schemas.ItemRead,
             responses=errors.responses(*AUTH, ie.InspectionItemNotFound, errors.Conflict),
             summary="公布检查事项")
async def publish_inspection_item(ctx: CatalogueAdminCtx, item_id: uuid.UUID) -> schemas.ItemRead:
    return service.item_read(await service.publish_item(ctx, await service.load_item(
        ctx, item_id)))


@router.post("/inspection-items/{item_id}/versions", response_model=schemas.ItemRead,
             status_code=201,
             responses=errors.responses(*AUTH, ie.InspectionItemNotFound, errors.Conflict),
             summary="新增检查事项版本（已作出的检查保留原版本）")
async def create_inspection_item_version(ctx: CatalogueAdminCtx, item_id: uuid.UUID,
                                         body: schemas.ItemVersionCreate) -> schemas.ItemRead:
    item = await service.load_item(ctx, item_id)
    return service.item_read(await service.new_item_version(ctx, item, body))


@router.post("/inspection-targets", response_model=schemas.TargetRead, status_code=201,
             responses=errors.responses(*AUTH, ie.InvalidUscc, errors.Conflict),
             summary="登记检查对象（检查对象名录库）")
async def create_inspection_target(ctx: ActorCtx, body: schemas.TargetCreate, response: Response
                                   ) -> schemas.TargetRead:
    target = await service.create_target(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/inspection-targets/{target.id}"
    return service.target_read(target)


@router.post("/inspection-targets/imports", response_model=schemas.ImportReport,
             responses=errors.responses(*AUTH, ie.ImportFileRejected),
             summary="批量导入检查对象（CSV/XLSX，逐行报告）")
async def import_inspection_targets(ctx: ActorCtx, file: Annotated[UploadFile, File()],
                                    agency_id: Annotated[uuid.UUID | None, Form()] = None
                                    ) -> schemas.ImportReport:
    content = await file.read()
    return await service.import_targets(ctx, agency_id,
                                        file.filename or "upload.csv", content)


@router.get("/inspection-targets", response_model=Page[schemas.TargetRead],
            responses=errors.responses(*AUTH), summary="检查对象名录库（按管辖范围）")
async def list_inspection_targets(ctx: ReaderCtx,
                                  agency_id: uuid.UUID | None = None,
                                  credit_risk_class: str | None = None,
                                  cursor: str | None = None,
                                  limit: Annotated[int, Query(ge=1, le=200)] = 50,
                                  ) -> Page[schemas.TargetRead]:
    rows, nxt = await service.list_targets(
        ctx, agency_id=agency_id, risk=credit_risk_class, cursor=cursor,
        limit=limit)
    return Page(items=[service.target_read(t) for t in rows], next_cursor=nxt, limit=limit)


@router.get("/inspection-targets/{target_id}", response_model=schemas.TargetRead,
            responses=errors.responses(*AUTH, ie.InspectionTargetNotFound),
            summary="检查对象详情")
async def get_inspection_target(target_id: uuid.UUID, ctx: ReaderCtx) -> schemas.TargetRead:
    return service.target_read(await service.get_target(ctx, target_id))
