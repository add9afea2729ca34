"""HTTP surface of 法制审核, reviewer profiles and the 重大执法决定目录."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import (
    AgencyRegions,
    LegalReviewerCtx,
    LinkedConsultations,
    MajorCheckCallerCtx,
    ReviewAdminCtx,
    ReviewAssignerCtx,
    ReviewReaderCtx,
)
from services.review.legal import errors, service
from services.review.legal.models import LegalReview
from services.review.legal.schemas import (
    AssignRequest,
    CatalogueCreate,
    CatalogueRead,
    LegalReviewDetail,
    LegalReviewRead,
    LinkedConsultation,
    MajorDecisionCheck,
    MajorDecisionResult,
    OpinionRequest,
    ReviewerCreate,
    ReviewerRead,
)

router = APIRouter(prefix="/api/v1/review", tags=["legal-review"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


def _read(review: LegalReview) -> LegalReviewRead:
    out = LegalReviewRead.model_validate(review)
    out.is_overdue = service.is_overdue(review)
    return out


@router.post("/reviewers", response_model=ReviewerRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ReviewerExists, AgencyOutOfScope,
                                            kit_errors.ValidationFailed),
             summary="登记法制审核人员（含外聘法律顾问）")
async def create_reviewer(body: ReviewerCreate, ctx: ReviewAdminCtx,
                          regions: AgencyRegions) -> ReviewerRead:
    return ReviewerRead.model_validate(await service.create_reviewer(ctx, body, regions))


@router.get("/reviewers", response_model=list[ReviewerRead],
            responses=kit_errors.responses(*AUTH), summary="本单位/本辖区的审核人员")
async def list_reviewers(ctx: ReviewReaderCtx) -> list[ReviewerRead]:
    rows = await service.list_reviewers(ctx)
    return [ReviewerRead.model_validate(r) for r in rows]


@router.get("/legal-reviews", response_model=Page[LegalReviewRead],
            responses=kit_errors.responses(*AUTH, kit_errors.BadRequest),
            summary="法制审核队列（status=pending 待审；mine=true 仅本人；overdue=true 已逾期）")
async def list_legal_reviews(
        ctx: ReviewReaderCtx,
        status: Annotated[str | None, Query(pattern="^(pending|completed)$")] = None,
        mine: bool = False, overdue: bool = False, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[LegalReviewRead]:
    rows, next_cursor = await service.list_reviews(
        ctx, status=status, mine=mine, overdue=overdue, cursor=cursor, limit=limit)
    return Page[LegalReviewRead](items=[_read(r) for r in rows], next_cursor=next_cursor,
                                 limit=limit)


@router.get("/legal-reviews/{review_id}", response_model=LegalReviewDetail,
            responses=kit_errors.responses(*AUTH, errors.LegalReviewNotFound),
            summary="一次法制审核（含审核申请材料与意见，及本审核或本案的案件会商与书面意见摘要）")
async def get_legal_review(review_id: uuid.UUID, ctx: ReviewReaderCtx,
                           linked: LinkedConsultations) -> LegalReviewDetail:
    review = await service.load_review(ctx, review_id)
    out = LegalReviewDetail.model_validate(review)
    out.is_overdue = service.is_overdue(review)
    out.consultations = [LinkedConsultation.model_validate(c) for c in await linked(
        ctx, review.id, review.case_id)]
    return out


@router.post("/legal-reviews/{review_id}/assign", response_model=LegalReviewRead,
             responses=kit_errors.responses(*AUTH, errors.LegalReviewNotFound,
                                            errors.ReviewAlreadyCompleted,
                                            errors.ReviewerNotFound, errors.ReviewerRecused,
                                            errors.ReviewerNotQualified,
                                            errors.ReviewerOutOfScope,
                                            kit_errors.ServiceUnavailable),
             summary="分配审核人员（回避与法律职业资格检查）")
async def assign_legal_review(review_id: uuid.UUID, body: AssignRequest,
                              ctx: ReviewAssignerCtx) -> LegalReviewRead:
    return _read(await service.assign_review(ctx, review_id, body.reviewer_id))


@router.post("/legal-reviews/{review_id}/opinion", response_model=LegalReviewRead,
             responses=kit_errors.responses(*AUTH, errors.LegalReviewNotFound,
                                            errors.ReviewAlreadyCompleted,
                                            errors.ReviewNotAssigned,
                                            errors.ChecklistInconsistent,
                                            errors.ReviewerRecused,
                                            kit_errors.ValidationFailed,
                                            kit_errors.ServiceUnavailable),
             summary="出具法制审核意见书（十项审核要点 + 结论）")
async def record_legal_review_opinion(review_id: uuid.UUID, body: OpinionRequest,
                                      ctx: LegalReviewerCtx) -> LegalReviewRead:
    return _read(await service.record_opinion(ctx, review_id, body))


@router.post("/major-decision-checks", response_model=MajorDecisionResult, status_code=200,
             responses=kit_errors.responses(*AUTH, kit_errors.ValidationFailed),
             summary="拟作决定是否属于重大执法决定（按单位/辖区目录，未配置时用默认目录）")
async def check_major_decision(body: MajorDecisionCheck,
                               ctx: MajorCheckCallerCtx) -> MajorDecisionResult:
    return await service.check_major(ctx.session, body)


@router.post("/major-decision-catalogues", response_model=CatalogueRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.CatalogueScopeDenied, AgencyOutOfScope,
                                            kit_errors.ValidationFailed),
             summary="发布重大执法决定目录的新版本（单位或辖区）")
async def create_major_decision_catalogue(body: CatalogueCreate, ctx: ReviewAdminCtx,
                                          regions: AgencyRegions) -> CatalogueRead:
    return CatalogueRead.model_validate(await service.create_catalogue(ctx, body, regions))
