"""HTTP surface of 案卷评查: rubrics, batches (seeded draw), scoring, ranking and 通报."""

import uuid

from fastapi import APIRouter

from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.review.context import Ctx
from services.review.dependencies import AgencyRegions, EvaluationReaderCtx, SupervisorCtx
from services.review.evaluation import errors, service
from services.review.evaluation.models import EvaluationRubric
from services.review.evaluation.schemas import (
    BatchCreate,
    BatchRead,
    Bulletin,
    FileRead,
    Ranking,
    RubricCreate,
    RubricRead,
    ScoreRequest,
)

router = APIRouter(prefix="/api/v1/review", tags=["evaluation"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


def _rubric(r: EvaluationRubric) -> RubricRead:
    out = RubricRead.model_validate(r)
    out.total_points = sum(i.max_points for i in out.scored_items)
    return out


@router.post("/evaluation-rubrics", response_model=RubricRead, status_code=201,
             responses=kit_errors.responses(*AUTH, kit_errors.ValidationFailed),
             summary="发布评查标准（同一 code 再次发布即为新版本）")
async def create_evaluation_rubric(body: RubricCreate, ctx: SupervisorCtx) -> RubricRead:
    return _rubric(await service.create_rubric(ctx, body))


@router.post("/evaluation-batches", response_model=BatchRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.RubricNotFound, AgencyOutOfScope,
                                            kit_errors.ServiceUnavailable,
                                            kit_errors.ValidationFailed),
             summary="创建评查批次：按种子从各单位已结案件中随机抽取案卷")
async def create_evaluation_batch(body: BatchCreate, ctx: SupervisorCtx,
                                  regions: AgencyRegions) -> BatchRead:
    batch = await service.create_batch(ctx, body, regions)
    return await _batch_read(ctx, batch.id)


@router.get("/evaluation-batches/{batch_id}", response_model=BatchRead,
            responses=kit_errors.responses(*AUTH, errors.BatchNotFound),
            summary="评查批次及抽中的案卷")
async def get_evaluation_batch(batch_id: uuid.UUID, ctx: SupervisorCtx) -> BatchRead:
    return await _batch_read(ctx, batch_id)


async def _batch_read(ctx: Ctx, batch_id: uuid.UUID) -> BatchRead:
    batch = await service.load_batch(ctx, batch_id)
    files = await service.batch_files(ctx.session, batch)
    out = BatchRead.model_validate(batch)
    out.draw_algorithm = service.DRAW_ALGORITHM
    out.files = [FileRead.model_validate(f) for f in files]
    return out


@router.post("/evaluation-batches/{batch_id}/files/{file_id}/score", response_model=FileRead,
             responses=kit_errors.responses(*AUTH, errors.BatchNotFound,
                                            errors.EvaluationFileNotFound, errors.ScoreInvalid),
             summary="评查人员对一卷评分（否决项 + 扣分）")
async def score_evaluation_file(batch_id: uuid.UUID, file_id: uuid.UUID, body: ScoreRequest,
                                ctx: SupervisorCtx) -> FileRead:
    return FileRead.model_validate(await service.score_file(ctx, batch_id, file_id, body))


@router.get("/evaluation-batches/{batch_id}/ranking", response_model=Ranking,
            responses=kit_errors.responses(*AUTH, errors.BatchNotFound),
            summary="各单位评查结果排名")
async def get_evaluation_ranking(batch_id: uuid.UUID, ctx: EvaluationReaderCtx) -> Ranking:
    batch = await service.load_batch(ctx, batch_id)
    files = await service.batch_files(ctx.session, batch)
    return Ranking(batch_id=batch.id, complete=all(f.status == "scored" for f in files),
                   agencies=service.rank(batch, files))


@router.get("/evaluation-batches/{batch_id}/bulletin", response_model=Bulletin,
            responses=kit_errors.responses(*AUTH, errors.BatchNotFound),
            summary="评查通报（各单位问题清单，含中文文本）")
async def get_evaluation_bulletin(batch_id: uuid.UUID, ctx: EvaluationReaderCtx) -> Bulletin:
    batch = await service.load_batch(ctx, batch_id)
    files = await service.batch_files(ctx.session, batch)
    ranks = service.rank(batch, files)
    return Bulletin(batch_id=batch.id, title=f"关于{batch.name}情况的通报",
                    complete=all(f.status == "scored" for f in files), agencies=ranks,
                    text=service.bulletin_text(batch, ranks))
