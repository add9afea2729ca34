"""Inspection rules: the "审批—通知—实施—记录—反馈" state machine (司法部《行政检查文书基本格式
文本》), published items only (国办发〔2024〕54号), two qualified officers on the day (personnel's
`/qualifications/check`), approval before start (emergency: afterwards, flagged until then), the
annual cap per (enterprise, agency, year), the 五个严禁/八个不得 attestation, and the hash-chained
record (`services.cases.timeline.service` over `inspection_record_entries`).

"Agency head" (行政执法主体负责人) approval: `/approve` names `approver_id`, who must be a head
(负责人: personnel `position` head/deputy_head, active) of the inspecting agency
(`services.cases.approvals.require_head`, action `inspection`)."""

from __future__ import annotations

import secrets
from typing import Any

from common.calendar import LEGAL_TZ, today_legal
from common.scope import parse_uuid
from kit import errors
from kit.db import new_id, utcnow
from services.cases.approvals import require_head
from services.cases.clients import qualified_officers
from services.cases.context import Ctx
from services.cases.inspections import schemas
from services.cases.inspections.caps.service import (
    cap_key,
    cap_state,
    cap_totals,
    enforce_cap,
    flag_duplicates,
    set_cap_rule,
    uses_cap,
)
from services.cases.inspections.catalogue.models import InspectionItem, InspectionTarget
from services.cases.inspections.catalogue.repository import ItemRepository, TargetRepository
from services.cases.inspections.disclosure import announce_result
from services.cases.inspections.errors import (
    APPROVAL_RULE,
    ITEM_RULE,
    OFFICER_RULE,
    InspectionActionNotAllowed,
    InspectionItemMismatch,
    InspectionItemNotPublished,
    InspectionNotApproved,
    InspectionTargetNotFound,
)
from services.cases.inspections.models import Inspection, InspectionRecordEntry
from services.cases.inspections.repository import InspectionRepository
from services.cases.timeline.service import Chain, append_entry

RECORD_CHAIN = Chain(InspectionRecordEntry, "inspection_id")
ORG_KINDS = ("enterprise", "individual_business")
STATE_RULE = "司法部《行政检查文书基本格式文本（试行）》：审批—通知—实施—记录—反馈"
# 国办发〔2024〕54号 五个严禁 / 八个不得 [S], versioned; printed in the notice, attested at start
DISCIPLINE = {"version": "gbf-2024-54-v1", "lines": [
    "严禁逐利检查", "不得接受被检查企业的任何馈赠、报酬、福利待遇",
    "不得参加被检查企业提供的宴请、娱乐、旅游等活动",
    "不得由被检查企业支付消费开支或将检查费用转嫁给企业", "不得强制企业接受指定的中介机构提供服务",
    "严禁干扰企业正常生产经营", "不得刻意要求法定代表人到场", "严禁任性处罚企业",
    "不得乱查封、乱扣押、乱冻结、动辄责令停产停业", "严禁下达检查指标",
    "不得将考核考评、预算项目绩效与检查频率、罚款数额挂钩", "严禁变相检查",
    "不得以观摩、督导、考察等名义行检查之实"]}
RECUSAL_TEXT = "被检查人认为检查人员与本案有直接利害关系的，有权申请回避；有权陈述、申辩。"
LEGAL_TEXT = "不得违法改变法定程序，不得违法减损被检查人权益，不得违法增加被检查人义务"
TRANSITIONS = {"planned": ("approve", "notify"), "approved": ("notify",),
               "notified": ("start",), "in_progress": ("records", "evidence", "finish"),
               "finished": ("feedback", "lead"), "closed": ("lead",)}


def allowed_actions(i: Inspection) -> list[str]:
    acts = list(TRANSITIONS.get(i.status, ()))
    if i.approval is None and i.status not in ("planned", "cancelled"):
        acts.insert(0, "approve")
    if "lead" in acts and (i.result in (None, "no_issue") or i.case_id is not None):
        acts.remove("lead")
    return acts


