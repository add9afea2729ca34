"""查封/扣押 rules (行政强制法第十七条–第二十八条).

- 第十七条: the power cannot be entrusted → refused on entrusted (委托) matters.
- 第十八条: head's prior approval, two qualified officers (checked with personnel for the
  matter's domain on the start date).
- 第十九条: emergency → act first, approval within 24 clock hours; refused approval → release.
- 第二十五条: 30 calendar days, one extension of at most 30 more with approval and written
  reasons, decided before the period ends; notified testing/appraisal periods are excluded.
- 第二十七条/第二十八条: disposal within the period; release returns the items.
Periods go through the kit calendar (30 days are calendar days, 行政强制法第六十九条 makes
only the "十日以内" periods working days)."""

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import Deadline, WorkingCalendar, today_legal
from kit.db import utcnow
from services.cases.approvals import require_head
from services.cases.clients import qualified_officers
from services.cases.coercion import schemas
from services.cases.coercion.errors import (
    CoercionApprovalLate,
    CoercionApprovalRequired,
    CoercionExtensionRefused,
    CoercionNotAllowed,
    CoercionPeriodInvalid,
    CoercionProcedureIncomplete,
    MeasureNotFound,
)
from services.cases.coercion.models import AppraisalPeriod, CoercedItem, CoerciveMeasure
from services.cases.coercion.procedure import on_site_refusal, scope_refusal
from services.cases.coercion.release import release_items as _release
from services.cases.coercion.release import transfer_items  # noqa: F401  (transfers use it)
from services.cases.coercion.repository import MeasureRepository
from services.cases.context import Ctx
from services.cases.lifecycle import states as st
from services.cases.matters.models import Matter
from services.cases.models import Case
from services.cases.recusal.service import ensure_not_recused
from services.cases.timeline.service import append_entry

BASE_DAYS = 30            # 行政强制法第二十五条第一款 (calendar days)
MAX_EXTENSION_DAYS = 30   # 行政强制法第二十五条第一款
APPROVAL_HOURS = 24       # 行政强制法第十九条
PERIOD_RULE = "行政强制法第二十五条"
OPEN_FOR_MEASURES = (st.LEAD, st.INVESTIGATING, st.CONCLUDED, st.NOTIFIED, st.HEARING_REQUESTED)


def appraisal_days(started_on: date, ended_on: date) -> int:
    """Days of one testing/appraisal period, both ends included."""
    return (ended_on - started_on).days + 1


def measure_end(cal: WorkingCalendar, started_on: date, extension_days: int,
                excluded_days: int) -> Deadline:
    """`started_on + 30 (+ extension) + excluded appraisal days`, calendar days (第二十五条)."""
    return cal.add_days(started_on, BASE_DAYS + extension_days + excluded_days, "calendar",
                        basis=PERIOD_RULE)


def extension_refusal(measure: CoerciveMeasure, days: int, decided_on: date) -> str | None:
    """Why an extension of `days` decided on `decided_on` is unlawful (None = allowed)."""
    if measure.extension_days:
        return "查封、扣押期限只能延长一次"
    if days > MAX_EXTENSION_DAYS:
        return f"延长期限不得超过{MAX_EXTENSION_DAYS}日，申请延长{days}日"
    if decided_on > measure.ends_on:
        return f"期限已于{measure.ends_on}届满，应当解除（行政强制法第二十八条第一款第四项）"
    return None


def is_overdue(measure: CoerciveMeasure, on: date) -> bool:
    """Past its end without release or disposal: 解除 is due (第二十八条, 第六十二条第三项)."""
    return measure.status == "active" and on > measure.ends_on


def approval_overdue(measure: CoerciveMeasure, now: datetime) -> bool:
    return (measure.status == "active" and measure.approved_at is None
            and measure.approval_due_at is not None and now > measure.approval_due_at)


