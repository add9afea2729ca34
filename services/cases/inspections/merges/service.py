"""综合查一次 (国办发〔2024〕54号: 能合并检查的，不得重复检查；能联合检查的，不得多头检查):

- **matching** (`suggest`): plans of different agencies in the same county-level region
  (`CASES_INSPECTION_MERGE_REGION_DIGITS`), with overlapping periods, whose draws picked the
  same enterprise (统一社会信用代码) — one indexed self-join (`MergeRepository.suggestions`);
- **the merge** (`create_merge`): decided by the district supervisor (执法监督, the body that
  coordinates 综合查一次 across departments — 宁波市政府令第280号第五条, 深圳 联合入企), not by
  consent of each agency head: one decision, no half-agreed merge. The plans must be of ≥2
  agencies, one year, one region, a common period, share a drawn enterprise, and not be merged
  already. It creates one joint task per shared enterprise with the participating agencies;
  inspections already registered under the plans for that enterprise join the task, and later
  ones join it on registration, so the enterprise is visited once;
- **counting**: the enterprise's visit burden counts a joint task once; toward each agency's
  cap as `CASES_INSPECTION_JOINT_CAP_COUNTING` says ("each" by default, or "lead"), stored
  on the merge when it is made;
- **publicity**: the merged task is announced as a 任务公告 (`inspection.task_announced`)."""

from __future__ import annotations

import uuid
from datetime import date
from itertools import groupby

from common.scope import check_agency_region, parse_uuid, sees_row
from kit import errors
from kit.db import new_id
from services.cases.clients import agency_regions
from services.cases.context import Ctx
from services.cases.inspections import service as inspections
from services.cases.inspections.catalogue.repository import ItemRepository
from services.cases.inspections.disclosure import announce_merge
from services.cases.inspections.draws.models import SpotCheckPlan
from services.cases.inspections.errors import SpotCheckPlanNotFound
from services.cases.inspections.merges import schemas
from services.cases.inspections.merges.errors import (
    DECIDER_RULE,
    MERGE_RULE,
    SCOPE_RULE,
    PlanAlreadyMerged,
    PlanMergeNotFound,
    PlanMergeRefused,
)
from services.cases.inspections.merges.models import JointTask, JointTaskMember, PlanMerge
from services.cases.inspections.merges.repository import MergeRepository
from services.cases.inspections.models import Inspection

OPEN = ("planned", "approved", "notified")
MEMBER_EXEMPTION = "joint_inspection_member"
SUGGESTION_ROLES = ("supervisor", "agency_admin", "sysadmin", "service")


async def suggest(ctx: Ctx, year: int, start: date | None, end: date | None
                  ) -> schemas.MergeSuggestions:
    p = ctx.principal
    if not p.has(*SUGGESTION_ROLES):
        raise errors.Forbidden("合并建议仅向执法监督机构和执法机关管理员提供")
    repo = MergeRepository(ctx.session)
    rows = await repo.suggestions(p, year, start, end, ctx.settings.inspection_merge_region_digits)
    plans = {pl.id: pl for pl in await repo.plans({r[0] for r in rows} | {r[1] for r in rows})}
    items = []
    for (a, b), group in groupby(rows, key=lambda r: (r[0], r[1])):
        pa, pb = plans[a], plans[b]
        items.append(schemas.MergeSuggestion(
            plans=[brief(pa), brief(pb)],
            overlap_start=max(pa.period_start, pb.period_start),
            overlap_end=min(pa.period_end, pb.period_end),
            targets=[schemas.SharedTarget(target_uscc=r[2], target_name=r[3],
                                          target_ids={str(a): r[4], str(b): r[5]})
                     for r in group]))
    return schemas.MergeSuggestions(year=year, items=items, rule=MERGE_RULE)


def brief(pl: SpotCheckPlan) -> schemas.PlanBrief:
    return schemas.PlanBrief(plan_id=pl.id, agency_id=pl.agency_id, name=pl.name,
                             period_start=pl.period_start, period_end=pl.period_end)


