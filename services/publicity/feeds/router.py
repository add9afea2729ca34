"""Public feeds (no token): Atom and the 双公示 exports."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from kit import errors as kit_errors
from kit.db import CommittingRoute, SessionDep
from services.publicity import errors
from services.publicity.dependencies import Publisher
from services.publicity.feeds import service

router = APIRouter(route_class=CommittingRoute)
Region = Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="区划代码前缀")]
From = Annotated[date | None, Query(alias="from", description="处罚决定日期起（含）")]
To = Annotated[date | None, Query(alias="to", description="处罚决定日期止（含）")]
Template = Annotated[Literal["legal", "natural"],
                     Query(description="legal：法人及非法人组织模板；natural：自然人模板")]


@router.get("/feeds/decisions.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}},
            summary="公开：行政处罚决定 Atom 订阅（最新在前，可按机关或区划）")
async def get_decisions_atom(request: Request, session: SessionDep,
                             agency_id: uuid.UUID | None = None,
                             region_code: Region = None,
                             limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    f = service.public_filter(agency_id=agency_id, region_code=region_code)
    return await service.atom_feed(request, session, f, limit)


@router.get("/exports/penalties.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}},
                       **kit_errors.responses(errors.InvalidDateRange)},
            summary="公开：双公示行政处罚 CSV（信用中国模板列，金额万元，流式）")
async def export_penalties_csv(request: Request, session: SessionDep, date_from: From = None,
                               date_to: To = None, template: Template = "legal",
                               agency_id: uuid.UUID | None = None,
                               region_code: Region = None) -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, agency_id=agency_id,
                              region_code=region_code, party_kind=template)
    return await service.csv_export(request, session, f, template)


@router.get("/exports/penalties.xlsx", response_class=Response,
            responses={200: {"content": {service.XLSX: {}}},
                       **kit_errors.responses(errors.InvalidDateRange)},
            summary="公开：双公示行政处罚 XLSX（信用中国模板列，金额万元）")
async def export_penalties_xlsx(request: Request, session: SessionDep, date_from: From = None,
                                date_to: To = None, template: Template = "legal",
                                agency_id: uuid.UUID | None = None,
                                region_code: Region = None) -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, agency_id=agency_id,
                              region_code=region_code, party_kind=template)
    return await service.xlsx_export(request, session, f, template)


@router.get("/exports/credit-upload.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}},
                       **kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                              errors.InvalidDateRange)},
            summary="双公示报送文件（非公开：含脱敏证件号码，本机关 / 监督区划）")
async def export_credit_upload_csv(request: Request, session: SessionDep, principal: Publisher,
                                   date_from: From = None, date_to: To = None,
                                   template: Template = "natural") -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, party_kind=template,
                              scope=principal)
    return await service.csv_export(request, session, f, template, private=True)
