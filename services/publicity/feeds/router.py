"""Public reads (no token): the decision list and detail, Atom and the 双公示 exports."""

from __future__ import annotations

import os
import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.publicity.caching import cached, not_modified, validator_headers
from services.publicity.context import Ctx
from services.publicity.dependencies import PublicCtx, PublisherCtx
from services.publicity.disclosures import errors
from services.publicity.disclosures.schemas import DisclosureRead
from services.publicity.feeds import service

router = APIRouter(route_class=CommittingRoute)
Region = Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="区划代码前缀")]
From = Annotated[date | None, Query(alias="from", description="处罚决定日期起（含）")]
To = Annotated[date | None, Query(alias="to", description="处罚决定日期止（含）")]
Q = Annotated[str | None, Query(min_length=1, max_length=100, description="当事人名称或决定书文号")]
Template = Annotated[Literal["legal", "natural"],
                     Query(description="legal：法人及非法人组织模板；natural：自然人模板")]


async def _validators(request: Request, ctx: Ctx, f: service.PublicFilter,
                      kind: str) -> tuple[dict[str, str], bool]:
    """An export's validator headers and whether the client already holds it (304)."""
    etag, last = await service.export_fingerprint(ctx.session, f, kind)
    return (validator_headers(etag, last, ctx.settings.public_cache_seconds),
            not_modified(request, etag, last))


async def _csv(request: Request, ctx: Ctx, f: service.PublicFilter, template: str,
               private: bool = False) -> Response:
    if private:
        headers, fresh = {"Cache-Control": "private, no-store"}, False
    else:
        headers, fresh = await _validators(request, ctx, f, "csv:" + template)
    if fresh:
        return Response(status_code=304, headers=headers)
    body = service.csv_chunks(request.app.state.sessionmaker, f, template,
                              int(ctx.settings.export_chunk_rows), private)
    name = "credit-upload" if private else "penalties"
    headers["Content-Disposition"] = f'attachment; filename="{name}-{template}.csv"'
    return StreamingResponse(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/decisions", response_model=Page[DisclosureRead],
            responses=kit_errors.responses(kit_errors.BadRequest),
            summary="公开：行政处罚决定公示列表（无需令牌，游标分页，最新在前）")
async def list_decisions(
        request: Request, ctx: PublicCtx,
        agency_id: uuid.UUID | None = None,
        region_code: Region = None, penalty_category: str | None = None,
        decided_from: date | None = None, decided_to: date | None = None,
        q: Q = None, status: Literal["published", "withdrawn"] = "published",
        cursor: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    f = service.public_filter(status=status, agency_id=agency_id, region_code=region_code,
                              penalty_category=penalty_category, decided_from=decided_from,
                              decided_to=decided_to, q=q)
    body, last = await service.decisions_page(ctx.session, f, cursor, limit)
    return cached(request, body, "application/json", last, ctx.settings.public_cache_seconds)


@router.get("/decisions/{decision_id}", response_model=DisclosureRead,
            responses=kit_errors.responses(errors.DisclosureNotFound),
            summary="公开：单条行政处罚决定公示（含撤回说明）")
async def get_decision(decision_id: uuid.UUID, request: Request,
                       ctx: PublicCtx) -> Response:
    body, last = await service.decision_detail(ctx.session, decision_id)
    return cached(request, body, "application/json", last, ctx.settings.public_cache_seconds)


@router.get("/feeds/decisions.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}},
            summary="公开：行政处罚决定 Atom 订阅（最新在前，可按机关或区划）")
async def get_decisions_atom(request: Request, ctx: PublicCtx,
                             agency_id: uuid.UUID | None = None,
                             region_code: Region = None,
                             limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    f = service.public_filter(agency_id=agency_id, region_code=region_code)
    body, last = await service.atom_feed(ctx.session, f, limit, str(request.base_url).rstrip("/"),
                                         str(request.url))
    return cached(request, body, "application/atom+xml; charset=utf-8", last,
                  ctx.settings.public_cache_seconds)


@router.get("/exports/penalties.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}},
                       **kit_errors.responses(errors.InvalidDateRange)},
            summary="公开：双公示行政处罚 CSV（信用中国模板列，金额万元，流式）")
async def export_penalties_csv(request: Request, ctx: PublicCtx,
                               date_from: From = None,
                               date_to: To = None, template: Template = "legal",
                               agency_id: uuid.UUID | None = None,
                               region_code: Region = None) -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, agency_id=agency_id,
                              region_code=region_code, party_kind=template)
    return await _csv(request, ctx, f, template)


@router.get("/exports/penalties.xlsx", response_class=Response,
            responses={200: {"content": {service.XLSX: {}}},
                       **kit_errors.responses(errors.InvalidDateRange)},
            summary="公开：双公示行政处罚 XLSX（信用中国模板列，金额万元）")
async def export_penalties_xlsx(request: Request, ctx: PublicCtx,
                                date_from: From = None,
                                date_to: To = None, template: Template = "legal",
                                agency_id: uuid.UUID | None = None,
                                region_code: Region = None) -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, agency_id=agency_id,
                              region_code=region_code, party_kind=template)
    headers, fresh = await _validators(request, ctx, f, "xlsx:" + template)
    if fresh:
        return Response(status_code=304, headers=headers)
    path = await service.xlsx_file(request.app.state.sessionmaker, f, template,
                                   int(ctx.settings.export_chunk_rows))
    headers["Content-Disposition"] = f'attachment; filename="penalties-{template}.xlsx"'
    return StreamingResponse(service.file_chunks(path), media_type=service.XLSX,
                             headers=headers, background=BackgroundTask(os.unlink, path))


@router.get("/exports/credit-upload.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}},
                       **kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden,
                                              errors.InvalidDateRange)},
            summary="双公示报送文件（非公开：含脱敏证件号码，本机关 / 监督区划）")
async def export_credit_upload_csv(request: Request, ctx: PublisherCtx,
                                   date_from: From = None, date_to: To = None,
                                   template: Template = "natural") -> Response:
    f = service.public_filter(decided_from=date_from, decided_to=date_to, party_kind=template,
                              scope=ctx.principal)
    return await _csv(request, ctx, f, template, private=True)