def _require_active(measure: CoerciveMeasure) -> None:
    if measure.status != "active":
        raise CoercionNotAllowed(f"该强制措施已{measure.status}，不得再变更",
                                 rule=PERIOD_RULE, measure_status=measure.status)


async def _matter(session: AsyncSession, case: Case) -> Matter:
    matter = await session.get(Matter, case.matter_id)
    if matter is None:  # pragma: no cover - a case always references a catalogue row
        raise CoercionNotAllowed("案件的执法事项不存在")
    return matter


async def start_measure(ctx: Ctx, case: Case, body: schemas.MeasureCreate) -> CoerciveMeasure:
    """查封/扣押 on `case`: approval (or emergency), two qualified officers, the item list."""
    if case.status not in OPEN_FOR_MEASURES:
        raise CoercionNotAllowed("案件当前状态不得实施查封、扣押", case_status=case.status,
                                 rule="行政强制法第二十三条、第二十七条")
    matter = await _matter(ctx.session, case)
    if matter.source == "entrusted":
        raise CoercionNotAllowed("行政强制措施权不得委托，受委托事项不得实施查封、扣押",
                                 rule="行政强制法第十七条第一款")
    if not body.emergency and not body.approver_id:
        raise CoercionApprovalRequired("实施前须经行政机关负责人批准，或按紧急情况当场实施",
                                       rule="行政强制法第十八条第一项")
    await ensure_not_recused(ctx.session, case, body.officer_ids)
    if refusal := on_site_refusal(body.on_site) or scope_refusal(body.scope):
        raise CoercionProcedureIncomplete(refusal[0], rule=refusal[1])
    check = await qualified_officers(ctx.up, body.officer_ids, matter.domain, body.started_on,
                                     rule="行政强制法第十八条第二项")
    if not body.emergency:
        await require_head(ctx.up, case.agency_id, body.approver_id, "coercion")
    started_at = body.started_at or utcnow()
    end = measure_end(ctx.calendar, body.started_on, 0, 0)
    measure = CoerciveMeasure(
        case_id=case.id, agency_id=case.agency_id, region_code=case.region_code,
        kind=body.kind, place=body.place, reason=body.reason, legal_basis=body.legal_basis,
        officer_ids=[str(o) for o in dict.fromkeys(body.officer_ids)],
        certificate_numbers=[n for r in check.results for n in r.certificate_numbers],
        is_emergency=body.emergency, started_at=started_at, started_on=body.started_on,
        approval_due_at=started_at + timedelta(hours=APPROVAL_HOURS) if body.emergency
        else None,
        approver_id=None if body.emergency else body.approver_id,
        approved_at=None if body.emergency else started_at, base_days=BASE_DAYS,
        ends_on=end.due_on, ends_provisional=end.provisional, created_by=ctx.principal.subject,
        on_site=body.on_site.model_dump(), scope_attestations=body.scope.model_dump())
    items = [CoercedItem(agency_id=case.agency_id, region_code=case.region_code,
                         year=body.started_on.year, kind=body.kind, name=i.name,
                         quantity=i.quantity, unit=i.unit, condition=i.condition)
             for i in body.items]
    await MeasureRepository(ctx.session).add(measure, items)
    await append_entry(ctx, case, "coercion.started", measure.officer_ids, {
        "measure_id": str(measure.id), "kind": body.kind, "emergency": body.emergency,
        "approver_id": body.approver_id, "started_on": body.started_on.isoformat(),
        "ends_on": measure.ends_on.isoformat(),
        "items": [i.model_dump() for i in body.items]})
    return measure


async def load_measure(session: AsyncSession, case: Case,
                       measure_id: uuid.UUID) -> CoerciveMeasure:
    measure = await MeasureRepository(session).get_for_case(case.id, measure_id, True)
    if measure is None:
        raise MeasureNotFound(measure_id=str(measure_id))
    return measure


