"""监督文书 rules (行政执法监督条例, in force 2026-02-01; handling per its Ch.3 [S]).

The national periods are UNVERIFIED; the local precedents are the defaults,
each a ReviewSettings field:
- reply (回复整改情况) within 15 days of issue (`instrument_reply_days`, calendar days by
  `instrument_reply_day_unit`): a city rule's 执法监督建议书 Art.23–25;
- objection (复查) within 10 days of receipt (`instrument_objection_days`): the 质监 rule.

Decisions where the issue was silent:
- the instrument is received on its issue date (it is served in the platform);
- a pending objection does not suspend the reply deadline (as 复议不停止执行);
  an upheld objection withdraws the instrument, a dismissed one leaves it standing;
- escalation 约谈 → 通报 → 督办 goes one level at a time and only when the reply is overdue,
  was late, or was rejected (整改不到位); each level is a recorded step;
- a rejected reply re-opens the reply with a new deadline; an accepted reply closes it.
"""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar, today_legal
from common.scope import AgencyRegionLookup, check_agency_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.actions.repository import ActionRepository
from services.review.config import ReviewSettings
from services.review.context import Ctx
from services.review.instruments import errors
from services.review.instruments.models import InstrumentStep, SupervisionInstrument
from services.review.instruments.repository import AWAITING_REPLY, InstrumentRepository
from services.review.instruments.schemas import (
    LEVEL_LABELS,
    LEVELS,
    EscalationCreate,
    InstrumentCreate,
    InstrumentStats,
    ReplyReview,
)

OBJECTION_RULE = "行政执法监督文书复查申请期限（收到之日起{days}日内，地方规定）"
ESCALATION_RULE = "逾期未回复、逾期回复或整改不到位的，依次约谈、通报、督办（地方规定）"
LEVEL_BY_NAME = {name: level for level, name in LEVELS.items()}


def _step(ins: SupervisionInstrument, kind: str, actor: str, note: str | None = None,
          level: int | None = None) -> InstrumentStep:
    return InstrumentStep(id=uuid.uuid4(), instrument_id=ins.id, kind=kind, level=level,
                          actor=actor, at=utcnow(), note=note)


def reply_due(calendar: WorkingCalendar, settings: ReviewSettings, start: date):
    return calendar.add_days(start, settings.instrument_reply_days,
                             settings.instrument_reply_day_unit, "监督文书回复期限（地方规定）")


async def issue(ctx: Ctx, body: InstrumentCreate,
                regions: AgencyRegionLookup) -> SupervisionInstrument:
    """Only to an agency whose REAL region (personnel) lies in the supervisor's region."""
    session, principal = ctx.session, ctx.principal
    real = await check_agency_region(principal, body.agency_id, regions)
    region = real or body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not region.startswith(principal.region_code or "-"):
        raise errors.InstrumentOutOfRegion(f"辖区 {region} 不在本人辖区内")
    if body.action_id is not None and await ActionRepository(session).get_scoped(
            principal, body.action_id) is None:
        raise kit_errors.UnprocessableEntity("引用了不存在的监督行动",
                                             action_id=str(body.action_id))
    now = utcnow()
    today = today_legal(now)
    due = reply_due(ctx.calendar, ctx.settings, today)
    if body.reply_due_on is not None and body.reply_due_on < today:
        raise kit_errors.UnprocessableEntity("回复期限不得早于今日")
    ins = SupervisionInstrument(
        id=uuid.uuid4(), kind=body.kind, agency_id=body.agency_id, region_code=region,
        action_id=body.action_id, facts=body.facts, legal_basis=body.legal_basis,
        required_action=body.required_action,
        reply_due_on=body.reply_due_on or due.due_on,
        reply_due_provisional=body.reply_due_on is None and due.provisional,
        status="issued", issued_by=principal.subject, issued_at=now, issued_on=today,
        escalation_level=0)
    session.add(ins)
    await session.flush()
    InstrumentRepository(session).add_step(_step(ins, "issued", principal.subject))
    await session.flush()
    return ins


async def load(ctx: Ctx, instrument_id: uuid.UUID,
               kind: str | None = None) -> SupervisionInstrument:
    ins = await InstrumentRepository(ctx.session).get_scoped(ctx.principal, instrument_id, kind)
    if ins is None:
        raise errors.InstrumentNotFound(f"监督文书 {instrument_id} 不存在")
    return ins


async def document(session: AsyncSession, ins: SupervisionInstrument):
    return await InstrumentRepository(session).document(ins.id)


async def steps(session: AsyncSession, ins: SupervisionInstrument) -> list[InstrumentStep]:
    return await InstrumentRepository(session).steps(ins.id)


def _require(ins: SupervisionInstrument, allowed: tuple[str, ...], action: str) -> None:
    if ins.status not in allowed:
        raise errors.InstrumentStateConflict(f"当前状态为 {ins.status}，不能{action}",
                                             status_now=ins.status)


async def reply(ctx: Ctx, instrument_id: uuid.UUID, text: str, report: str | None,
                kind: str | None = None) -> SupervisionInstrument:
    """The agency's reply with its 整改报告; a reply after the deadline is kept, flagged late."""
    session, principal = ctx.session, ctx.principal
    ins = await load(ctx, instrument_id, kind)
    _require(ins, AWAITING_REPLY, "回复")
    now = utcnow()
    ins.reply, ins.rectification_report = text, report
    ins.replied_by, ins.replied_at = principal.subject, now
    ins.replied_late = bool(ins.replied_late) or today_legal(now) > ins.reply_due_on
    ins.status = "replied"
    InstrumentRepository(session).add_step(_step(
        ins, "replied", principal.subject, "逾期回复" if ins.replied_late else None))
    await session.flush()
    return ins


