"""年度行政执法监督计划 (行政执法监督条例 Art.5–6: the 县级以上政府 plans and the 司法行政部门
as 监督机构 carries out supervision; seed 001 publishes a yearly plan): a plan per supervision
body (region) and year with its items (action type, targets, period),
draft → approved → published.

Decisions where the issue is silent:
- a supervisor of the region (or sysadmin) drafts, approves and publishes; items are added
  only to a draft; approval needs at least one item; publication needs approval;
- publication emits `supervision_plan.published` (outbox); publicity keeps a redacted public
  copy (its redaction engine on every text), as it does for the 统计年报;
- an action carries an item (`plan_item_id`) of an approved or published plan whose region
  contains the action's; progress: an item is started when an action carries it and done when
  such an action has ended (its `ends_on` on or before today); overdue when the item's period
  has ended and it is not done."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import in_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.context import Ctx
from services.review.plans import errors
from services.review.plans.models import PlanItem, SupervisionPlan
from services.review.plans.repository import PlanRepository
from services.review.plans.schemas import PlanApprove, PlanItemCreate, SupervisionPlanCreate

KIND_NAMES = {"routine": "日常监督", "key": "重点监督", "special": "专项监督",
              "file_evaluation": "案卷评查", "appraisal": "执法评议", "observation": "现场观摩"}


async def create(ctx: Ctx, body: SupervisionPlanCreate) -> SupervisionPlan:
    session, principal = ctx.session, ctx.principal
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not in_region(region, principal.region_code):
        raise errors.PlanOutOfRegion(f"辖区 {region} 不在本人辖区内")
    repo = PlanRepository(session)
    if await repo.of_year(region, body.year) is not None:
        raise errors.PlanExists(f"辖区 {region} 的 {body.year} 年度监督计划已存在",
                                rule=errors.PlanExists.article)
    plan = SupervisionPlan(id=uuid.uuid4(), year=body.year, region_code=region,
                           title=body.title, summary=body.summary, status="draft",
                           created_by=principal.subject)
    repo.add(plan)
    await session.flush()
    return plan


async def load(ctx: Ctx, plan_id: uuid.UUID, for_update: bool = False) -> SupervisionPlan:
    plan = await PlanRepository(ctx.session).get_scoped(ctx.principal, plan_id, for_update)
    if plan is None:
        raise errors.PlanNotFound(f"年度监督计划 {plan_id} 不存在")
    return plan


def _state(plan: SupervisionPlan, wanted: str, doing: str) -> None:
    if plan.status != wanted:
        raise errors.PlanStateConflict(f"计划状态为 {plan.status}，不能{doing}",
                                       rule=errors.PlanStateConflict.article,
                                       plan_status=plan.status)


async def add_item(ctx: Ctx, plan_id: uuid.UUID, body: PlanItemCreate) -> PlanItem:
    session = ctx.session
    plan = await load(ctx, plan_id, for_update=True)
    _state(plan, "draft", "增加事项")
    if body.ends_on < body.starts_on:
        raise kit_errors.UnprocessableEntity("结束日期早于开始日期")
    if body.starts_on.year != plan.year:
        raise kit_errors.UnprocessableEntity(f"事项须在计划年度 {plan.year} 内开始")
    repo = PlanRepository(session)
    item = PlanItem(id=uuid.uuid4(), plan_id=plan.id, seq=await repo.next_seq(plan.id),
                    kind=body.kind, title=body.title,
                    target_agency_ids=[str(a) for a in body.target_agency_ids],
                    target_matters=body.target_matters, target_domains=body.target_domains,
                    starts_on=body.starts_on, ends_on=body.ends_on)
    repo.add(item)
    await session.flush()
    return item


async def approve(ctx: Ctx, plan: SupervisionPlan, body: PlanApprove) -> None:
    _state(plan, "draft", "批准")
    if not await PlanRepository(ctx.session).items(plan.id):
        raise errors.PlanEmpty("计划尚无监督事项", rule=errors.PlanEmpty.article)
    plan.status, plan.approved_by, plan.approved_at = "approved", ctx.principal.subject, utcnow()
    plan.approval_note = body.note
    await ctx.session.flush()


async def publish(ctx: Ctx, plan: SupervisionPlan) -> None:
    session = ctx.session
    _state(plan, "approved", "公布")
    items = await PlanRepository(session).items(plan.id)
    plan.status, plan.published_at = "published", utcnow()
    await session.flush()
    await ctx.outbox.emit(session, "supervision_plan.published", {
        "plan_id": str(plan.id), "year": plan.year, "region_code": plan.region_code,
        "title": plan.title, "summary": plan.summary,
        "approved_at": plan.approved_at.isoformat() if plan.approved_at else None,
        "published_at": plan.published_at.isoformat(),
        "items": [{"seq": i.seq, "kind": i.kind, "kind_name": KIND_NAMES.get(i.kind, i.kind),
                   "title": i.title, "target_agency_ids": i.target_agency_ids,
                   "target_matters": i.target_matters, "target_domains": i.target_domains,
                   "starts_on": i.starts_on.isoformat(), "ends_on": i.ends_on.isoformat()}
                  for i in items]}, aggregate_id=str(plan.id))


async def item_for_action(ctx: Ctx, item_id: uuid.UUID, region_code: str) -> PlanItem:
    """The item an action is to carry out (see the module's decisions)."""
    found = await PlanRepository(ctx.session).item_scoped(ctx.principal, item_id)
    if found is None:
        raise errors.PlanItemNotFound(f"监督计划事项 {item_id} 不存在")
    item, plan = found
    if plan.status not in ("approved", "published") or not in_region(region_code,
                                                                       plan.region_code):
        raise errors.PlanItemNotCarried(f"计划状态 {plan.status}，计划辖区 {plan.region_code}",
                                        rule=errors.PlanItemNotCarried.article)
    return item


async def detail(session: AsyncSession, plan: SupervisionPlan, today: date
                 ) -> dict[str, Any]:
    repo = PlanRepository(session)
    items = await repo.items(plan.id)
    by_item: dict[uuid.UUID, list[Any]] = {}
    for action in await repo.actions_by_item(plan.id):
        by_item.setdefault(action.plan_item_id, []).append(action)
    rows, started, done, overdue = [], 0, 0, 0
    for item in items:
        acts = by_item.get(item.id, [])
        finished = any(a.ends_on is not None and a.ends_on <= today for a in acts)
        started += bool(acts)
        done += finished
        overdue += (not finished) and item.ends_on < today
        rows.append({**{c: getattr(item, c) for c in (
            "id", "seq", "kind", "title", "target_agency_ids", "target_matters",
            "target_domains", "starts_on", "ends_on")},
            "progress": {"actions": len(acts), "done": finished,
                         "action_ids": [a.id for a in acts]}})
    return {"items": rows, "progress": {
        "planned": len(items), "started": started, "done": done, "overdue": overdue,
        "done_rate": round(done / len(items) * 100, 2) if items else None}}


async def page(ctx: Ctx, year: int | None, cursor: str | None,
               limit: int) -> tuple[list[Any], str | None]:
    """Plans in the caller's region, one keyset page."""
    rows, nxt = await PlanRepository(ctx.session).list(ctx.principal, year, cursor, limit)
    return list(rows), nxt