async def approve_measure(ctx: Ctx, case: Case, measure: CoerciveMeasure,
                          body: schemas.ApprovalCreate) -> None:
    """补办批准 of an emergency measure within 24 hours; a refusal releases it at once."""
    _require_active(measure)
    if not measure.is_emergency or measure.approved_at is not None:
        raise CoercionNotAllowed("该强制措施无需补办批准", rule="行政强制法第十九条")
    due = measure.approval_due_at
    if due is not None and body.approved and body.approved_at > due:
        raise CoercionApprovalLate(
            f"应在{due.isoformat()}前补办批准；已超过二十四小时，应当立即解除",
            rule="行政强制法第十九条", approval_due_at=due.isoformat())
    await require_head(ctx.up, case.agency_id, body.approver_id, "coercion")
    if body.approved:
        measure.approver_id, measure.approved_at = body.approver_id, body.approved_at
    else:
        await _release(ctx.session, measure, today_legal(body.approved_at),
                       "approval_refused", True, body.note)
    await append_entry(ctx, case, "coercion.approval", [], {
        "measure_id": str(measure.id), "approved": body.approved,
        "approver_id": body.approver_id, "approved_at": body.approved_at.isoformat()})


async def extend_measure(ctx: Ctx, case: Case, measure: CoerciveMeasure,
                         body: schemas.ExtensionCreate) -> None:
    _require_active(measure)
    await require_head(ctx.up, case.agency_id, body.approver_id, "coercion_extension")
    if reason := extension_refusal(measure, body.days, body.decided_on):
        raise CoercionExtensionRefused(reason, rule=PERIOD_RULE,
                                       extension_days=measure.extension_days,
                                       ends_on=measure.ends_on.isoformat())
    measure.extension_days = body.days
    measure.extension = {"days": str(body.days), "approver_id": body.approver_id,
                         "reason": body.reason, "decided_on": body.decided_on.isoformat(),
                         "notified_on": body.notified_on.isoformat()}
    _recompute_end(measure, ctx.calendar)
    await append_entry(ctx, case, "coercion.extended", [], {
        "measure_id": str(measure.id), **measure.extension,
        "ends_on": measure.ends_on.isoformat()})


def _recompute_end(measure: CoerciveMeasure, cal: WorkingCalendar) -> None:
    end = measure_end(cal, measure.started_on, measure.extension_days, measure.excluded_days)
    measure.ends_on, measure.ends_provisional = end.due_on, end.provisional
    measure.updated_at = utcnow()


async def add_appraisal(ctx: Ctx, case: Case, measure: CoerciveMeasure,
                        body: schemas.AppraisalCreate) -> AppraisalPeriod:
    """检测/检验/检疫/技术鉴定 period, notified in writing, excluded from the period."""
    _require_active(measure)
    if body.ended_on < body.started_on or body.started_on < measure.started_on \
            or body.started_on > measure.ends_on:
        raise CoercionPeriodInvalid("鉴定期间应在查封、扣押期间内开始，且结束不早于开始",
                                    rule="行政强制法第二十五条第三款")
    period = AppraisalPeriod(measure_id=measure.id, kind=body.kind, started_on=body.started_on,
                             ended_on=body.ended_on, notified_on=body.notified_on,
                             note=body.note)
    ctx.session.add(period)
    measure.excluded_days += appraisal_days(body.started_on, body.ended_on)
    _recompute_end(measure, ctx.calendar)
    await ctx.session.flush()
    await append_entry(ctx, case, "coercion.appraisal", [], {
        "measure_id": str(measure.id), "kind": body.kind,
        "started_on": body.started_on.isoformat(), "ended_on": body.ended_on.isoformat(),
        "notified_on": body.notified_on.isoformat(), "ends_on": measure.ends_on.isoformat()})
    return period