async def _load(ctx: Ctx, ids: list[uuid.UUID]) -> list[SpotCheckPlan]:
    """The named plans, locked, each in the supervisor's region and its agency's real region
    (personnel) too; an unknown or out-of-scope plan is not found."""
    p = ctx.principal
    plans = {pl.id: pl for pl in await MergeRepository(ctx.session).plans(ids, for_update=True)}
    missing = [str(x) for x in ids if x not in plans or not sees_row(
        p, plans[x].agency_id, plans[x].region_code)]
    if missing:
        raise SpotCheckPlanNotFound("抽查计划不存在或不在本人管辖范围内", rule=SCOPE_RULE,
                                    plan_ids=missing)
    lookup = agency_regions(ctx.up)
    for agency in sorted({pl.agency_id for pl in plans.values()}):
        await check_agency_region(p, agency, lookup)
    return [plans[x] for x in ids]


def _check(ctx: Ctx, plans: list[SpotCheckPlan], lead: uuid.UUID | None
           ) -> tuple[list[uuid.UUID], date, date, uuid.UUID]:
    ids = [str(pl.id) for pl in plans]

    def refuse(reason: str, detail: str) -> PlanMergeRefused:
        return PlanMergeRefused(detail, rule=MERGE_RULE, reason=reason, plan_ids=ids)

    merged = [pl for pl in plans if pl.merge_id is not None]
    if merged:
        raise PlanAlreadyMerged("计划已合并为综合查一次，不得再次合并", rule=MERGE_RULE,
                                plan_ids=[str(pl.id) for pl in merged],
                                merge_ids=sorted({str(pl.merge_id) for pl in merged}))
    agencies = list(dict.fromkeys(pl.agency_id for pl in plans))
    digits = ctx.settings.inspection_merge_region_digits
    if len(agencies) < 2:
        raise refuse("single_agency", "综合查一次须合并两个以上执法机关的计划")
    if len({pl.year for pl in plans}) > 1:
        raise refuse("years_differ", "所列计划不属同一年度")
    if len({pl.region_code[:digits] for pl in plans}) > 1:
        raise refuse("regions_differ", "所列计划不属同一区县（属地管辖）")
    start, end = max(pl.period_start for pl in plans), min(pl.period_end for pl in plans)
    if start > end:
        raise refuse("periods_disjoint", "所列计划的实施期间没有共同的时段")
    lead = lead or agencies[0]
    if lead not in agencies:
        raise refuse("lead_not_participating", "牵头机关须为参与合并的机关之一")
    return agencies, start, end, lead


async def create_merge(ctx: Ctx, body: schemas.MergeCreate) -> PlanMerge:
    p = ctx.principal
    if not p.has("supervisor", "sysadmin"):
        raise errors.Forbidden("综合查一次的合并由区县执法监督机构决定", rule=DECIDER_RULE)
    plans = await _load(ctx, body.plan_ids)
    agencies, start, end, lead = _check(ctx, plans, body.lead_agency_id)
    repo = MergeRepository(ctx.session)
    shared = await repo.shared_targets(body.plan_ids)
    if not shared:
        raise PlanMergeRefused("所列计划没有抽中同一企业，无须合并", rule=MERGE_RULE,
                               reason="no_shared_target", plan_ids=[str(x) for x in body.plan_ids])
    digits = ctx.settings.inspection_merge_region_digits
    merge = PlanMerge(id=new_id("inspection_plan_merges"),
                      region_code=plans[0].region_code[:digits], year=plans[0].year,
                      period_start=start, period_end=end, plan_ids=[str(x) for x in body.plan_ids],
                      agency_ids=[str(a) for a in agencies], lead_agency_id=lead,
                      cap_counting=ctx.settings.inspection_joint_cap_counting, note=body.note,
                      decided_by=p.username or p.subject)
    repo.add(merge)
    await ctx.session.flush()  # no ORM relationships: parents are flushed first
    tasks: dict[str, JointTask] = {}
    members: dict[str, set[uuid.UUID]] = {}
    for uscc, rows in groupby(shared, key=lambda r: r.target_uscc):
        rows = list(rows)
        named = next((r for r in rows if r.agency_id == lead), rows[0])  # the lead's registry
        task = tasks[uscc] = JointTask(id=new_id("inspection_joint_tasks"), merge_id=merge.id,
                                       region_code=merge.region_code, year=merge.year,
                                       target_uscc=uscc, target_name=named.target_name)
        repo.add(task)
        await ctx.session.flush()
        first = {r.agency_id: r for r in reversed(rows)}  # one row per agency
        members[uscc] = set(first)
        repo.add(*(JointTaskMember(task_id=task.id, merge_id=merge.id, agency_id=r.agency_id,
                                   region_code=r.region_code, year=r.year, plan_id=r.plan_id,
                                   target_id=r.target_id) for r in first.values()))
    for pl in plans:
        pl.merge_id = merge.id
    await ctx.session.flush()
    for i in await repo.open_inspections(body.plan_ids, list(tasks), OPEN):
        if i.agency_id in members[i.target_uscc or ""]:
            await join_task(ctx, i, tasks[i.target_uscc or ""], merge)
    items = await ItemRepository(ctx.session).many(
        list({parse_uuid(x) for pl in plans for x in pl.item_ids} - {None}))
    await announce_merge(ctx, merge, plans, list(tasks.values()), members, [
        {"code": i.code, "name": i.name, "version": i.version} for i in items])
    return merge