def require(i: Inspection, action: str) -> None:
    allowed = allowed_actions(i)
    if action not in allowed:
        raise InspectionActionNotAllowed(
            f"检查当前状态为“{i.status}”，不能执行 {action}", rule=STATE_RULE,
            inspection_status=i.status, allowed_actions=allowed)


async def record(ctx: Ctx, i: Inspection, action: str, payload: dict[str, Any],
                 officer_ids: list[str] | None = None, status: str | None = None) -> None:
    if status is not None:
        i.status = status
    await append_entry(ctx, i, action, officer_ids if officer_ids is not None else i.officer_ids,
                       {**payload, "status": i.status}, chain=RECORD_CHAIN)


def item_snapshot(item: InspectionItem) -> dict[str, Any]:
    return {"id": str(item.id), "series_id": str(item.series_id), "version": item.version,
            "code": item.code, "name": item.name, "legal_basis": item.legal_basis,
            "domain": item.domain, "annual_cap": item.annual_cap,
            "checklist": item.checklist, "double_random": item.double_random}


async def usable_items(ctx: Ctx, body: schemas.InspectionCreate) -> list[InspectionItem]:
    """Published, current versions that allow this type, method and target kind."""
    items = await ItemRepository(ctx.session).many(body.item_ids)
    found = {i.id for i in items}
    missing = [str(x) for x in body.item_ids if x not in found]
    closed = [str(i.id) for i in items if i.published_at is None or i.superseded_at is not None]
    if missing or closed:
        raise InspectionItemNotPublished(
            "所列检查事项未公布或已失效，不得实施", rule=ITEM_RULE, item_ids=missing + closed)
    bad = [i.code for i in items
           if body.type not in i.types_allowed or body.method not in i.methods_allowed]
    if bad:
        raise InspectionItemMismatch(f"检查事项 {', '.join(bad)} 不允许该检查类型或方式",
                                     rule="检查事项清单", item_codes=bad)
    return items


def target_snapshot(t: InspectionTarget) -> dict[str, Any]:
    return {"id": str(t.id), "kind": t.kind, "name": t.name, "uscc": t.uscc,
            "address": t.address, "industry": t.industry, "grid": t.grid,
            "credit_risk_class": t.credit_risk_class}


async def create_inspection(ctx: Ctx, body: schemas.InspectionCreate) -> Inspection:
    p = ctx.principal
    agency_id = parse_uuid(p.agency_id)
    if agency_id is None or not p.has("officer", "agency_admin"):
        raise errors.Forbidden("只有执法机关人员可以登记行政检查")
    items = await usable_items(ctx, body)
    target = None
    if body.target_id is not None:
        target = await TargetRepository(ctx.session).get(body.target_id, p)
        if target is None:
            raise InspectionTargetNotFound(f"检查对象 {body.target_id} 不存在")
    domain = items[0].domain
    check = await qualified_officers(ctx.up, body.officer_ids, domain, body.planned_on,
                                     p.region_code, rule=OFFICER_RULE)
    i = Inspection(
        id=new_id("inspections"), agency_id=agency_id, region_code=p.region_code or "",
        type=body.type,
        source=body.source, deployed_from_above=body.deployed_from_above,
        item_ids=[str(x.id) for x in items], items=[item_snapshot(x) for x in items],
        domain=domain, target_id=target.id if target else None,
        target=target_snapshot(target) if target else None,
        target_uscc=target.uscc if target else None,
        is_enterprise=bool(target and target.kind in ORG_KINDS), method=body.method,
        officer_ids=check.qualified_ids(),
        officers=[{"officer_id": r.officer_id, "name": r.name,
                   "certificate_numbers": r.certificate_numbers} for r in check.results],
        assistants=body.assistants, planned_on=body.planned_on, year=body.planned_on.year,
        plan_id=body.plan_id, draw_id=body.draw_id, joint_task_id=body.joint_task_id,
        status="planned", emergency=body.emergency, public_code=secrets.token_urlsafe(18),
        checklist_results=[], scans=[], flags=[], created_by=p.username or p.subject)
    set_cap_rule(ctx, i, body.cap_exempt_reason)
    if body.emergency:
        i.approval_due_on = ctx.calendar.add_days(
            body.planned_on, ctx.settings.inspection_emergency_approval_working_days,
            "working", basis=APPROVAL_RULE).due_on
        i.flags = [{"kind": "approval_pending", "due_on": i.approval_due_on.isoformat()}]
    from services.cases.inspections.merges.service import attach_new  # merges imports us

    merged = await attach_new(ctx, i)  # under a merged plan: its joint task (综合查一次)
    ctx.session.add(i)
    await ctx.session.flush()
    if merged is None:
        await flag_duplicates(ctx, i)
    await record(ctx, i, "register", {
        "type": i.type, "source": i.source, "items": [(x["code"], x["version"])
                                                      for x in i.items],
        "target_id": str(i.target_id) if i.target_id else None, "method": i.method,
        "assistants": i.assistants, "planned_on": i.planned_on, "emergency": i.emergency,
        **({"joint_task_id": str(i.joint_task_id)} if merged else {}),
        "certificates": {r.officer_id: r.certificate_numbers for r in check.results}})
    return i


