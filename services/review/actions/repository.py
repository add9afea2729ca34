"""Queries of 监督行动."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, region_prefix
from kit.pagination import keyset_page
from services.review.actions.models import ActionFinding, ActionParticipant, SupervisionAction

A = SupervisionAction


def action_scope(principal: Principal):
    """Supervisors: their region subtree; the all-seeing: all; invited supervisors: only the
    actions they take part in (by account); anyone else nothing."""
    if principal.has(*ALL_SEEING):
        return A.id.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(A.region_code, principal.region_code or "")
    if principal.has("invited_supervisor"):
        return A.id.in_(select(ActionParticipant.action_id).where(
            ActionParticipant.kind == "invited", ActionParticipant.user_id == principal.subject))
    return A.id.is_(None)


class ActionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, action_id: uuid.UUID) -> A | None:
        return await self.session.scalar(select(A).where(A.id == action_id,
                                                         action_scope(principal)))

    async def list(self, principal: Principal, cursor: str | None,
                   limit: int) -> tuple[list[A], str | None]:
        return await keyset_page(self.session, select(A).where(action_scope(principal)),
                                 cursor, limit, (A.created_at, A.id), descending=True)

    async def participants(self, action_id: uuid.UUID) -> list[ActionParticipant]:
        return list(await self.session.scalars(select(ActionParticipant).where(
            ActionParticipant.action_id == action_id).order_by(ActionParticipant.name,
                                                               ActionParticipant.id)))

    async def findings(self, action_id: uuid.UUID) -> list[ActionFinding]:
        return list(await self.session.scalars(select(ActionFinding).where(
            ActionFinding.action_id == action_id).order_by(ActionFinding.at, ActionFinding.id)))

    def add(self, row: object) -> None:
        self.session.add(row)
