"""Public licence records (no token): the JSON list and the 双公示 行政许可 CSV."""

import csv
import io
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.publicity.dependencies import PublicCtx, PublisherCtx
from services.publicity.disclosures import errors
from services.publicity.licences import service, templates
from services.publicity.licences.schemas import LicenceDisclosureRead

router = APIRouter(route_class=CommittingRoute)
Template = Annotated[Literal["legal", "natural"],
                     Query(description="legal：法人及非法人组织模板；natural：自然人模板")]


@router.get("/licences", response_model=Page[LicenceDisclosureRead],
            responses=kit_errors.responses(InvalidCursor),
            summary="公开：行政许可决定（行政许可法第四十条，最新在前）")
async def list_public_licences(ctx: PublicCtx, agency_id: uuid.UUID | None = None,
                               status: Literal["published", "withdrawn"] = "published",
                               cursor: str | None = None,
                               limit: Annotated[int, Query(ge=1, le=200)] = 50,
                               ) -> Page[LicenceDisclosureRead]:
    rows, nxt = await service.public_page(ctx.session, agency_id, cursor, limit, status)
    return Page(items=[LicenceDisclosureRead.model_validate(r, from_attributes=True)
                       for r in rows], next_cursor=nxt, limit=limit)


@router.post("/licences/{disclosure_id}/publish", response_model=LicenceDisclosureRead,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                            errors.DisclosureNotFound,
                                            errors.DisclosureNotPending),
             summary="发布经审核的待发布许可公示记录（本区划设置发布前审核时）")
async def publish_licence_disclosure(disclosure_id: uuid.UUID,
                                     ctx: PublisherCtx) -> LicenceDisclosureRead:
    row = await service.release(ctx, disclosure_id)
    return LicenceDisclosureRead.model_validate(row, from_attributes=True)


@router.get("/exports/licences.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}},
            summary="公开：双公示行政许可 CSV（信用中国模板列）")
async def export_licences_csv(ctx: PublicCtx, template: Template = "legal") -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(templates.columns_for(template))
    for row in await service.for_export(ctx.session, template):
        writer.writerow(templates.row_for(template, row))
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), media_type="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="licences-{template}.csv"'})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/exports/licences.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}}},
            summary="公开：双公示行政许可 XLSX（信用中国模板列）")
async def export_licences_xlsx(ctx: PublicCtx, template: Template = "legal") -> Response:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("行政许可")
    ws.append(templates.columns_for(template))
    for row in await service.for_export(ctx.session, template):
        ws.append(templates.row_for(template, row))
    out = io.BytesIO()
    wb.save(out)
    return Response(out.getvalue(), media_type=XLSX, headers={
        "Content-Disposition": f'attachment; filename="licences-{template}.xlsx"'})