async def approve(ctx: Ctx, i: Inspection, body: schemas.Approve) -> None:
    """审批 by the 行政执法主体负责人 (国办发〔2024〕54号; 司法部问题解答)."""
    require(i, "approve")
    head = await require_head(ctx.up, i.agency_id, body.approver_id, "inspection")
    await enforce_cap(ctx, i, body.cap_exempt_reason)
    late = i.status != "planned"
    i.approved_at = utcnow()
    i.approval = {"approver_id": head.id, "position": head.position,
                  "recorded_by": ctx.principal.username or ctx.principal.subject,
                  "at": i.approved_at.isoformat(), "opinion": body.opinion,
                  "backfilled": late}
    i.flags = [f for f in i.flags if f.get("kind") != "approval_pending"]
    if late and i.approval_due_on and today_legal() > i.approval_due_on:
        i.flags = [*i.flags, {"kind": "approval_late", "due_on": i.approval_due_on.isoformat()}]
    await record(ctx, i, "approve", {"approval": i.approval,
                                     "cap_exempt_reason": i.cap_exempt_reason},
                 status="approved" if i.status == "planned" else None)


async def notify(ctx: Ctx, i: Inspection, body: schemas.Notify) -> None:
    """行政检查通知书: frequency, discipline text and recusal rights."""
    require(i, "notify")
    cap = await cap_state(ctx, i)
    nth = cap.count + (0 if i.counts_toward_cap and uses_cap(i) else 1) if cap else 0
    freq = (f"本年度本机关对该对象第 {nth} 次检查（年度上限 {cap.limit} 次）"
            if cap else "非涉企检查")
    i.notice = {"served_at": (body.served_at or utcnow()).isoformat(), "method": body.method,
                "frequency": freq, "discipline_version": DISCIPLINE["version"],
                "discipline": DISCIPLINE["lines"], "recusal_rights": RECUSAL_TEXT,
                "legal_text": LEGAL_TEXT, "assistants": i.assistants}
    await record(ctx, i, "notify", {"notice": i.notice}, status="notified")


