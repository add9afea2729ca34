"""Queries of 案卷评查."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from services.review.evaluation.models import EvaluationBatch, EvaluationFile, EvaluationRubric
from services.review.repository import region_prefix


def batch_scope(principal: Principal):
    if principal.has("sysadmin"):
        return EvaluationBatch.id.is_not(None)
    return region_prefix(EvaluationBatch.region_code, principal.region_code or "")


class EvaluationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def rubric(self, rubric_id: uuid.UUID) -> EvaluationRubric | None:
        return await self.session.get(EvaluationRubric, rubric_id)

    async def next_rubric_version(self, code: str) -> int:
        current = await self.session.scalar(
            select(EvaluationRubric.version).where(EvaluationRubric.code == code)
            .order_by(EvaluationRubric.version.desc()).limit(1))
        return (current or 0) + 1

    async def batch(self, principal: Principal, batch_id: uuid.UUID) -> EvaluationBatch | None:
        return await self.session.scalar(select(EvaluationBatch).where(
            EvaluationBatch.id == batch_id, batch_scope(principal)))

    async def files(self, batch_id: uuid.UUID) -> list[EvaluationFile]:
        return list((await self.session.scalars(
            select(EvaluationFile).where(EvaluationFile.batch_id == batch_id)
            .order_by(EvaluationFile.agency_id, EvaluationFile.draw_index))).all())

    async def file(self, batch_id: uuid.UUID, file_id: uuid.UUID) -> EvaluationFile | None:
        return await self.session.scalar(select(EvaluationFile).where(
            EvaluationFile.id == file_id, EvaluationFile.batch_id == batch_id)
            .with_for_update())
