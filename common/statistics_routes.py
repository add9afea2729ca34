"""The HTTP side of the statistics endpoints (docs/statistics.md): the query parameters, who may
read, and `add_statistics_routes`, the one factory behind every service's
`GET …/statistics` and `GET …/statistics/records` (same paths and operation ids as before).

`group_by=agency` adds `groups` (one entry per agency with rows, the same figures as asking with
its `agency_id`) and `empty` (the figures of an agency without rows) to the answer, computed by
the same queries grouped by the agency, still scoped. For the service token and sysadmin the
answer also states `undelivered_events`, the service's outbox events not yet delivered (the
annual report marks the figures they feed as provisional)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func, select

from common.context import ServiceCtx, ctx_dependency
from common.principal import Principal
from common.statistics import Period, Registry
from common.statistics_schemas import (
    AgencyFigures,
    FigureNotFound,
    InvalidPeriod,
    RecordsPage,
    StatisticsRead,
)
from kit import errors
from kit.auth import require_roles


def period_query(
    year: Annotated[int, Query(ge=2000, le=2100, description="统计年度")],
    date_from: Annotated[date | None, Query(description="期间起日（含）")] = None,
    date_to: Annotated[date | None, Query(description="期间止日（含）")] = None,
    agency_id: uuid.UUID | None = None,
    region_code: Annotated[str | None, Query(max_length=12, pattern=r"^[0-9]*$")] = None,
) -> Period:
    return Period.of(year, date_from, date_to, agency_id, region_code)


PeriodQuery = Annotated[Period, Depends(period_query)]
FigureKey = Annotated[str, Query(min_length=1, max_length=100, description="统计指标 key")]
Limit = Annotated[int, Query(ge=1, le=500)]
GroupBy = Annotated[
    Literal["agency"] | None,
    Query(description="agency：另按执法机关分组给出 groups（每个有记录的机关一组）与 empty"),
]
PROBLEMS = (errors.Unauthorized, errors.Forbidden, InvalidPeriod)
RECORD_PROBLEMS = (*PROBLEMS, FigureNotFound)
# who may read statistics: agency staff (own agency), supervisors (region), sysadmin, and the
# review service's report (service token)
READ_ROLES = ("officer", "agency_admin", "legal_reviewer", "supervisor", "sysadmin", "service")
StatisticsReader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
StatisticsCtx = Annotated[ServiceCtx[Any, Any], Depends(ctx_dependency(StatisticsReader))]


async def undelivered(session: Any, outbox: Any) -> dict[str, int]:
    """This service's outbox rows still pending, per destination platform service."""
    model = outbox.model
    rows = (await session.execute(
        select(model.destination, func.count()).where(model.status == "pending")
        .group_by(model.destination))).all()
    return {d.removeprefix("service:"): int(n) for d, n in rows if d.startswith("service:")}


Extra = Callable[[Any, Period], Awaitable[dict[str, Any]]]  # (ctx, period) → fields


def add_statistics_routes(router: APIRouter, *, name: str, summary: str,
                          registry: Registry | Callable[[Request], Registry],
                          path: str = "/statistics",
                          records_summary: str = "统计指标所计记录（数据溯源）",
                          response_model: type[StatisticsRead] | Any = StatisticsRead,
                          extra: Extra | None = None) -> None:
    """`GET {path}` (operation `<service>_{name}`) and `GET {path}/records`
    (`<service>_{name}_records`). `registry` is the service's figures (or made per request
    from its settings); `extra` adds an endpoint's older fields to the answer."""

    def _registry(request: Request) -> Registry:
        return registry if isinstance(registry, Registry) else registry(request)

    async def statistics(request: Request, ctx: StatisticsCtx,
                         period: PeriodQuery, group_by: GroupBy = None) -> Any:
        reg = _registry(request)
        principal = ctx.principal
        body: dict[str, Any] = {"year": period.year, "scope": period.scope()}
        if group_by == "agency":  # the totals and the groups from the same statements
            body["figures"], groups = await reg.grouped(ctx, period)
            body["groups"] = [AgencyFigures(agency_id=a, figures=groups[a])
                              for a in sorted(groups, key=str)]
            body["empty"] = reg.empty()
        else:
            body["figures"] = await reg.figures(ctx, period)
        if extra is not None:
            body.update(await extra(ctx, period))
        if principal.has("service") or principal.has("sysadmin"):
            body["undelivered_events"] = await undelivered(ctx.session, ctx.outbox)
        return response_model(**body)

    async def records(request: Request, ctx: StatisticsCtx,
                      period: PeriodQuery, key: FigureKey, cursor: str | None = None,
                      limit: Limit = 100) -> RecordsPage:
        return await _registry(request).records(ctx, period, key, cursor, limit)

    router.add_api_route(path, statistics, methods=["GET"], name=name, summary=summary,
                         response_model=response_model, responses=errors.responses(*PROBLEMS))
    router.add_api_route(f"{path}/records", records, methods=["GET"], name=f"{name}_records",
                         summary=records_summary, response_model=RecordsPage,
                         responses=errors.responses(*RECORD_PROBLEMS))
