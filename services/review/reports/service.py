"""Annual report rules (issue 14).

Decisions where the issue is silent:
- who: a supervisor makes reports for their region or any sub-region, or for an agency whose
  REAL region (personnel) lies in it; an agency_admin only for their own agency; sysadmin any.
  Reading follows the one scope rule (`scope_clause`): agency roles see their agency's reports,
  supervisors their region's;
- versions: `POST` for a scope, kind and year that has reports makes version n+1 linked to the
  latest (`replaces_id`); a replaced draft is `superseded` at once, a replaced finalised
  version when the new one is finalised. Finalised and superseded versions never change;
- year-over-year: the previous year's current finalised snapshot of the same scope (same kind
  first), frozen into each figure (`previous`, `change`) when the report is made;
- 填报单位 (`scope_name`, the XLSX/CSV unit and the default issuer): an agency report names
  the agency (personnel); a region report names the people's government of that region (the
  agency at exactly that region code whose kind is `township_government`), else its one
  top-level agency at that code, else "辖区 <code>"."""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from common.principal import Principal
from common.scope import AgencyRegionLookup, check_agency_region, in_region
from kit.db import utcnow
from services.review.clients import StatisticsClient
from services.review.context import Ctx
from services.review.reports import errors
from services.review.reports.figures import gather, with_previous
from services.review.reports.models import AnnualReport
from services.review.reports.repository import ReportRepository
from services.review.reports.schemas import KIND_NAMES, Narrative, ReportCreate

FROZEN = ("finalised", "superseded")
GOVERNMENT_KINDS = ("township_government",)


class UnitNames(Protocol):
    async def agencies(self, region_code: str) -> list[dict[str, Any]]: ...

    async def agency(self, agency_id: Any) -> dict[str, Any] | None: ...


def region_unit(region: str, agencies: list[dict[str, Any]]) -> str | None:
    """The 填报单位 of a region: its people's government, else its one top-level agency."""
    here = [a for a in agencies if a.get("region_code") == region]
    government = [a for a in here if a.get("kind") in GOVERNMENT_KINDS]
    top = [a for a in here if not a.get("parent_id")]
    for pick in (government, top):
        if len(pick) == 1:
            return str(pick[0].get("name") or "") or None
    return None


async def unit_of(names: UnitNames | None, region: str, agency: uuid.UUID | None) -> str:
    if names is None:
        return ""
    if agency is not None:
        found = await names.agency(agency)
        return str((found or {}).get("name") or "")
    return region_unit(region, await names.agencies(region)) or ""


async def _scope(principal: Principal, body: ReportCreate,
                 regions: AgencyRegionLookup) -> tuple[str, str, uuid.UUID | None]:
    """(scope_key, region_code, agency_id) after the scope checks."""
    if (body.agency_id is None) == (body.region_code is None):
        raise errors.ReportScopeInvalid("agency_id 与 region_code 须且只须指定一项")
    if body.region_code is not None:
        if principal.has("sysadmin") or (principal.has("supervisor") and in_region(
                body.region_code, principal.region_code)):
            return f"region:{body.region_code}", body.region_code, None
        raise errors.ReportOutOfScope(f"辖区 {body.region_code} 不在本人辖区内")
    agency = body.agency_id
    if principal.has("supervisor") or principal.has("sysadmin"):
        real = await check_agency_region(principal, agency, regions) or await regions(agency)
    elif principal.has("agency_admin") and str(principal.agency_id) == str(agency):
        real = await regions(agency)
    else:
        raise errors.ReportOutOfScope("只能为本单位生成年度报告")
    if real is None:
        raise errors.ReportScopeInvalid(f"执法机关 {agency} 不存在")
    return f"agency:{agency}", real, agency


async def create(ctx: Ctx, body: ReportCreate, regions: AgencyRegionLookup) -> AnnualReport:
    """A new version for the scope, from the statistics of the configured sources (asked
    with review's service token), the 填报单位 named by personnel."""
    session, principal = ctx.session, ctx.principal
    stats = StatisticsClient(ctx.up)
    scope_key, region, agency = await _scope(principal, body, regions)
    params: dict[str, Any] = {"year": body.year}
    params.update({"agency_id": str(agency)} if agency else {"region_code": region})
    figures, skipped, pending = await gather(stats, ctx.settings.report_statistics_sources,
                                             params)
    repo = ReportRepository(session)
    last_year = await repo.finalised_of_year(scope_key, body.year - 1, body.kind)
    figures = with_previous(figures, last_year.figures if last_year else None)
    latest = await repo.latest(scope_key, body.kind, body.year)
    report = AnnualReport(
        year=body.year, kind=body.kind, agency_id=agency, region_code=region,
        scope_key=scope_key, scope_name=await unit_of(stats, region, agency), status="draft",
        number=(latest.number + 1) if latest else 1,
        replaces_id=latest.id if latest else None, figures=figures,
        narrative={**(latest.narrative if latest else {})},
        previous_year_id=last_year.id if last_year else None, made_by=principal.subject,
        made_at=utcnow())
    report.narrative["skipped_sources"] = skipped
    report.narrative["pending_events"] = pending
    if latest is not None and latest.status == "draft":
        latest.status = "superseded"
    session.add(report)
    await session.flush()
    return report