def count_rule(merge: PlanMerge, i: Inspection) -> None:
    """`lead`: only the lead agency's inspection under the task counts toward its cap."""
    if (merge.cap_counting == "lead" and i.agency_id != merge.lead_agency_id
            and i.cap_exempt_reason is None):
        i.cap_exempt_reason, i.counts_toward_cap = MEMBER_EXEMPTION, False


async def join_task(ctx: Ctx, i: Inspection, task: JointTask, merge: PlanMerge) -> None:
    i.joint_task_id = task.id
    count_rule(merge, i)
    i.flags = [f for f in i.flags if f.get("kind") != "possible_duplicate"]
    await inspections.record(ctx, i, "join", {"joint_task_id": str(task.id),
                                              "merge_id": str(merge.id)})


async def attach_new(ctx: Ctx, i: Inspection) -> tuple[JointTask, PlanMerge] | None:
    """A new inspection under a merged plan of an enterprise with a joint task joins it."""
    if i.plan_id is None or i.joint_task_id is not None or not i.target_uscc:
        return None
    found = await MergeRepository(ctx.session).task_for(i.plan_id, i.agency_id, i.target_uscc)
    if found is not None:
        i.joint_task_id = found[0].id
        count_rule(found[1], i)
    return found


async def read(ctx: Ctx, merge: PlanMerge) -> schemas.MergeRead:
    repo = MergeRepository(ctx.session)
    tasks = await repo.tasks(merge.id)
    members = await repo.members(merge.id)
    done: dict[uuid.UUID, list[uuid.UUID]] = {}
    for task_id, inspection_id in await repo.task_inspections([t.id for t in tasks]):
        done.setdefault(task_id, []).append(inspection_id)
    of: dict[uuid.UUID, list[JointTaskMember]] = {}
    for m in members:
        of.setdefault(m.task_id, []).append(m)
    return schemas.MergeRead(
        id=merge.id, region_code=merge.region_code, year=merge.year,
        period_start=merge.period_start, period_end=merge.period_end,
        plan_ids=merge.plan_ids, agency_ids=merge.agency_ids,
        lead_agency_id=merge.lead_agency_id, cap_counting=merge.cap_counting, note=merge.note,
        decided_by=merge.decided_by, created_at=merge.created_at,
        tasks=[schemas.JointTaskRead(
            id=t.id, target_uscc=t.target_uscc, target_name=t.target_name,
            agency_ids=[m.agency_id for m in of.get(t.id, [])],
            plan_ids=[m.plan_id for m in of.get(t.id, [])],
            target_ids={str(m.agency_id): m.target_id for m in of.get(t.id, [])},
            inspection_ids=done.get(t.id, [])) for t in tasks])


async def load(ctx: Ctx, merge_id: uuid.UUID) -> PlanMerge:
    """A merge in the caller's scope, else `PlanMergeNotFound` (404 hides other regions)."""
    merge = await MergeRepository(ctx.session).get(merge_id, ctx.principal)
    if merge is None:
        raise PlanMergeNotFound(f"合并计划 {merge_id} 不存在")
    return merge
