"""HTTP surface of the annual reports (年度报告, 统计年报) and the dashboard (数据驾驶舱)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from common.scope import AgencyOutOfScope, in_region
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import check_if_match, set_etag
from services.review.clients import StatisticsClient
from services.review.dependencies import AgencyRegions, ReportUserCtx, SupervisorCtx
from services.review.reports import charts, dashboard, errors, exports, service
from services.review.reports.models import AnnualReport
from services.review.reports.schemas import Dashboard, Narrative, ReportCreate, ReportRead

router = APIRouter(prefix="/api/v1/review", tags=["annual-reports"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
URL = "/annual-reports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _answer(report: AnnualReport, response: Response) -> ReportRead:
    set_etag(response, report.version)
    return ReportRead.model_validate(service.read_model(report))


def _file(content: bytes, media: str, name: str, report: AnnualReport) -> Response:
    return Response(content, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "ETag": f'W/"{report.version}"'})


@router.post(URL, response_model=ReportRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ReportOutOfScope, AgencyOutOfScope,
                                            errors.ReportScopeInvalid,
                                            kit_errors.ValidationFailed,
                                            kit_errors.ServiceUnavailable),
             summary="生成年度报告（汇总四个服务的统计数据并冻结快照；再次生成即新版本）")
async def create_annual_report(body: ReportCreate, ctx: ReportUserCtx, regions: AgencyRegions,
                               response: Response) -> ReportRead:
    return _answer(await service.create(ctx, body, regions), response)


@router.get(URL + "/{report_id}", response_model=ReportRead,
            responses=kit_errors.responses(*AUTH, errors.ReportNotFound),
            summary="年度报告（每项数据的数值、单位、统计口径与来源）")
async def get_annual_report(report_id: uuid.UUID, ctx: ReportUserCtx,
                            response: Response) -> ReportRead:
    return _answer(await service.load(ctx, report_id), response)


@router.patch(URL + "/{report_id}", response_model=ReportRead,
              responses=kit_errors.responses(*AUTH, errors.ReportNotFound,
                                             errors.ReportFinalised,
                                             kit_errors.PreconditionFailed,
                                             kit_errors.PreconditionRequired),
              summary="修改报告的文字部分（存在的主要问题、下一步工作打算、落款），须带 If-Match")
async def patch_annual_report(report_id: uuid.UUID, body: Narrative, ctx: ReportUserCtx,
                              request: Request, response: Response) -> ReportRead:
    report = await service.load(ctx, report_id, for_update=True)
    check_if_match(request, report.version, required=True)
    service.update_narrative(ctx.principal, report, body)
    await ctx.session.flush()
    return _answer(report, response)


@router.post(URL + "/{report_id}/finalise", response_model=ReportRead,
             responses=kit_errors.responses(*AUTH, errors.ReportNotFound,
                                            errors.ReportFinalised,
                                            kit_errors.PreconditionFailed),
             summary="定稿（此后不可修改；统计年报经公示服务公开）")
async def finalise_annual_report(report_id: uuid.UUID, ctx: ReportUserCtx,
                                 request: Request, response: Response) -> ReportRead:
    report = await service.load(ctx, report_id, for_update=True)
    check_if_match(request, report.version)
    await service.finalise(ctx, report, exports.table_rows(report))
    return _answer(report, response)


@router.get(URL + "/{report_id}/figures/{key}/records",
            responses=kit_errors.responses(*AUTH, errors.ReportNotFound, errors.FigureNotFound),
            summary="一项数据所统计的记录（由数据所属服务给出记录编号）")
async def annual_report_figure_records(
        report_id: uuid.UUID, key: str, ctx: ReportUserCtx,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    """The snapshot's own query parameters, so the ids are those of the frozen period and
    scope (records added since may appear: the owning service answers live)."""
    stats = StatisticsClient(ctx.up)
    report = await service.load(ctx, report_id)
    source = service.figure(report, key)["source"]
    return await stats.records(source["service"], source["path"], {
        **source["params"], "key": key, "cursor": cursor, "limit": limit})


@router.get(URL + "/{report_id}/tables.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}},
                       **kit_errors.responses(*AUTH, errors.ReportNotFound)},
            summary="统计年报表一至表五（XLSX，每表一页）")
async def annual_report_tables_xlsx(report_id: uuid.UUID, ctx: ReportUserCtx) -> Response:
    report = await service.load(ctx, report_id)
    return _file(exports.xlsx(report), XLSX, f"annual-report-{report.year}-tables.xlsx", report)


@router.get(URL + "/{report_id}/tables.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}},
                       **kit_errors.responses(*AUTH, errors.ReportNotFound)},
            summary="统计年报表一至表五（CSV）")
async def annual_report_tables_csv(report_id: uuid.UUID, ctx: ReportUserCtx) -> Response:
    report = await service.load(ctx, report_id)
    return _file(exports.csv_bytes(report), "text/csv; charset=utf-8",
                 f"annual-report-{report.year}-tables.csv", report)


@router.get(URL + "/{report_id}/charts/{name}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}},
                       **kit_errors.responses(*AUTH, errors.ReportNotFound,
                                              errors.ChartNotFound)},
            summary="报告图表（penalties / inspections / complaints）")
async def annual_report_chart(report_id: uuid.UUID, name: str,
                              ctx: ReportUserCtx) -> Response:
    report = await service.load(ctx, report_id)
    if name not in charts.CHARTS:
        raise errors.ChartNotFound(f"没有图表 {name}（可选：{'、'.join(charts.CHARTS)}）")
    return _file(await exports.chart(report, name), "image/png", f"{name}.png", report)


@router.get(URL + "/{report_id}/report.docx", response_class=Response,
            responses={200: {"content": {DOCX: {}}},
                       **kit_errors.responses(*AUTH, errors.ReportNotFound)},
            summary="年度行政执法工作报告（.docx，含图表）")
async def annual_report_docx(report_id: uuid.UUID, ctx: ReportUserCtx) -> Response:
    report = await service.load(ctx, report_id)
    content = await exports.docx(report, ctx.settings)
    return _file(content, DOCX, f"annual-report-{report.year}.docx", report)


@router.get("/dashboard", response_model=Dashboard,
            responses=kit_errors.responses(*AUTH, errors.ReportOutOfScope),
            summary="数据驾驶舱：辖区内各执法机关的主要数据、逾期事项、持证率与评查排名")
async def review_dashboard(ctx: SupervisorCtx,
                           region_code: Annotated[str, Query(pattern=r"^\d{2,12}$")],
                           year: Annotated[int, Query(ge=2000, le=2100)]) -> Dashboard:
    principal, stats = ctx.principal, StatisticsClient(ctx.up)
    if not principal.has("sysadmin") and not in_region(region_code, principal.region_code):
        raise errors.ReportOutOfScope(f"辖区 {region_code} 不在本人辖区内")
    settings = ctx.settings
    body = await dashboard.build(stats, settings.report_statistics_sources, region_code, year,
                                 settings.report_dashboard_headlines,
                                 settings.report_dashboard_concurrency)
    return Dashboard.model_validate(body)