async def load(ctx: Ctx, report_id: uuid.UUID, for_update: bool = False) -> AnnualReport:
    report = await ReportRepository(ctx.session).get_scoped(ctx.principal, report_id,
                                                            for_update)
    if report is None:
        raise errors.ReportNotFound(f"年度报告 {report_id} 不存在或不在您的管辖范围内")
    return report


def may_edit(principal: Principal, report: AnnualReport) -> bool:
    """Writers: the agency's admin for an agency report, supervisors of the region, sysadmin."""
    if principal.has("sysadmin"):
        return True
    if principal.has("supervisor"):
        return in_region(report.region_code, principal.region_code)
    return principal.has("agency_admin") and report.agency_id is not None and str(
        principal.agency_id) == str(report.agency_id)


def _writable(principal: Principal, report: AnnualReport) -> None:
    if not may_edit(principal, report):
        raise errors.ReportOutOfScope("无权修改该年度报告")
    if report.status in FROZEN:
        raise errors.ReportFinalised(f"第 {report.number} 版已{_status_name(report)}，不得修改",
                                     rule=errors.ReportFinalised.article,
                                     report_status=report.status)


def _status_name(report: AnnualReport) -> str:
    return {"finalised": "定稿", "superseded": "被新版本替代"}.get(report.status, report.status)


def update_narrative(principal: Principal, report: AnnualReport, body: Narrative) -> None:
    _writable(principal, report)
    data = dict(report.narrative)
    for key, value in body.model_dump(exclude_unset=True, mode="json").items():
        data[key] = value
    report.narrative = data
    if "issued_on" in body.model_fields_set:
        report.issued_on = body.issued_on


async def finalise(ctx: Ctx, report: AnnualReport, tables: list[dict[str, Any]]) -> None:
    """定稿: frozen from now on; the version it replaces is superseded; publicity is told
    (`annual_report.finalised`, the 统计年报 tables are public by 31 January, §4.1)."""
    session, principal = ctx.session, ctx.principal
    _writable(principal, report)
    report.status, report.finalised_by, report.finalised_at = (
        "finalised", principal.subject, utcnow())
    if report.replaces_id is not None:
        old = await ReportRepository(session).get(report.replaces_id)
        if old is not None and old.status == "finalised":
            old.status = "superseded"
    await session.flush()
    await ctx.outbox.emit(session, "annual_report.finalised", {
        "report_id": str(report.id), "year": report.year, "kind": report.kind,
        "kind_name": KIND_NAMES.get(report.kind, report.kind), "number": report.number,
        "replaces_id": str(report.replaces_id) if report.replaces_id else None,
        "agency_id": str(report.agency_id) if report.agency_id else None,
        "region_code": report.region_code,
        "finalised_at": report.finalised_at.isoformat(), "tables": tables},
        aggregate_id=str(report.id))


def figure(report: AnnualReport, key: str) -> dict[str, Any]:
    for fig in report.figures:
        if fig["key"] == key:
            return fig
    raise errors.FigureNotFound(f"报告中没有数据项 {key}")


def read_model(report: AnnualReport) -> dict[str, Any]:
    narrative = {k: v for k, v in report.narrative.items()
                 if k not in ("skipped_sources", "pending_events")}
    return {
        "id": report.id, "year": report.year, "kind": report.kind,
        "kind_name": KIND_NAMES.get(report.kind, report.kind), "agency_id": report.agency_id,
        "region_code": report.region_code, "scope_key": report.scope_key,
        "status": report.status, "number": report.number, "replaces_id": report.replaces_id,
        "previous_year_id": report.previous_year_id, "made_by": report.made_by,
        "made_at": report.made_at, "finalised_at": report.finalised_at,
        "narrative": narrative,
        "skipped_sources": report.narrative.get("skipped_sources", []),
        "pending_events": report.narrative.get("pending_events") or {},
        "scope_name": report.scope_name,
        "figures": report.figures}
