"""行政许可 application rules (行政许可法第二十九条–第四十八条), one function per action.

Dates of acts (`on`, `served_on`, `held_on`, …) come from the request (default: today in
Asia/Shanghai) so records made after the fact keep the legal date; every period is counted by
the kit calendar in working days (第八十二条)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import WorkingCalendar, today_legal
from common.scope import may_act_for
from kit import errors
from kit.db import utcnow  # noqa: F401  (re-exported for the router)
from services.cases.context import Ctx
from services.cases.identifiers import id_number_ok, uscc_ok
from services.cases.licensing import deadlines as dl
from services.cases.licensing import schemas
from services.cases.licensing import states as st
from services.cases.licensing.errors import (
    ApplicantBanned,
    ApplicantInvalid,
    ApplicationActionNotAllowed,
    ApplicationDeemedAccepted,
    CorrectionAlreadyServed,
    LicenceMatterNotFound,
    LicenceMatterNotPublished,
    MaterialRejected,
    MaterialsIncomplete,
)
from services.cases.licensing.models import LicenceApplication, LicenceMatter, LicensingBan
from services.cases.licensing.repository import ApplicationRepository, MatterRepository

ACT_ROLES = ("officer", "agency_admin")


def applicant_key(row: Any) -> str:
    """The applicant's (or a licence holder's) 身份证号 / 统一社会信用代码."""
    key = getattr(row, "applicant_id_number", None) or getattr(row, "applicant_uscc", None) \
        or getattr(row, "holder_id_number", None) or getattr(row, "holder_uscc", None)
    return str(key or "").upper()


async def matter_of(session: AsyncSession, app: LicenceApplication) -> LicenceMatter:
    matter = await session.get(LicenceMatter, app.matter_id)
    if matter is None:  # pragma: no cover - a foreign key
        raise LicenceMatterNotFound()
    return matter


def require(app: LicenceApplication, matter: LicenceMatter, action: str) -> None:
    allowed = st.allowed_actions(app, matter)
    if action not in allowed:
        raise ApplicationActionNotAllowed(
            f"申请当前状态为 {app.status}，不得执行 {action}", rule=st.RULES[action],
            state=app.status, allowed_actions=allowed)


def not_before(on: date, earliest: date | None, what: str) -> None:
    if earliest is not None and on < earliest:
        raise errors.UnprocessableEntity(f"{what}不得早于{earliest}")
    if on > today_legal():
        raise errors.UnprocessableEntity(f"{what}不得晚于今日")


def refresh(ctx: Ctx, app: LicenceApplication, matter: LicenceMatter) -> None:
    app.next_due_on = dl.next_due_on(app, matter, ctx.calendar, today_legal())


def receipt(app: LicenceApplication, kind: str, on: date, **extra: Any) -> None:
    """受理/不予受理/补正 凭证 (第三十二条第二款): dated, to carry the agency's 专用印章 when the
    document service renders it."""
    app.receipts = [*app.receipts, {"kind": kind, "issued_on": on.isoformat(),
                                    "agency_id": str(app.agency_id), "seal_required": True,
                                    **extra}]


def missing_materials(matter: LicenceMatter, names: set[str]) -> list[str]:
    return [m["name"] for m in matter.materials if m.get("required") and m["name"] not in names]


def _validate_applicant(a: schemas.Applicant) -> None:
    if a.kind == "person":
        if not a.id_number or not id_number_ok(a.id_number):
            raise ApplicantInvalid("公民申请须提供有效的居民身份证号码（GB 11643）",
                                   field="applicant.id_number")
    elif not a.uscc or not uscc_ok(a.uscc):
        raise ApplicantInvalid("法人或其他组织申请须提供有效的统一社会信用代码（GB 32100）",
                               field="applicant.uscc")


async def receive(ctx: Ctx, body: schemas.ApplicationCreate) -> LicenceApplication:
    """申请 (第二十九条): only a published, current matter version (第三十条、第三十三条);
    an applicant inside a ban is refused (第七十八条、第七十九条)."""
    matter = await MatterRepository(ctx.session).get(body.matter_id, ctx.principal)
    if matter is None:
        raise LicenceMatterNotFound(matter_id=str(body.matter_id))
    if not matter.is_published or matter.superseded_at is not None:
        raise LicenceMatterNotPublished("该许可事项未公示或已被新版本替代，不得受理申请",
                                        rule="行政许可法第三十条、第三十三条")
    if not (ctx.principal.has(*ACT_ROLES)
            and may_act_for(ctx.principal, matter.agency_id, matter.region_code, ACT_ROLES)):
        raise errors.Forbidden("只有实施该许可的机关工作人员可以受理申请")
    _validate_applicant(body.applicant)
    received_on = body.received_on or today_legal()
    not_before(received_on, None, "收到申请材料日期")
    a = body.applicant
    key = str(a.id_number if a.kind == "person" else a.uscc).upper()
    ban = await ApplicationRepository(ctx.session).active_ban(matter.series_id, key, received_on)
    if ban is not None:
        raise ApplicantBanned(f"申请人在{ban.until}前不得再次申请该行政许可",
                              rule=f"行政许可法{ban.article}", until=ban.until.isoformat())
    app = LicenceApplication(
        matter_id=matter.id, matter_series_id=matter.series_id, agency_id=matter.agency_id,
        region_code=matter.region_code, status=st.RECEIVED, applicant_kind=a.kind,
        applicant_name=a.name, applicant_id_number=a.id_number.upper() if a.id_number else None,
        applicant_uscc=a.uscc.upper() if a.uscc else None, applicant_phone=a.phone,
        request=body.request, received_on=received_on, inspection_id=body.inspection_id,
        receipts=[], reviews=[], stakeholders=[], suspensions=[], created_by=ctx.actor())
    refresh(ctx, app, matter)
    ctx.session.add(app)
    await ctx.session.flush()
    return app


def deem_accepted(cal: WorkingCalendar, app: LicenceApplication, matter: LicenceMatter,
                  on: date) -> bool:
    """第三十二条第一款第四项: no 补正 served by the 5th working day → accepted on the receipt
    day, as of `on`. True when this call made it so (also used by the settlement job)."""
    if app.status != st.RECEIVED or on <= dl.correction_due(cal, app.received_on).due_on:
        return False
    app.status, app.accepted_on, app.deemed_accepted = st.ACCEPTED, app.received_on, True
    receipt(app, "受理（逾期未告知补正，视为受理）", app.received_on,
            rule=dl.CORRECTION_RULE)
    app.next_due_on = dl.next_due_on(app, matter, cal, today_legal())
    return True


def settle_deemed(ctx: Ctx, app: LicenceApplication, matter: LicenceMatter, on: date) -> bool:
    return deem_accepted(ctx.calendar, app, matter, on)


async def serve_correction(ctx: Ctx, app: LicenceApplication,
                           body: schemas.CorrectionNotice) -> None:
    matter = await matter_of(ctx.session, app)
    if app.correction is not None:
        raise CorrectionAlreadyServed("补正通知已于{}送达，不得再次通知补正".format(
            app.correction["served_on"]), rule=dl.CORRECTION_RULE)
    served_on = body.served_on or today_legal()
    not_before(served_on, app.received_on, "补正通知送达日期")
    due = dl.correction_due(ctx.calendar, app.received_on)
    if app.deemed_accepted or settle_deemed(ctx, app, matter, served_on):
        raise ApplicationDeemedAccepted(
            f"补正告知期限已于{due.due_on}届满，申请自{app.received_on}起视为受理",
            rule=dl.CORRECTION_RULE, due_on=due.due_on.isoformat(),
            accepted_on=app.received_on.isoformat())
    require(app, matter, "correction-notice")
    app.correction = {"items": body.items, "served_on": served_on.isoformat(),
                      "due_on": due.due_on.isoformat()}
    app.status = st.CORRECTION_PENDING
    receipt(app, "补正材料通知书", served_on, items=body.items)
    refresh(ctx, app, matter)


async def accept(ctx: Ctx, app: LicenceApplication, body: schemas.AcceptBody,
                 present: set[str]) -> None:
    """受理 (第三十二条第一款第五项): complete materials, or the 补正 submitted in full; without a
    timely 补正 notice the acceptance dates back to the receipt day."""
    matter = await matter_of(ctx.session, app)
    require(app, matter, "accept")
    on = body.on or today_legal()
    not_before(on, app.received_on, "受理日期")
    if settle_deemed(ctx, app, matter, on):
        return
    missing = missing_materials(matter, present)
    if missing and not body.corrected_on_spot:
        raise MaterialsIncomplete("缺少申请材料：" + "、".join(missing),
                                  rule=dl.CORRECTION_RULE, missing=missing)
    app.status, app.accepted_on = st.ACCEPTED, on
    receipt(app, "受理通知书", on, corrected_on_spot=body.corrected_on_spot)
    refresh(ctx, app, matter)


async def not_accept(ctx: Ctx, app: LicenceApplication, body: schemas.NotAcceptBody) -> None:
    """即时告知不需许可 (第三十二条第一款第一项), 不予受理 with the right agency named
    (第二项), or 不予受理 + 警告 for false materials (第七十八条)."""
    matter = await matter_of(ctx.session, app)
    require(app, matter, "not-accept")
    on = body.on or today_legal()
    not_before(on, app.received_on, "不予受理日期")
    if settle_deemed(ctx, app, matter, on):
        raise ApplicationDeemedAccepted(
            f"申请已自{app.received_on}起视为受理，不得再作不予受理决定",
            rule=dl.CORRECTION_RULE, accepted_on=app.received_on.isoformat())
    if body.kind == "not_ours" and not body.refer_to:
        raise errors.UnprocessableEntity("不属于本机关职权范围的，应当告知申请人向有关行政机关申请",
                                         rule="行政许可法第三十二条第一款第二项")
    rule = {"not_licensable": "行政许可法第三十二条第一款第一项",
            "not_ours": "行政许可法第三十二条第一款第二项",
            "false_materials": "行政许可法第七十八条"}[body.kind]
    app.not_accepted = {"kind": body.kind, "reason": body.reason, "refer_to": body.refer_to,
                        "on": on.isoformat(), "rule": rule,
                        "warning": body.kind == "false_materials"}
    app.status = st.NOT_ACCEPTED
    receipt(app, "不予受理决定书", on, rule=rule, refer_to=body.refer_to)
    if body.kind == "false_materials":
        await ban_applicant(ctx, app, matter, on, 1, "第七十八条")
    refresh(ctx, app, matter)


def matter_summary(m: LicenceMatter) -> dict[str, Any]:
    return {"id": str(m.id), "series_id": str(m.series_id), "version": m.version,
            "code": m.code, "name": m.name, "issuing_authority": m.issuing_authority,
            "hearing_required": m.hearing_required, "joint_handling": m.joint_handling}


def excluded_period(reason: str, start: date, end: date | None, notice_on: date,
                    **extra: Any) -> dict[str, Any]:
    return {"reason": reason, "start": start.isoformat(),
            "end": end.isoformat() if end else None, "notice_on": notice_on.isoformat(),
            **extra}



def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


async def ban_applicant(ctx: Ctx, app: Any, matter: LicenceMatter, on: date, years: int,
                        article: str) -> None:
    """不得再次申请 for safety-related matters only (直接关系公共安全、人身健康、生命财产安全):
    one year after false materials (第七十八条), three years after fraud or bribery
    (第七十九条)."""
    key = applicant_key(app)
    if not matter.safety_related or not key:
        return
    ctx.session.add(LicensingBan(matter_series_id=matter.series_id, agency_id=matter.agency_id,
                                 applicant_key=key, since=on,
                                 until=add_years(on, years) - timedelta(days=1),
                                 article=article, source_id=app.id))


def content_type(raw: str | None) -> str:
    return (raw or "application/octet-stream").split(";")[0].strip()


def check_material(app: LicenceApplication, matter: LicenceMatter, name: str,
                   raw_type: str | None, settings: Any) -> None:
    """Materials arrive before 受理 or with the 补正; only those the published list names
    (不得要求申请人提交与其申请的行政许可事项无关的技术资料和其他材料, 第三十一条)."""
    if app.status not in (st.RECEIVED, st.CORRECTION_PENDING):
        raise ApplicationActionNotAllowed("受理后不再接收申请材料", state=app.status,
                                          rule="行政许可法第三十二条")
    if name not in {m["name"] for m in matter.materials}:
        raise MaterialRejected(f"“{name}”不在该事项公示的申请材料目录中",
                               rule="行政许可法第三十一条",
                               materials=[m["name"] for m in matter.materials])
    ctype = content_type(raw_type)
    if ctype not in settings.evidence_allowed_types:
        raise MaterialRejected(f"不接受的文件类型 {ctype}")
