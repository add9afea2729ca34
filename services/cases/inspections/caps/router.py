"""The per-agency cap table: `PUT /inspection-caps` (agency admin for their agency, supervisor
within their region, sysadmin), `GET /inspection-caps` (scoped, keyset-paged)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from common.scope import may_act_for
from kit import errors
from kit.db import CommittingRoute, SessionDep
from kit.schemas import InvalidCursor, Page
from services.cases.clients import agency_regions
from services.cases.dependencies import Reader
from services.cases.inspections.caps import schemas
from services.cases.inspections.caps.models import InspectionCap
from services.cases.inspections.caps.repository import CapRepository

router = APIRouter(route_class=CommittingRoute)
MANAGERS = ("agency_admin",)  # supervisors act by region through common.scope


@router.put("/inspection-caps", response_model=schemas.CapRowRead,
            responses=errors.responses(errors.Unauthorized, errors.Forbidden),
            summary="设置本机关（或辖区内机关）涉企检查年度频次上限（按信用风险分类）")
async def put_inspection_cap(body: schemas.CapPut, principal: Reader, request: Request,
                             session: SessionDep) -> schemas.CapRowRead:
    if not principal.has("agency_admin", "supervisor", "sysadmin"):
        raise errors.Forbidden("只有机关管理员或监督机关可以设置频次上限")
    region = await agency_regions(request)(body.agency_id)  # the agency's real region
    if region is None:
        raise errors.UnprocessableEntity(f"执法机关 {body.agency_id} 不存在")
    if not may_act_for(principal, body.agency_id, region, MANAGERS):
        raise errors.Forbidden("只能为本机关或本辖区内的机关设置频次上限")
    repo = CapRepository(session)
    row = await repo.get(body.agency_id, body.target_class)
    if row is None:
        row = InspectionCap(agency_id=body.agency_id, target_class=body.target_class,
                            region_code=region)
        repo.add(row)
    row.annual_limit, row.basis = body.annual_limit, body.basis
    row.updated_by = principal.username or principal.subject
    await session.flush()
    await session.refresh(row)
    return schemas.CapRowRead.model_validate(row)


@router.get("/inspection-caps", response_model=Page[schemas.CapRowRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="涉企检查频次上限表（按管辖范围）")
async def list_inspection_caps(principal: Reader, session: SessionDep,
                               agency_id: uuid.UUID | None = None, cursor: str | None = None,
                               limit: Annotated[int, Query(ge=1, le=200)] = 50,
                               ) -> Page[schemas.CapRowRead]:
    rows, nxt = await CapRepository(session).list(principal, agency_id, cursor, limit)
    return Page(items=[schemas.CapRowRead.model_validate(r) for r in rows], next_cursor=nxt,
                limit=limit)