async def start(ctx: Ctx, i: Inspection, body: schemas.Start) -> None:
    require(i, "start")
    if i.approval is None and not i.emergency:
        raise InspectionNotApproved("行政检查未经行政执法主体负责人批准，不得实施",
                                    rule=APPROVAL_RULE)
    if not body.attest_discipline:
        raise errors.UnprocessableEntity("实施检查前须确认遵守“五个严禁”“八个不得”",
                                         rule="国办发〔2024〕54号")
    await enforce_cap(ctx, i, body.cap_exempt_reason)
    started = body.started_at or utcnow()
    on = started.astimezone(LEGAL_TZ).date()
    await qualified_officers(ctx.up, i.officer_ids, i.domain, on, i.region_code,
                             rule=OFFICER_RULE)
    i.started_at = started
    i.attestation = {"version": DISCIPLINE["version"], "officer_ids": i.officer_ids,
                     "at": started.isoformat()}
    await record(ctx, i, "start", {"started_at": started.isoformat(),
                                   "attestation": i.attestation}, status="in_progress")


async def finish(ctx: Ctx, i: Inspection, body: schemas.Finish) -> None:
    require(i, "finish")
    i.result, i.findings = body.result, body.findings
    i.rectification_due_on = body.rectification_due_on
    i.ended_at = body.ended_at or utcnow()
    i.checklist_results = [c.model_dump() for c in body.checklist_results]
    await record(ctx, i, "finish", {
        "result": i.result, "findings": i.findings, "ended_at": i.ended_at.isoformat(),
        "rectification_due_on": i.rectification_due_on,
        "checklist_results": i.checklist_results}, status="finished")
    due = next((d["due_on"] for d in deadlines(ctx, i) if d["kind"] == "result_publication"),
               None)
    await announce_result(ctx, i, due)


async def feedback(ctx: Ctx, i: Inspection, body: schemas.Feedback) -> None:
    """结果告知 (事后告知) closes the inspection."""
    require(i, "feedback")
    i.feedback = body.model_dump(mode="json")
    await record(ctx, i, "feedback", {"feedback": i.feedback}, status="closed")


def deadlines(ctx: Ctx, i: Inspection) -> list[dict[str, Any]]:
    out = []
    if i.emergency and i.approval is None and i.approval_due_on:
        out.append({"kind": "approval_backfill", "due_on": i.approval_due_on.isoformat(),
                    "basis": APPROVAL_RULE})
    if i.result == "rectify" and i.rectification_due_on:
        out.append({"kind": "rectification", "due_on": i.rectification_due_on.isoformat(),
                    "basis": "责令改正期限"})
    if i.draw_id is not None and i.ended_at is not None:  # 抽查结果公示 [S]
        due = ctx.calendar.add_days(i.ended_at.astimezone(LEGAL_TZ).date(),
                                    ctx.settings.inspection_result_publication_working_days,
                                    "working", basis="双随机抽查结果公示期限（河北地方规定）")
        out.append({"kind": "result_publication", "due_on": due.due_on.isoformat(),
                    "provisional": due.provisional, "basis": due.basis})
    return out


async def read(ctx: Ctx, i: Inspection,
               totals: tuple[dict[Any, int], dict[Any, int]] | None = None
               ) -> schemas.InspectionRead:
    """`totals` for lists: the page's cap counts and cap table (`cap_totals`)."""
    data = {c: getattr(i, c) for c in schemas.InspectionRead.model_fields
            if c not in ("allowed_actions", "deadlines", "cap")}
    total, table = None, None
    if totals is not None and (key := cap_key(i)) is not None:
        total, table = totals[0].get(key, 0), totals[1]
    return schemas.InspectionRead(**data, allowed_actions=allowed_actions(i),
                                  deadlines=deadlines(ctx, i),
                                  cap=await cap_state(ctx, i, total, table))


async def read_page(ctx: Ctx, rows: list[Inspection]) -> list[schemas.InspectionRead]:
    totals = await cap_totals(ctx, rows)
    return [await read(ctx, i, totals) for i in rows]


async def list_inspections(ctx: Ctx, status: str | None, target_id: Any, cursor: str | None,
                           limit: int) -> tuple[list[Inspection], str | None]:
    """The inspections in the caller's scope, one keyset page."""
    return await InspectionRepository(ctx.session).list(
        ctx.principal, status=status, target_id=target_id, cursor=cursor, limit=limit)
