"""双随机 draws by consistent sampling (`common.draw`, algorithm `sha256-consistent-v1`):

1. the target pool = every registry target of the plan's agencies (joint plan: all of them)
   whose kind the plan's items inspect, snapshotted as `{id, stratum (credit-risk class),
   conflicts (officers to recuse)}`; the inspector pool = the plan's inspector ids with
   personnel's qualification answer for the plan's domain on the draw date;
2. per stratum (A–D, sorted), `share(n, ratio)` targets in sampling order
   `SHA-256(seed ‖ target_id)`;
3. the inspectors' sampling order `SHA-256(seed ‖ officer_id)` is dealt (`common.draw.deal`) to
   the drawn targets in their sampling order, `inspectors_per_target` each, cycling; an
   inspector who is unqualified, on the target's conflict list (回避) or at the load cap is
   passed over — an exclusion with its reason and the inspector who replaced it;
4. pool hashes = `common.draw.pool_hash` of the target ids and of the inspector ids.
`verify` re-runs 2–4 on the stored snapshot and compares."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from common import draw
from common.calendar import today_legal
from common.scope import parse_uuid
from kit import errors
from kit.db import utcnow
from services.cases.context import Ctx
from services.cases.inspections.catalogue.repository import ItemRepository, TargetRepository
from services.cases.inspections.disclosure import announce_task
from services.cases.inspections.draws import schemas
from services.cases.inspections.draws.models import SpotCheckDraw, SpotCheckPlan
from services.cases.inspections.draws.repository import PlanRepository
from services.cases.inspections.errors import (
    ITEM_RULE,
    SEED_RULE,
    InspectionItemNotPublished,
    SeedRefused,
    SpotCheckDrawNotFound,
    SpotCheckPlanNotFound,
)

CHECK_BATCH = 100


async def create_plan(ctx: Ctx, body: schemas.PlanCreate) -> SpotCheckPlan:
    p = ctx.principal
    agency = parse_uuid(p.agency_id)
    if agency is None or not p.has("officer", "agency_admin"):
        raise errors.Forbidden("只有执法机关人员可以制定抽查计划")
    items = await ItemRepository(ctx.session).many(body.item_ids)
    closed = [str(i.id) for i in items if i.published_at is None or i.superseded_at]
    closed += [str(x) for x in set(body.item_ids) - {i.id for i in items}]
    if closed:
        raise InspectionItemNotPublished("抽查事项未公布，不得实施", rule=ITEM_RULE,
                                         item_ids=closed)
    strata = body.strata if body.strata is not None else dict(items[0].ratio_by_risk)
    plan = SpotCheckPlan(agency_id=agency, region_code=p.region_code or "", year=body.year,
                         period_start=body.period_start or date(body.year, 1, 1),
                         period_end=body.period_end or date(body.year, 12, 31),
                         name=body.name, item_ids=[str(i.id) for i in items],
                         domain=items[0].domain, strata=strata,
                         inspector_ids=list(dict.fromkeys(body.inspector_ids)),
                         inspectors_per_target=body.inspectors_per_target,
                         max_targets_per_inspector=body.max_targets_per_inspector,
                         joint_agency_ids=[str(a) for a in body.joint_agency_ids])
    ctx.session.add(plan)
    await ctx.session.flush()
    return plan


def derive(seed: str, pool: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The draw from a pool snapshot (pure; `verify` and the bench call it too)."""
    params = pool["params"]
    by_stratum: dict[str, list[str]] = {}
    for t in pool["targets"]:
        by_stratum.setdefault(t["stratum"], []).append(t["id"])
    chosen: dict[str, tuple[str, int]] = {}
    for stratum in sorted(by_stratum):
        ids = by_stratum[stratum]
        picked, _ = draw.take(seed, ids, draw.share(len(ids), params["strata"].get(stratum, 0)))
        chosen.update({tid: (stratum, n) for n, tid in enumerate(picked, start=1)})
    conflicts = {t["id"]: t["conflicts"] for t in pool["targets"] if t["conflicts"]}
    unqualified = {o["id"] for o in pool["inspectors"] if not o["qualified"]}
    load: Counter[str] = Counter()
    cap = params.get("max_load")

    def why_not(tid: str, oid: str) -> str | None:
        if oid in unqualified:
            return "certificate_invalid"
        if oid in conflicts.get(tid, ()):
            return "recusal"
        if cap is not None and load[oid] >= cap:
            return "load_cap"
        load[oid] += 1  # accepted: `deal` takes every card this answers None for
        return None

    order = draw.order(seed, chosen)
    hands, passed = draw.deal(seed, [o["id"] for o in pool["inspectors"]], order,
                              params["per_target"], why_not)
    targets = [{"target_id": tid, "stratum": chosen[tid][0], "rank": chosen[tid][1],
                "inspector_ids": hands[tid]} for tid in order]
    exclusions = [{"id": e["id"], "reason": e["reason"], "replaced_by": e["replaced_by"],
                   "target_id": e["group"]} for e in passed]
    return targets, exclusions


def hashes(pool: dict[str, Any]) -> dict[str, str]:
    return {"targets": draw.pool_hash(t["id"] for t in pool["targets"]),
            "inspectors": draw.pool_hash(o["id"] for o in pool["inspectors"])}


