"""Consumers of the inspection events from cases (双随机、一公开):
`inspection.item_published` → the public item list (事前公开: code, name, basis, cap);
`inspection.task_announced` → the task announcement (任务公告) with the seed, algorithm, pool
hashes and drawn ids (the draw is re-derivable from this record alone), or a merged plan
(综合查一次) with its joint tasks — keys only present for merges are kept when present;
`inspection.result_published` → the 抽查结果公示 of a drawn inspection: organisation targets
by name and 统一社会信用代码, findings through the same redaction engine as decisions; a
natural-person target is never named. Redelivery changes nothing (one row per kind and id)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import utcnow
from kit.schemas import Page
from services.publicity import redaction
from services.publicity.context import Ctx
from services.publicity.inspections.models import InspectionDisclosure
from services.publicity.inspections.repository import InspectionDisclosureRepository
from services.publicity.inspections.schemas import InspectionDisclosureRead

ORG_KINDS = ("enterprise", "individual_business")
RESULTS = {"no_issue": "未发现问题", "rectify": "责令改正", "case": "立案查处", "transfer": "移送"}


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


async def _put(session: AsyncSession, kind: str, source: Any, p: dict[str, Any], title: str,
               content: dict[str, Any], due_on: date | None = None) -> None:
    source_id = _uuid(source)
    repo = InspectionDisclosureRepository(session)
    if source_id is None or await repo.get(kind, source_id) is not None:
        return
    repo.add(InspectionDisclosure(kind=kind, source_id=source_id,
                                  agency_id=_uuid(p.get("agency_id")),
                                  region_code=str(p.get("region_code") or ""), title=title,
                                  content=content, due_on=due_on, published_at=utcnow()))
    await session.flush()


async def consume_item(ctx: Ctx, event: dict[str, Any]) -> None:
    p = event.get("payload") or {}
    keep = ("code", "name", "version", "legal_basis", "target_kind", "domain", "types_allowed",
            "methods_allowed", "double_random", "annual_cap", "checklist")
    await _put(ctx.session, "item", p.get("item_id"), p, f"检查事项：{p.get('name') or ''}",
               {k: p.get(k) for k in keep} | {"agency_name": p.get("agency_name")})


async def consume_task(ctx: Ctx, event: dict[str, Any]) -> None:
    p = event.get("payload") or {}
    keep = ("plan_id", "plan_name", "year", "items", "joint_agency_ids", "algorithm", "seed",
            "seed_source", "seed_derivation", "drawn_on", "pool_hashes", "targets",
            "exclusions", "pool_size")
    # a merged plan (综合查一次, cases `inspections.merges`) adds its plans, period and tasks
    merged = ("merge_id", "plan_ids", "period", "joint_tasks")
    await _put(ctx.session, "task", p.get("draw_id"), p,
               f"双随机抽查任务公告：{p.get('plan_name') or ''}",
               {k: p.get(k) for k in keep} | {k: p[k] for k in merged if k in p})


async def consume_result(ctx: Ctx, event: dict[str, Any]) -> None:
    p = event.get("payload") or {}
    target = p.get("target") or {}
    org = target.get("kind") in ORG_KINDS
    redactor = redaction.Redactor.for_party(
        {"address": target.get("address")}, () if org else [str(target.get("name") or "")])
    content = {"draw_id": p.get("draw_id"), "plan_id": p.get("plan_id"),
               "items": p.get("items"), "ended_on": p.get("ended_on"),
               "result": RESULTS.get(str(p.get("result")), str(p.get("result") or "")),
               "findings": redactor.redact(str(p.get("findings") or "")),
               "target_name": target.get("name") if org else None,
               "target_uscc": target.get("uscc") if org else None}
    due = p.get("publish_due_on")
    await _put(ctx.session, "result", p.get("inspection_id"), p,
               f"抽查结果：{content['target_name'] or '（自然人，不公开姓名）'}", content,
               date.fromisoformat(due) if due else None)


async def public_page(session: AsyncSession, kind: str | None, agency_id: uuid.UUID | None,
                      cursor: str | None, limit: int) -> Page[InspectionDisclosureRead]:
    """The public records, newest first, one keyset page."""
    rows, nxt = await InspectionDisclosureRepository(session).public_page(kind, agency_id,
                                                                          cursor, limit)
    return Page(items=[InspectionDisclosureRead.model_validate(r, from_attributes=True)
                       for r in rows], next_cursor=nxt, limit=limit)
