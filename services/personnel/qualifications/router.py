from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.personnel.certificates.schemas import (
    DirectoryEntry,
    QualificationCheck,
    QualificationReport,
)
from services.personnel.dependencies import PublicCtx, ReaderCtx
from services.personnel.qualifications import service

router = APIRouter(prefix="/api/v1/personnel", tags=["qualifications"],
                   route_class=CommittingRoute)


@router.post("/qualifications/check", response_model=QualificationReport, status_code=200,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                            kit_errors.ValidationFailed),
             summary="执法资格核验（行政处罚法第四十二条：不少于两名具备执法资格的人员）")
async def check_qualifications(body: QualificationCheck,
                               ctx: ReaderCtx) -> QualificationReport:
    return await service.check_qualifications(ctx, body, today_legal())


@router.get("/directory", response_model=list[DirectoryEntry],
            responses=kit_errors.responses(kit_errors.ValidationFailed),
            summary="执法人员公示名录（公开，无需令牌；不含身份证号）。"
                    "下一页游标在响应头 X-Next-Cursor，作为 after 传回")
async def list_directory(ctx: PublicCtx, response: Response,
                         agency_id: uuid.UUID | None = None,
                         region_code: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                         after: Annotated[str | None, Query(max_length=200)] = None,
                         limit: Annotated[int, Query(ge=1, le=2000)] = 500
                         ) -> list[DirectoryEntry]:
    entries, next_cursor = await service.list_directory(ctx.session, today_legal(), agency_id,
                                                        region_code, after, limit)
    if next_cursor is not None:
        response.headers["X-Next-Cursor"] = next_cursor
    return entries
