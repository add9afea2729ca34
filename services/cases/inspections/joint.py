"""Joint inspections (联合检查 / 综合查一次, 国办发〔2024〕54号: 能合并检查的，不得重复检查；
能联合检查的，不得多头检查): several agencies' planned inspections of the same enterprise are
merged into one joint task, so the enterprise is visited once. The first agency opens a task
(`POST /inspections/{id}/join` without `joint_task_id`); each other agency joins its own
inspection to it (with the task id, which the 多头/重复 flag `possible_duplicate` suggests).
An agency only ever writes its own inspection; a task accepts members of the same enterprise
(统一社会信用代码) planned within `CASES_INSPECTION_DUPLICATE_WINDOW_DAYS` of each other, or —
for a merged plan's task (`inspections.merges`) — an inspection of the task's enterprise by
one of the task's agencies, counted toward its cap as the merge says."""

from __future__ import annotations

import uuid
from datetime import timedelta

from services.cases.context import Ctx
from services.cases.inspections import schemas
from services.cases.inspections.errors import InspectionActionNotAllowed, JointTaskInvalid
from services.cases.inspections.merges.repository import MergeRepository
from services.cases.inspections.merges.service import count_rule
from services.cases.inspections.models import Inspection
from services.cases.inspections.repository import InspectionRepository
from services.cases.inspections.service import record

JOINT_RULE = "国办发〔2024〕54号：能合并检查的，不得重复检查；能联合检查的，不得多头检查"
OPEN = ("planned", "approved", "notified")


async def join(ctx: Ctx, i: Inspection, body: schemas.JoinBody) -> None:
    if i.status not in OPEN:
        raise InspectionActionNotAllowed(f"检查当前状态为“{i.status}”，已不能并入联合检查",
                                         rule=JOINT_RULE, inspection_status=i.status,
                                         allowed_actions=[])
    if not i.target_uscc:
        raise JointTaskInvalid("只有以企业（统一社会信用代码）为对象的检查可以并入联合检查",
                               rule=JOINT_RULE)
    task = body.joint_task_id or uuid.uuid4()
    merged = (await MergeRepository(ctx.session).task_member(task, i.agency_id)
              if body.joint_task_id is not None else None)
    if merged is not None:  # a merged plan's task (综合查一次) names its agencies and enterprise
        if merged[0].target_uscc != i.target_uscc:
            raise JointTaskInvalid("该联合检查任务的检查对象与本次检查不符", rule=JOINT_RULE,
                                   joint_task_id=str(task))
        count_rule(merged[1], i)
        i.flags = [f for f in i.flags if f.get("kind") != "possible_duplicate"]
    elif body.joint_task_id is not None:
        members = [m for m in await InspectionRepository(ctx.session).joint_members(task)
                   if m.id != i.id]
        window = timedelta(days=ctx.settings.inspection_duplicate_window_days)
        if not members or any(m.target_uscc != i.target_uscc or
                              abs(m.planned_on - i.planned_on) > window for m in members):
            raise JointTaskInvalid("该联合检查任务不存在，或其检查对象、时间与本次检查不符",
                                   rule=JOINT_RULE, joint_task_id=str(task))
        joined = {str(m.agency_id) for m in members}
        i.flags = [f for f in i.flags if not (f.get("kind") == "possible_duplicate" and
                                              set(f.get("agency_ids", [])) <= joined)]
    i.joint_task_id = task
    await record(ctx, i, "join", {"joint_task_id": str(task), "opened": body.joint_task_id
                                  is None, **({"merge_id": str(merged[1].id)} if merged else {})})