async def snapshot(ctx: Ctx, plan: SpotCheckPlan, on: Any) -> dict[str, Any]:
    items = await ItemRepository(ctx.session).many([parse_uuid(x) for x in plan.item_ids])
    agencies = [plan.agency_id, *(parse_uuid(a) for a in plan.joint_agency_ids)]
    targets = await TargetRepository(ctx.session).pool(agencies, {i.target_kind for i in items})
    client, answers = ctx.up.personnel, {}
    for n in range(0, len(plan.inspector_ids), CHECK_BATCH):  # personnel answers ≤100 a call
        check = await client.check_qualifications(
            ctx.up.headers, plan.inspector_ids[n:n + CHECK_BATCH], plan.domain,
            on, plan.region_code)
        answers.update({r.officer_id: r for r in check.results})
    inspectors = [{"id": o, "qualified": bool(answers.get(o) and answers[o].qualified),
                   "reasons": answers[o].reasons if o in answers else ["未查到该执法人员"]}
                  for o in sorted(plan.inspector_ids)]
    return {"targets": [{"id": str(t.id), "stratum": t.credit_risk_class,
                         "conflicts": sorted(t.conflict_officer_ids)} for t in targets],
            "inspectors": inspectors,
            "params": {"strata": plan.strata, "per_target": plan.inspectors_per_target,
                       "max_load": plan.max_targets_per_inspector}}


async def commit_seed(ctx: Ctx, plan: SpotCheckPlan, body: schemas.SeedCommitment) -> None:
    """Record (once) the hash of the nonce before the public value is known."""
    if parse_uuid(ctx.principal.agency_id) != plan.agency_id:
        raise errors.Forbidden("只能由制定计划的机关承诺种子")
    if plan.seed_commitment is not None:
        raise SeedRefused("本计划已承诺种子，不得更换", rule=SEED_RULE)
    plan.seed_commitment, plan.seed_committed_at = body.commitment, utcnow()
    await ctx.session.flush()


def seed_of(plan: SpotCheckPlan, body: schemas.DrawCreate) -> tuple[str, dict[str, Any] | None]:
    if body.seed is not None:
        return body.seed, None
    nonce, value = body.nonce or "", body.public_value or ""
    if plan.seed_commitment is None:
        raise SeedRefused("由公开值生成种子前须先公布 nonce 的承诺值", rule=SEED_RULE)
    if draw.commitment(nonce) != plan.seed_commitment:
        raise SeedRefused("nonce 与事先公布的承诺值不符", rule=SEED_RULE)
    return draw.seed_from_public_value(nonce, value), {
        "method": draw.SEED_DERIVATION, "commitment": plan.seed_commitment,
        "committed_at": plan.seed_committed_at.isoformat() if plan.seed_committed_at else None,
        "nonce": nonce, "public_value": value}


async def create_draw(ctx: Ctx, plan: SpotCheckPlan, body: schemas.DrawCreate) -> SpotCheckDraw:
    if parse_uuid(ctx.principal.agency_id) != plan.agency_id:
        raise errors.Forbidden("只能由制定计划的机关抽取")
    seed, derivation = seed_of(plan, body)
    on = body.drawn_on or today_legal()
    pool = await snapshot(ctx, plan, on)
    targets, exclusions = derive(seed, pool)
    d = SpotCheckDraw(plan_id=plan.id, agency_id=plan.agency_id, region_code=plan.region_code,
                      algorithm=draw.ALGORITHM, seed=seed, seed_source=body.seed_source,
                      seed_derivation=derivation,
                      drawn_on=on, pool=pool, pool_hashes=hashes(pool), targets=targets,
                      exclusions=exclusions)
    ctx.session.add(d)
    await ctx.session.flush()
    await PlanRepository(ctx.session).add_drawn_targets(plan, d, [
        t["target_id"] for t in targets])
    items = await ItemRepository(ctx.session).many([parse_uuid(x) for x in plan.item_ids])
    await announce_task(ctx, plan, d, [{"code": i.code, "name": i.name, "version": i.version}
                                       for i in items])
    return d


def verify(d: SpotCheckDraw) -> schemas.DrawVerifyRead:
    """Re-derive from the stored snapshot; a derived seed must also re-derive from its
    revealed nonce and public value, and the nonce match the commitment."""
    targets, exclusions = derive(d.seed, d.pool)
    x = d.seed_derivation
    if x and (draw.commitment(x["nonce"]) != x["commitment"] or
              draw.seed_from_public_value(x["nonce"], x["public_value"]) != d.seed):
        targets = []
    same_pool = hashes(d.pool) == d.pool_hashes
    same = targets == d.targets and exclusions == d.exclusions
    return schemas.DrawVerifyRead(matches=same_pool and same and d.algorithm == draw.ALGORITHM,
                                  pool_hashes_match=same_pool, result_matches=same)


async def list_plans(ctx: Ctx, year: int | None, cursor: str | None,
                     limit: int) -> tuple[list[SpotCheckPlan], str | None]:
    """Spot-check plans in the caller's scope, one keyset page."""
    return await PlanRepository(ctx.session).list(ctx.principal, year, cursor, limit)


async def load_plan(ctx: Ctx, plan_id: Any) -> SpotCheckPlan:
    """A plan in the caller's scope, else `SpotCheckPlanNotFound` (404)."""
    plan = await PlanRepository(ctx.session).get(plan_id, ctx.principal)
    if plan is None:
        raise SpotCheckPlanNotFound(f"抽查计划 {plan_id} 不存在")
    return plan


async def load_draw(session: Any, plan_id: Any, draw_id: Any) -> SpotCheckDraw:
    """One draw of a plan, else `SpotCheckDrawNotFound` (404)."""
    d = await PlanRepository(session).draw(plan_id, draw_id)
    if d is None:
        raise SpotCheckDrawNotFound(f"抽取记录 {draw_id} 不存在")
    return d
