"""Public 双随机、一公开 records (no token): the item list, task announcements and results."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute, SessionDep
from kit.schemas import ApiModel, InvalidCursor, Page
from services.publicity.inspections.repository import InspectionDisclosureRepository

router = APIRouter(route_class=CommittingRoute)


class InspectionDisclosureRead(ApiModel):
    id: uuid.UUID
    kind: str
    source_id: uuid.UUID
    agency_id: uuid.UUID | None
    region_code: str
    title: str
    content: dict[str, Any]
    due_on: date | None = None
    published_at: datetime


@router.get("/inspections", response_model=Page[InspectionDisclosureRead],
            responses=kit_errors.responses(InvalidCursor),
            summary="公开：双随机、一公开（item 检查事项 / task 抽查任务公告 / result 抽查结果）")
async def list_public_inspections(
        session: SessionDep, kind: Literal["item", "task", "result"] | None = None,
        agency_id: uuid.UUID | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[InspectionDisclosureRead]:
    rows, nxt = await InspectionDisclosureRepository(session).public_page(kind, agency_id,
                                                                          cursor, limit)
    return Page(items=[InspectionDisclosureRead.model_validate(r, from_attributes=True)
                       for r in rows], next_cursor=nxt, limit=limit)
