"""双随机、一公开 "公开" (国办发〔2019〕5号): what cases tells
publicity through the outbox, which builds the public, redacted pages and feed
(`GET /api/v1/publicity/inspections?kind=`):
- `inspection.item_published` when an item version is published (检查事项清单, 事前公开);
- `inspection.task_announced` when a draw is made (任务公告): plan, items, algorithm, seed (and
  its source/commitment), pool hashes, and the drawn target and inspector ids — enough for a
  third party to re-derive the draw;
- `inspection.result_published` when a drawn inspection finishes (抽查结果公示, due within
  `CASES_INSPECTION_RESULT_PUBLICATION_WORKING_DAYS` working days [S], the deadline the
  inspection shows). Addresses go along only so that publicity can redact them."""

from __future__ import annotations

from typing import Any

from common.calendar import today_legal
from services.cases.context import Ctx
from services.cases.inspections.catalogue.models import InspectionItem
from services.cases.inspections.draws.models import SpotCheckDraw, SpotCheckPlan
from services.cases.inspections.models import Inspection


async def announce_item(ctx: Ctx, item: InspectionItem) -> None:
    await ctx.outbox.emit(ctx.session, "inspection.item_published", {
        "item_id": str(item.id), "series_id": str(item.series_id), "version": item.version,
        "agency_id": str(item.agency_id), "region_code": item.region_code, "code": item.code,
        "name": item.name, "legal_basis": item.legal_basis, "target_kind": item.target_kind,
        "domain": item.domain, "types_allowed": item.types_allowed,
        "methods_allowed": item.methods_allowed, "double_random": item.double_random,
        "annual_cap": item.annual_cap, "checklist": item.checklist}, aggregate_id=str(item.id))


async def announce_task(ctx: Ctx, plan: SpotCheckPlan, d: SpotCheckDraw,
                        items: list[dict[str, Any]]) -> None:
    await ctx.outbox.emit(ctx.session, "inspection.task_announced", {
        "draw_id": str(d.id), "plan_id": str(plan.id), "plan_name": plan.name,
        "year": plan.year, "agency_id": str(plan.agency_id), "region_code": plan.region_code,
        "joint_agency_ids": plan.joint_agency_ids, "items": items, "algorithm": d.algorithm,
        "seed": d.seed, "seed_source": d.seed_source,
        "seed_derivation": d.seed_derivation,
        "drawn_on": d.drawn_on.isoformat(), "pool_hashes": d.pool_hashes,
        "pool_size": {"targets": len(d.pool.get("targets", [])),
                      "inspectors": len(d.pool.get("inspectors", []))},
        "targets": d.targets, "exclusions": d.exclusions}, aggregate_id=str(d.id))


async def announce_result(ctx: Ctx, i: Inspection, due_on: str | None) -> None:
    if i.draw_id is None:
        return  # only 双随机 results are announced (日常/个案 results go to the party)
    t = i.target or {}
    await ctx.outbox.emit(ctx.session, "inspection.result_published", {
        "inspection_id": str(i.id), "draw_id": str(i.draw_id),
        "plan_id": str(i.plan_id) if i.plan_id else None, "agency_id": str(i.agency_id),
        "region_code": i.region_code,
        "items": [{"code": x["code"], "name": x["name"]} for x in i.items],
        "target": {"kind": t.get("kind"), "name": t.get("name"), "uscc": t.get("uscc"),
                   "address": t.get("address")},
        "result": i.result, "findings": i.findings,
        "ended_on": today_legal(i.ended_at).isoformat() if i.ended_at else None,
        "publish_due_on": due_on}, aggregate_id=str(i.id))


async def announce_merge(ctx: Ctx, merge: Any, plans: list[SpotCheckPlan], tasks: list[Any],
                         members: dict[str, set[Any]], items: list[dict[str, Any]]) -> None:
    """The merged plan (综合查一次) as a 任务公告 on the same feed: the plans, the common period
    and one joint task per enterprise (name, 统一社会信用代码, participating agencies)."""
    await ctx.outbox.emit(ctx.session, "inspection.task_announced", {
        "draw_id": str(merge.id), "merge_id": str(merge.id), "plan_id": None,
        "plan_name": "综合查一次：" + "、".join(pl.name for pl in plans), "year": merge.year,
        "agency_id": str(merge.lead_agency_id), "region_code": merge.region_code,
        "joint_agency_ids": merge.agency_ids, "items": items, "algorithm": "joint-merge-v1",
        "plan_ids": merge.plan_ids, "period": [merge.period_start.isoformat(),
                                               merge.period_end.isoformat()],
        "joint_tasks": [{"joint_task_id": str(t.id), "target_name": t.target_name,
                         "target_uscc": t.target_uscc,
                         "agency_ids": sorted(str(a) for a in members[t.target_uscc])}
                        for t in tasks]}, aggregate_id=str(merge.id))
