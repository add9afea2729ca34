"""执法事项清单 routes. `GET /matters?published=true` is public (publicity reads it); every
other read is scoped; writes are for the agency's admin, the region's supervisor or sysadmin."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from common.scope import AgencyOutOfScope
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.cases.dependencies import CatalogueAdminCtx, OptionalCtx, ReaderCtx
from services.cases.errors import MatterNotFound
from services.cases.matters import schemas, service

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.post("/matters", response_model=schemas.MatterRead, status_code=201,
             responses=errors.responses(*AUTH, AgencyOutOfScope, errors.Conflict),
             summary="登记执法事项（权责清单条目，含裁量基准、听证较大数额）")
async def create_matter(body: schemas.MatterCreate, ctx: CatalogueAdminCtx,
                        response: Response) -> schemas.MatterRead:
    m = await service.create_matter(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/matters/{m.id}"
    return service.read_model(m)


@router.get("/matters", response_model=Page[schemas.MatterRead],
            responses=errors.responses(*AUTH),
            summary="执法事项清单；published=true 时无需令牌（公开清单）")
async def list_matters(ctx: OptionalCtx,
                       published: bool | None = None, code: str | None = None,
                       kind: str | None = None, domain: str | None = None,
                       agency_id: uuid.UUID | None = None, on_date: date | None = None,
                       cursor: str | None = None,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50,
                       ) -> Page[schemas.MatterRead]:
    if ctx.principal is None and not published:
        raise errors.Unauthorized("非公开清单须登录后查询")
    rows, nxt = await service.list_matters(
        ctx, published=published, code=code, kind=kind, domain=domain,
        agency_id=agency_id, on_date=on_date, cursor=cursor, limit=limit)
    return Page(items=[service.read_model(m) for m in rows], next_cursor=nxt, limit=limit)


@router.get("/matters/{matter_id}", response_model=schemas.MatterRead,
            responses=errors.responses(*AUTH, MatterNotFound), summary="执法事项详情")
async def get_matter(matter_id: uuid.UUID, ctx: ReaderCtx) -> schemas.MatterRead:
    return service.read_model(await service.get_matter(ctx, matter_id))


@router.post("/matters/{matter_id}/versions", response_model=schemas.MatterRead,
             status_code=201, responses=errors.responses(*AUTH, MatterNotFound,
                                                         errors.Conflict),
             summary="调整执法事项：自某日起生效的新版本（原版本截止前一日）")
async def create_matter_version(matter_id: uuid.UUID, body: schemas.MatterVersionCreate,
                                ctx: CatalogueAdminCtx) -> schemas.MatterRead:
    current = await service.get_matter(ctx, matter_id)
    return service.read_model(await service.new_version(ctx, current, body))


@router.post("/hearing-thresholds", response_model=schemas.ThresholdRead, status_code=201,
             responses=errors.responses(*AUTH, AgencyOutOfScope),
             summary="设置听证“较大数额”标准（按机关或地区，行政处罚法第六十三条）")
async def create_hearing_threshold(body: schemas.ThresholdCreate,
                                   ctx: CatalogueAdminCtx) -> schemas.ThresholdRead:
    row = await service.create_threshold(ctx, body)
    return _threshold(row)


@router.get("/hearing-thresholds", response_model=list[schemas.ThresholdRead],
            responses=errors.responses(*AUTH), summary="听证“较大数额”标准列表")
async def list_hearing_thresholds(ctx: ReaderCtx) -> list[schemas.ThresholdRead]:
    return [_threshold(r) for r in await service.list_thresholds(ctx)]


def _threshold(r: object) -> schemas.ThresholdRead:
    return schemas.ThresholdRead.model_construct(
        id=r.id, agency_id=r.agency_id, region_code=r.region_code,  # type: ignore[attr-defined]
        domain=r.domain, person=r.person_fen,  # type: ignore[attr-defined]
        organization=r.organization_fen, basis=r.basis)  # type: ignore[attr-defined]
