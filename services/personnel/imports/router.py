from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.personnel import errors
from services.personnel.dependencies import StaffAdminCtx, VaultDep
from services.personnel.imports import service
from services.personnel.imports.schemas import ImportReport

router = APIRouter(prefix="/api/v1/personnel", tags=["imports"], route_class=CommittingRoute)
MAX_BYTES = 20 * 1024 * 1024


@router.post("/imports", response_model=ImportReport, status_code=201,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                            errors.ImportRejected, errors.ImportFileUnreadable,
                                            errors.AgencyNotFound, kit_errors.PayloadTooLarge),
             summary="批量导入花名册（CSV/XLSX，中文表头；默认全部成功才写入，"
                     "partial=true 跳过错误行）")
async def import_roster(ctx: StaffAdminCtx, vault: VaultDep,
                        file: Annotated[UploadFile, File()],
                        partial: Annotated[bool, Form()] = False,
                        agency_id: Annotated[uuid.UUID, Form()] = None,  # type: ignore[assignment]
                        ) -> ImportReport:
    content = await file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise kit_errors.PayloadTooLarge("导入文件不得超过 20 MB")
    return await service.import_roster(ctx, vault, file.filename or "upload.csv", content,
                                       partial=partial, agency_id=agency_id)
