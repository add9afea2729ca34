"""Every query of merge matching and merged plans. The matching is one self-join of
`spot_check_plan_targets` on (year, target_uscc) — the index `ix_spot_check_plan_targets_
year_uscc` — joined to both plans for their periods and merge state."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, distinct, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from common.principal import Principal
from common.scope import ALL_SEEING, scope_clause
from services.cases.inspections.draws.models import SpotCheckPlan, SpotCheckPlanTarget
from services.cases.inspections.merges.models import JointTask, JointTaskMember, PlanMerge
from services.cases.inspections.models import Inspection

MAX_MATCH_ROWS = 10_000


class MergeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def suggestions(self, principal: Principal, year: int, start: date | None,
                          end: date | None, digits: int) -> list[Any]:
        """Pairs of unmerged plans of different agencies of the same county-level region
        (`digits` leading digits) with overlapping periods that drew the same enterprise:
        one row per (plan pair, enterprise). A supervisor sees pairs whose both plans lie in
        the region; an agency role pairs that involve its own agency."""
        a, b = aliased(SpotCheckPlanTarget), aliased(SpotCheckPlanTarget)
        pa, pb = aliased(SpotCheckPlan), aliased(SpotCheckPlan)
        sa, sb = (scope_clause(principal, t.agency_id, t.region_code) for t in (a, b))
        seen = and_(sa, sb) if principal.has("supervisor", *ALL_SEEING) else or_(sa, sb)
        stmt = (select(a.plan_id, b.plan_id, a.target_uscc, a.target_name, a.target_id,
                       b.target_id)
                .join(b, and_(b.year == a.year, b.target_uscc == a.target_uscc,
                              b.agency_id != a.agency_id, b.plan_id > a.plan_id))
                .join(pa, pa.id == a.plan_id).join(pb, pb.id == b.plan_id)
                .where(a.year == year, seen, pa.merge_id.is_(None), pb.merge_id.is_(None),
                       pa.period_start <= pb.period_end, pb.period_start <= pa.period_end,
                       func.substr(a.region_code, 1, digits)
                       == func.substr(b.region_code, 1, digits))
                .order_by(a.plan_id, b.plan_id, a.target_uscc).limit(MAX_MATCH_ROWS))
        if start is not None:
            stmt = stmt.where(pa.period_end >= start, pb.period_end >= start)
        if end is not None:
            stmt = stmt.where(pa.period_start <= end, pb.period_start <= end)
        return list((await self.session.execute(stmt)).all())

    async def plans(self, ids: Sequence[uuid.UUID], for_update: bool = False
                    ) -> list[SpotCheckPlan]:
        """The named plans, unscoped (the caller applies its scope rule on each)."""
        stmt = select(SpotCheckPlan).where(SpotCheckPlan.id.in_(ids)).order_by(SpotCheckPlan.id)
        if for_update:
            stmt = stmt.with_for_update()
        return list((await self.session.scalars(stmt)).all())

    async def shared_targets(self, plan_ids: Sequence[uuid.UUID]) -> list[SpotCheckPlanTarget]:
        """The plans' drawn enterprises that at least two of their agencies drew."""
        shared = (select(SpotCheckPlanTarget.target_uscc)
                  .where(SpotCheckPlanTarget.plan_id.in_(plan_ids))
                  .group_by(SpotCheckPlanTarget.target_uscc)
                  .having(func.count(distinct(SpotCheckPlanTarget.agency_id)) >= 2))
        return list((await self.session.scalars(select(SpotCheckPlanTarget).where(
            SpotCheckPlanTarget.plan_id.in_(plan_ids),
            SpotCheckPlanTarget.target_uscc.in_(shared)).order_by(
            SpotCheckPlanTarget.target_uscc, SpotCheckPlanTarget.agency_id))).all())

    async def open_inspections(self, plan_ids: Sequence[uuid.UUID], usccs: Sequence[str],
                               statuses: Sequence[str]) -> list[Inspection]:
        """Inspections already registered under the plans for the shared enterprises and not
        yet in a joint task, locked: they join the merge's tasks."""
        return list((await self.session.scalars(select(Inspection).where(
            Inspection.plan_id.in_(plan_ids), Inspection.target_uscc.in_(usccs),
            Inspection.status.in_(statuses), Inspection.joint_task_id.is_(None)).order_by(
            Inspection.id).with_for_update())).all())

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)

    async def get(self, merge_id: uuid.UUID, principal: Principal) -> PlanMerge | None:
        """A merge is seen by whoever sees one of its member agencies' rows."""
        m = JointTaskMember
        return await self.session.scalar(select(PlanMerge).where(
            PlanMerge.id == merge_id, exists().where(
                m.merge_id == PlanMerge.id, scope_clause(principal, m.agency_id,
                                                         m.region_code))))

    async def tasks(self, merge_id: uuid.UUID) -> list[JointTask]:
        return list((await self.session.scalars(select(JointTask).where(
            JointTask.merge_id == merge_id).order_by(JointTask.target_uscc))).all())

    async def members(self, merge_id: uuid.UUID) -> list[JointTaskMember]:
        return list((await self.session.scalars(select(JointTaskMember).where(
            JointTaskMember.merge_id == merge_id).order_by(JointTaskMember.agency_id))).all())

    async def task_inspections(self, task_ids: Sequence[uuid.UUID]) -> list[Any]:
        return list((await self.session.execute(select(
            Inspection.joint_task_id, Inspection.id).where(
            Inspection.joint_task_id.in_(task_ids)).order_by(Inspection.id))).all())

    async def task_for(self, plan_id: uuid.UUID, agency_id: uuid.UUID, uscc: str
                       ) -> tuple[JointTask, PlanMerge] | None:
        """The merged joint task an inspection under `plan_id` of this enterprise belongs to."""
        row = (await self.session.execute(select(JointTask, PlanMerge).join(
            JointTaskMember, JointTaskMember.task_id == JointTask.id).join(
            PlanMerge, PlanMerge.id == JointTask.merge_id).where(
            JointTaskMember.plan_id == plan_id, JointTaskMember.agency_id == agency_id,
            JointTask.target_uscc == uscc))).first()
        return (row[0], row[1]) if row else None

    async def task_member(self, task_id: uuid.UUID, agency_id: uuid.UUID
                          ) -> tuple[JointTask, PlanMerge] | None:
        row = (await self.session.execute(select(JointTask, PlanMerge).join(
            JointTaskMember, JointTaskMember.task_id == JointTask.id).join(
            PlanMerge, PlanMerge.id == JointTask.merge_id).where(
            JointTask.id == task_id, JointTaskMember.agency_id == agency_id))).first()
        return (row[0], row[1]) if row else None

    async def figures(self, principal: Principal, year: int,
                      agency_id: uuid.UUID | None) -> tuple[int, int, int]:
        """(merged plans, merged joint tasks, departments in them) in scope for the year."""
        m = JointTaskMember
        where = [m.year == year, scope_clause(principal, m.agency_id, m.region_code)]
        if agency_id is not None:
            where.append(m.agency_id == agency_id)
        row = (await self.session.execute(select(
            func.count(distinct(m.merge_id)), func.count(distinct(m.task_id)),
            func.count(distinct(m.agency_id))).where(*where))).one()
        return int(row[0]), int(row[1]), int(row[2])