async def review_reply(ctx: Ctx, instrument_id: uuid.UUID,
                       body: ReplyReview) -> SupervisionInstrument:
    session, principal = ctx.session, ctx.principal
    ins = await load(ctx, instrument_id)
    _require(ins, ("replied",), "审查回复")
    now = utcnow()
    ins.reviewed_by, ins.reviewed_at, ins.review_comment = principal.subject, now, body.comment
    repo = InstrumentRepository(session)
    if body.accepted:
        ins.status, ins.closed_at = "closed", now
        repo.add_step(_step(ins, "reply_accepted", principal.subject, body.comment))
        repo.add_step(_step(ins, "closed", principal.subject))
    else:
        today = today_legal(now)
        if body.reply_due_on is not None and body.reply_due_on < today:
            raise kit_errors.UnprocessableEntity("新的回复期限不得早于今日")
        due = reply_due(ctx.calendar, ctx.settings, today)
        ins.reply_due_on = body.reply_due_on or due.due_on
        ins.reply_due_provisional = body.reply_due_on is None and due.provisional
        ins.status = "rejected"
        repo.add_step(_step(ins, "reply_rejected", principal.subject, body.comment))
    await session.flush()
    return ins


async def lodge_objection(ctx: Ctx, instrument_id: uuid.UUID,
                          reason: str) -> SupervisionInstrument:
    """复查: within `instrument_objection_days` (10) of receipt, once per instrument."""
    ins = await load(ctx, instrument_id)
    days = ctx.settings.instrument_objection_days
    rule = OBJECTION_RULE.format(days=days)
    if ins.objection_status is not None:
        raise errors.ObjectionAlreadyLodged("该监督文书已申请过复查", rule=rule)
    _require(ins, ("issued", "replied", "rejected"), "申请复查")
    last = ctx.calendar.add_days(ins.issued_on, days, "calendar").due_on
    if today_legal() > last:
        raise errors.ObjectionPeriodExpired(
            f"监督文书于 {ins.issued_on} 送达，复查申请期限至 {last} 届满", rule=rule,
            deadline=last.isoformat())
    ins.objection_status, ins.objection_reason, ins.objected_at = "pending", reason, utcnow()
    InstrumentRepository(ctx.session).add_step(_step(ins, "objection_lodged",
                                                     ctx.principal.subject, reason))
    await ctx.session.flush()
    return ins


async def decide_objection(ctx: Ctx, instrument_id: uuid.UUID, upheld: bool,
                           decision: str) -> SupervisionInstrument:
    session, principal = ctx.session, ctx.principal
    ins = await load(ctx, instrument_id)
    if ins.objection_status != "pending":
        raise errors.InstrumentStateConflict("没有待复查的申请", status_now=ins.status)
    now = utcnow()
    ins.objection_status = "upheld" if upheld else "dismissed"
    ins.objection_decision, ins.objection_decided_at = decision, now
    if upheld:
        ins.status, ins.closed_at = "withdrawn", now
    InstrumentRepository(session).add_step(_step(
        ins, "objection_upheld" if upheld else "objection_dismissed", principal.subject,
        decision))
    await session.flush()
    return ins


def escalation_due(ins: SupervisionInstrument, today: date) -> bool:
    return (ins.status == "rejected" or bool(ins.replied_late)
            or (ins.status in AWAITING_REPLY and ins.reply_due_on < today))


async def escalate(ctx: Ctx, instrument_id: uuid.UUID,
                   body: EscalationCreate) -> SupervisionInstrument:
    """约谈 → 通报 → 督办, each a recorded step, one level after the other."""
    ins = await load(ctx, instrument_id)
    _require(ins, ("issued", "replied", "rejected"), "升级督办")
    level = LEVEL_BY_NAME[body.level]
    if level != ins.escalation_level + 1:
        nxt = LEVEL_LABELS.get(ins.escalation_level + 1, "（已至督办）")
        raise errors.EscalationNotDue(f"须依次升级，下一步为{nxt}", rule=ESCALATION_RULE,
                                      level_now=ins.escalation_level)
    if not escalation_due(ins, today_legal()):
        raise errors.EscalationNotDue("回复尚未逾期且未被退回，不能升级", rule=ESCALATION_RULE,
                                      level_now=ins.escalation_level)
    ins.escalation_level = level
    InstrumentRepository(ctx.session).add_step(_step(
        ins, "escalated", ctx.principal.subject, f"{LEVEL_LABELS[level]}：{body.note}", level))
    await ctx.session.flush()
    return ins


async def list_instruments(ctx: Ctx, *, kind: str | None, status: str | None, overdue: bool,
                           cursor: str | None, limit: int):
    return await InstrumentRepository(ctx.session).list(
        ctx.principal, kind=kind, status=status, overdue_on=today_legal() if overdue else None,
        cursor=cursor, limit=limit)


async def stats(ctx: Ctx, year: int) -> list[InstrumentStats]:
    rows = await InstrumentRepository(ctx.session).stats(
        ctx.principal, date(year, 1, 1), date(year + 1, 1, 1), today_legal())
    return [InstrumentStats(year=year, kind=k, issued=n, replied=r, replied_late=late,
                            overdue=od, interviews=i1, circulars=i2, supervised=i3,
                            objections=ob)
            for k, n, r, late, od, i1, i2, i3, ob in rows]


def is_overdue(ins: SupervisionInstrument) -> bool:
    return ins.status in AWAITING_REPLY and ins.reply_due_on < today_legal()