async def release_measure(ctx: Ctx, case: Case, measure: CoerciveMeasure,
                          body: schemas.ReleaseCreate) -> None:
    """解除 (第二十八条): the items still held are returned."""
    _require_active(measure)
    if body.released_on < measure.started_on:
        raise CoercionNotAllowed("解除日期早于实施日期", rule="行政强制法第二十八条")
    await _release(ctx.session, measure, body.released_on, body.ground, body.items_returned,
                   body.note)
    await append_entry(ctx, case, "coercion.released", [], {
        "measure_id": str(measure.id), "released_on": body.released_on.isoformat(),
        "ground": body.ground, "items_returned": body.items_returned})


async def dispose_measure(ctx: Ctx, case: Case, measure: CoerciveMeasure,
                          body: schemas.DisposalCreate) -> None:
    """没收/销毁 within the period (第二十七条); the measure ends when no item is held."""
    _require_active(measure)
    if body.disposed_on > measure.ends_on:
        raise CoercionNotAllowed(f"期限已于{measure.ends_on}届满，应当解除",
                                 rule="行政强制法第二十七条、第二十八条")
    items = {i.id: i for i in (await MeasureRepository(ctx.session).items(
        [measure.id], True)).get(measure.id, [])}
    for line in body.items:
        item = items.get(line.item_id)
        if item is None or item.status != "held":
            raise CoercionNotAllowed(f"物品 {line.item_id} 不在本措施的在押清单中",
                                     rule="行政强制法第二十七条")
        item.status, item.disposed_on = line.disposition, body.disposed_on
    if all(i.status != "held" for i in items.values()):
        measure.status, measure.closed_on = "disposed", body.disposed_on
    measure.updated_at = utcnow()
    await ctx.session.flush()
    await append_entry(ctx, case, "coercion.disposed", [], {
        "measure_id": str(measure.id), "disposed_on": body.disposed_on.isoformat(),
        "basis": body.basis, "items": [{"item_id": str(i.item_id),
                                        "disposition": i.disposition} for i in body.items]})


async def read_many(session: AsyncSession,
                    measures: list[CoerciveMeasure]) -> list[schemas.MeasureRead]:
    repo = MeasureRepository(session)
    ids = [m.id for m in measures]
    items, appraisals = await repo.items(ids), await repo.appraisals(ids)
    on, now = today_legal(), utcnow()
    return [schemas.MeasureRead.model_validate(m).model_copy(update={
        "overdue": is_overdue(m, on), "approval_overdue": approval_overdue(m, now),
        "items": [schemas.ItemRead.model_validate(i) for i in items.get(m.id, [])],
        "appraisals": [schemas.AppraisalRead.model_validate(a)
                       for a in appraisals.get(m.id, [])]}) for m in measures]


async def list_measures(ctx: Ctx, *, cursor: str | None, limit: int, status: str | None,
                        overdue: bool) -> tuple[list[CoerciveMeasure], str | None]:
    """Measures in scope, newest first; `overdue`: active past their end (release due)."""
    return await MeasureRepository(ctx.session).list(
        ctx.principal, limit=limit, cursor=cursor, status=status,
        overdue_on=today_legal() if overdue else None)


async def measures_of_case(session: AsyncSession, case: Case) -> list[CoerciveMeasure]:
    return list(await MeasureRepository(session).for_case(case.id))


async def get_measure(ctx: Ctx, measure_id: uuid.UUID) -> CoerciveMeasure:
    """A measure in the caller's scope, else `MeasureNotFound` (404)."""
    measure = await MeasureRepository(ctx.session).get(measure_id, ctx.principal)
    if measure is None:
        raise MeasureNotFound(measure_id=str(measure_id))
    return measure


async def item_statistics(ctx: Ctx, year: int | None,
                          agency_id: uuid.UUID | None) -> list[tuple[Any, ...]]:
    """(agency_id, year, measures, items, seized, sealed) per agency-year, in scope."""
    return await MeasureRepository(ctx.session).statistics(ctx.principal, year, agency_id)
