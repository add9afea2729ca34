"""评议考核 (行政处罚法 Art.75 "执法评议、考核"; seed 003 §四: 执法办案数量、质量、效果;
issue 15 point 6): per year and region, each agency scored from the services' statistics
endpoints, weighted, ranked, published internally.

Decisions where the issue is silent:
- one assessment per region and year; a supervisor of the region (or sysadmin) makes it; it
  is computed when made and recomputed on `POST …/recompute` while a draft (the figures are
  fetched again, so a changed figure changes the ranking); `finalise` freezes it;
- the indicator set is the settings' default scheme (`assessment_indicators`) unless the
  request names one; the scheme used is stored with the assessment;
- figures come over HTTP with review's service token, per agency of the region
  (`reports.dashboard.per_agency`, the same gathering as the 数据驾驶舱);
- agency admins read finalised assessments that rank their agency (内部通报), whole."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import in_region
from kit.db import utcnow
from services.review.assessment import errors
from services.review.assessment.models import AssessmentScore, PerformanceAssessment
from services.review.assessment.repository import AssessmentRepository
from services.review.assessment.schemas import AssessmentCreate, Indicator
from services.review.assessment.scoring import score
from services.review.clients import StatisticsClient
from services.review.context import Ctx
from services.review.reports.dashboard import per_agency


def indicator_set(body: AssessmentCreate, default: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chosen = body.indicators if body.indicators is not None else [
        Indicator.model_validate(i) for i in default]
    keys = [i.key for i in chosen]
    if len(set(keys)) != len(keys):
        raise errors.IndicatorsInvalid("同一统计指标不得重复设置")
    return [i.model_dump(mode="json") for i in chosen]


async def _compute(ctx: Ctx, assessment: PerformanceAssessment) -> None:
    """Scores from the services' statistics (review's service token), per agency."""
    s = ctx.settings
    agencies, figures, calls = await per_agency(
        StatisticsClient(ctx.up), s.report_statistics_sources, assessment.region_code,
        assessment.year, s.report_dashboard_concurrency)
    rows = score(agencies, figures, assessment.indicators)
    assessment.calls = calls
    await AssessmentRepository(ctx.session).replace_scores(assessment.id, [
        AssessmentScore(id=uuid.uuid4(), assessment_id=assessment.id,
                        agency_id=uuid.UUID(r["agency_id"]), agency_name=r["agency_name"],
                        rank=r["rank"], total=r["total"], dimensions=r["dimensions"],
                        details=r["details"]) for r in rows])


async def create(ctx: Ctx, body: AssessmentCreate) -> PerformanceAssessment:
    """The indicators are the request's, else the settings' `assessment_indicators`."""
    session, principal = ctx.session, ctx.principal
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not in_region(region, principal.region_code):
        raise errors.AssessmentOutOfRegion(f"辖区 {region} 不在本人辖区内")
    indicators = indicator_set(body, ctx.settings.assessment_indicators)
    repo = AssessmentRepository(session)
    if await repo.of_year(region, body.year) is not None:
        raise errors.AssessmentExists(f"辖区 {region} 的 {body.year} 年度评议考核已存在",
                                      rule=errors.AssessmentExists.article)
    now = utcnow()
    assessment = PerformanceAssessment(
        id=uuid.uuid4(), year=body.year, region_code=region, status="draft",
        indicators=indicators, calls=0, computed_by=principal.subject, computed_at=now,
        created_by=principal.subject)
    repo.add(assessment)
    await session.flush()
    await _compute(ctx, assessment)
    return assessment


async def load(ctx: Ctx, assessment_id: uuid.UUID,
               for_update: bool = False) -> PerformanceAssessment:
    row = await AssessmentRepository(ctx.session).get_scoped(ctx.principal, assessment_id,
                                                             for_update)
    if row is None:
        raise errors.AssessmentNotFound(f"评议考核 {assessment_id} 不存在或不在您的管辖范围内")
    return row


def _writable(principal: Principal, assessment: PerformanceAssessment) -> None:
    if not principal.has("sysadmin") and not (principal.has("supervisor") and in_region(
            assessment.region_code, principal.region_code)):
        raise errors.AssessmentOutOfRegion("只有本辖区监督机构可以计算或定稿评议考核")
    if assessment.status == "finalised":
        raise errors.AssessmentFinalised("评议考核已定稿", rule=errors.AssessmentFinalised.article)


async def recompute(ctx: Ctx, assessment: PerformanceAssessment) -> None:
    _writable(ctx.principal, assessment)
    assessment.computed_by, assessment.computed_at = ctx.principal.subject, utcnow()
    await _compute(ctx, assessment)


async def finalise(ctx: Ctx, assessment: PerformanceAssessment) -> None:
    _writable(ctx.principal, assessment)
    assessment.status, assessment.finalised_by, assessment.finalised_at = (
        "finalised", ctx.principal.subject, utcnow())
    await ctx.session.flush()


async def read_model(session: AsyncSession, assessment: PerformanceAssessment
                     ) -> dict[str, Any]:
    scores = await AssessmentRepository(session).scores(assessment.id)
    return {
        "id": assessment.id, "year": assessment.year, "region_code": assessment.region_code,
        "status": assessment.status, "indicators": assessment.indicators,
        "calls": assessment.calls, "computed_by": assessment.computed_by,
        "computed_at": assessment.computed_at, "finalised_by": assessment.finalised_by,
        "finalised_at": assessment.finalised_at,
        "ranking": [{"agency_id": s.agency_id, "agency_name": s.agency_name, "rank": s.rank,
                     "total": s.total, "dimensions": s.dimensions, "details": s.details}
                    for s in scores]}


async def page(ctx: Ctx, year: int | None, cursor: str | None,
               limit: int) -> tuple[list[Any], str | None]:
    """Assessments the caller may read, one keyset page."""
    rows, nxt = await AssessmentRepository(ctx.session).list(ctx.principal, year, cursor, limit)
    return list(rows), nxt
