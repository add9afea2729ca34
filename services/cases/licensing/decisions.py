"""Review, hearing, excluded periods, extension, decision and certificate (行政许可法第三十四条
–第四十八条): the actions after 受理."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from common.calendar import today_legal
from services.cases.approvals import require_head
from services.cases.licensing import deadlines as dl
from services.cases.licensing import schemas
from services.cases.licensing import states as st
from services.cases.licensing.errors import (
    DecisionInvalid,
    ExtensionNotAllowed,
    HearingNotAllowed,
    ReviewersInsufficient,
    SuspensionInvalid,
)
from services.cases.licensing.models import Licence, LicenceApplication, LicenceMatter
from services.cases.licensing.service import (
    Ctx,
    add_years,
    ban_applicant,
    excluded_period,
    matter_of,
    matter_summary,
    not_before,
    refresh,
    require,
    settle_deemed,
)
from services.cases.licensing.staff import HOST_RULE, REVIEW_RULE, ensure_staff
from services.cases.links import ensure_inspection_link
from services.cases.numbering import next_number

ART45 = "行政许可法第四十五条"


async def _load(ctx: Ctx, app: LicenceApplication, action: str) -> LicenceMatter:
    matter = await matter_of(ctx.session, app)
    settle_deemed(ctx, app, matter, today_legal())
    require(app, matter, action)
    return matter


async def review(ctx: Ctx, app: LicenceApplication, body: schemas.ReviewBody) -> None:
    """审查 (第三十四条): substantive verification by at least two staff (each an active,
    on-post officer of the agency in personnel, `staff.ensure_staff`); interested parties
    told and heard (第三十六条); the hearing right told (第四十七条)."""
    matter = await _load(ctx, app, "review")
    on = body.on or today_legal()
    not_before(on, app.accepted_on, "审查日期")
    reviewers = list(dict.fromkeys(body.reviewer_ids))
    if body.substantive and len(reviewers) < 2:
        raise ReviewersInsufficient(f"实质核查须指派两名以上工作人员，本次 {len(reviewers)} 人",
                                    rule="行政许可法第三十四条第三款")
    await ensure_staff(ctx.up, app.agency_id, reviewers, REVIEW_RULE)
    app.reviews = [*app.reviews, {"reviewer_ids": reviewers, "findings": body.findings,
                                  "substantive": body.substantive, "on": on.isoformat()}]
    if body.stakeholders:
        app.stakeholders = [*app.stakeholders,
                            *(s.model_dump(mode="json") for s in body.stakeholders)]
    if body.inspection_id:
        await ensure_inspection_link(ctx.session, body.inspection_id, app.agency_id,
                                     app.region_code)
        app.inspection_id = body.inspection_id
    if body.hearing_right_told_on:
        app.hearing = {**(app.hearing or {}), "told_on": body.hearing_right_told_on.isoformat()}
    if app.status == st.ACCEPTED:
        app.status = st.UNDER_REVIEW
    refresh(ctx, app, matter)


async def request_hearing(ctx: Ctx, app: LicenceApplication,
                          body: schemas.HearingRequestBody) -> None:
    """听证申请 (第四十七条): within 5 days of being told of the right."""
    matter = await _load(ctx, app, "hearing-request")
    on = body.requested_on or today_legal()
    hearing = dict(app.hearing or {})
    not_before(on, app.accepted_on, "听证申请日期")
    if hearing.get("told_on"):
        due = ctx.calendar.add_days(date.fromisoformat(hearing["told_on"]), dl.HEARING_REQUEST_DAYS,
                               "working").due_on
        if on > due:
            raise HearingNotAllowed(f"应当在被告知听证权利之日起五日内提出，期限已于{due}届满",
                                    rule="行政许可法第四十七条第一款", due_on=due.isoformat())
    hearing.update(requested_on=on.isoformat(), requested_by=body.requested_by)
    app.hearing, app.status = hearing, st.HEARING_REQUESTED
    refresh(ctx, app, matter)


async def hold_hearing(ctx: Ctx, app: LicenceApplication, body: schemas.HearingBody) -> None:
    """听证 (第四十八条): notice 7 days before, host not a reviewer, a signed record; its time
    is excluded from the decision period (第四十五条)."""
    matter = await _load(ctx, app, "hearing")
    not_before(body.held_on, app.accepted_on, "听证日期")
    not_before(body.notice_on, app.accepted_on, "听证通知日期")
    earliest = ctx.calendar.add_days(body.notice_on, dl.HEARING_NOTICE_DAYS, "working").due_on
    if body.held_on < earliest:
        raise HearingNotAllowed(f"应当于举行听证的七日前通知，最早可于{earliest}举行",
                                rule="行政许可法第四十八条第一款第一项")
    reviewers = {r for rv in app.reviews for r in rv["reviewer_ids"]}
    if body.host_id in reviewers:
        raise HearingNotAllowed("听证主持人不得为审查该申请的工作人员",
                                rule="行政许可法第四十八条第一款第三项")
    await ensure_staff(ctx.up, app.agency_id, [body.host_id], HOST_RULE)
    hearing = dict(app.hearing or {})
    start = date.fromisoformat(hearing["requested_on"]) if hearing.get("requested_on") \
        else body.notice_on
    late = None
    if hearing.get("requested_on"):
        late = body.held_on > ctx.calendar.add_days(start, dl.HEARING_HOLD_DAYS, "working").due_on
    hearing.update(notice_on=body.notice_on.isoformat(), held_on=body.held_on.isoformat(),
                   host_id=body.host_id, record=body.record, participants=body.participants,
                   held_late=late, basis="行政许可法第四十六条" if matter.hearing_required
                   else "行政许可法第四十七条")
    app.hearing = hearing
    app.suspensions = [*app.suspensions, excluded_period(
        "hearing", start, body.held_on + timedelta(days=1), body.notice_on, automatic=True)]
    app.status = st.HEARING_HELD
    refresh(ctx, app, matter)


async def suspend(ctx: Ctx, app: LicenceApplication, body: schemas.SuspendBody) -> None:
    """不计入期限的期间 (第四十五条): dated, with its reason and the written notice."""
    matter = await _load(ctx, app, "suspend")
    if body.reason == "public_notice" and not matter.public_notice_steps:
        raise SuspensionInvalid("该许可事项未规定公示环节，公示期间不得扣除", rule=ART45)
    not_before(body.start, app.accepted_on, "扣除期间开始日期")
    if body.end is not None and body.end <= body.start:
        raise SuspensionInvalid("扣除期间的结束日期应晚于开始日期", rule=ART45)
    open_ended = body.end is None
    app.suspensions = [*app.suspensions, excluded_period(
        body.reason, body.start, body.end, body.notice_on, note=body.note,
        from_state=app.status if open_ended else None)]
    if open_ended:
        app.status = st.SUSPENDED
    refresh(ctx, app, matter)


async def resume(ctx: Ctx, app: LicenceApplication, body: schemas.ResumeBody) -> None:
    matter = await _load(ctx, app, "resume")
    periods = [dict(p) for p in app.suspensions]
    current = next(p for p in reversed(periods) if p.get("end") is None)
    end = body.end or today_legal()
    if end <= date.fromisoformat(current["start"]):
        raise SuspensionInvalid("扣除期间的结束日期应晚于开始日期", rule=ART45)
    current["end"] = end.isoformat()
    app.suspensions, app.status = periods, current.get("from_status") or st.UNDER_REVIEW
    refresh(ctx, app, matter)


async def extend(ctx: Ctx, app: LicenceApplication, body: schemas.ExtendBody) -> None:
    """延长十日 (第四十二条第一款; 联合办理 十五日, 第二款): once, before the period runs out,
    approved by the head named in `approver_id` (`services.cases.approvals.require_head`:
    personnel `position` head/deputy_head of the application's agency, active; refused with
    `approver-not-head` naming 第四十二条). For 联合办理 the law names the 本级人民政府负责人;
    a township government is itself the licensing agency, so its head is checked the same way."""
    matter = await _load(ctx, app, "extend")
    rule = "行政许可法第四十二条第二款" if matter.joint_handling else "行政许可法第四十二条第一款"
    head = await require_head(ctx.up, app.agency_id, body.approver_id,
                              "licence_joint_extension" if matter.joint_handling
                              else "licence_extension")
    on = body.told_on or today_legal()
    due = dl.decision_due(app, matter, ctx.calendar, today_legal())
    if due is not None and on > due.due_on:
        raise ExtensionNotAllowed(f"许可决定期限已于{due.due_on}届满，不得再延长", rule=rule)
    app.extension = {"approver_id": head.id, "position": head.position,
                     "recorded_by": ctx.principal.subject,
                     "reason": body.reason, "told_on": on.isoformat(),
                     "days": dl.JOINT_EXTENSION_DAYS if matter.joint_handling
                     else dl.EXTENSION_DAYS}
    refresh(ctx, app, matter)


async def decide(ctx: Ctx, app: LicenceApplication, body: schemas.DecideBody) -> None:
    """准予 / 不予行政许可 (第三十八条), after review (第三十四条) and on the hearing record
    (第四十八条第二款); emits `licence.decided` for disclosure (第四十条)."""
    matter = await _load(ctx, app, "decide")
    on = body.on or today_legal()
    not_before(on, app.accepted_on, "许可决定日期")
    if not app.reviews:
        raise DecisionInvalid("作出决定前应当对申请材料进行审查", rule="行政许可法第三十四条")
    if matter.onsite_check_required and app.inspection_id is None:
        raise DecisionInvalid("该事项须经现场核查后作出决定，请先登记现场核查（检查）记录",
                              rule="行政许可法第三十四条第三款")
    if matter.hearing_required and not (app.hearing or {}).get("held_on"):
        raise DecisionInvalid("依法应当听证的事项，应当举行听证后根据听证笔录作出决定",
                              rule="行政许可法第四十六条、第四十八条第二款")
    if not body.granted and not body.reasons.strip():
        raise DecisionInvalid("不予行政许可的，应当说明理由", rule="行政许可法第三十八条第二款")
    if body.false_materials and body.granted:
        raise DecisionInvalid("提供虚假材料的，不予行政许可", rule="行政许可法第七十八条")
    due = dl.decision_due(app, matter, ctx.calendar, on)
    agency = await ctx.up.personnel.get_agency(ctx.up.headers,
                                                            str(app.agency_id))
    pattern = ctx.settings.licence_grant_number_pattern if body.granted \
        else ctx.settings.licence_refusal_number_pattern
    number = await next_number(ctx.session, app.agency_id, on.year,
                               "licence_grant" if body.granted else "licence_refusal", pattern,
                               agency.short_name or agency.name)
    app.decision = {
        "document_number": number,
        "agency": {"id": agency.id, "name": agency.name, "uscc": agency.uscc,
                   "issuing_authority": matter.issuing_authority},
        "granted": body.granted, "reasons": body.reasons, "conditions": body.conditions,
        "content": body.content, "decided_on": on.isoformat(),
        "late": bool(due and on > due.due_on), "due_on": due.due_on.isoformat() if due else None,
        "remedies": None if body.granted else ctx.settings.remedy.decision_texts(),
        "based_on_hearing_record": bool((app.hearing or {}).get("held_on")),
        "warning": body.false_materials,
        "rule": "行政许可法第三十八条第一款" if body.granted else "行政许可法第三十八条第二款"}
    app.decided_on, app.granted = on, body.granted
    app.status = st.GRANTED if body.granted else st.REFUSED
    if body.false_materials:
        await ban_applicant(ctx, app, matter, on, 1, "第七十八条")
    refresh(ctx, app, matter)
    await ctx.outbox.emit(ctx.session, "licence.decided",
                                            decided_payload(app, matter),
                                            aggregate_id=str(app.id))


def decided_payload(app: LicenceApplication, matter: LicenceMatter,
                    licence: Licence | None = None) -> dict[str, Any]:
    return {"application_id": str(app.id), "agency_id": str(app.agency_id),
            "region_code": app.region_code, "matter": matter_summary(matter),
            "category": matter.category, "legal_basis": matter.legal_basis,
            "applicant": {"kind": app.applicant_kind, "name": app.applicant_name,
                          "id_number": app.applicant_id_number, "uscc": app.applicant_uscc},
            "granted": app.granted, "decided_on": app.decided_on.isoformat()
            if app.decided_on else None, "decision": app.decision,
            "certificate_name": matter.certificate.get("name")}


async def issue_certificate(ctx: Ctx, app: LicenceApplication,
                            body: schemas.IssueCertificateBody) -> Licence:
    """颁发、送达许可证件 within 10 working days of the decision (第四十四条)."""
    matter = await _load(ctx, app, "issue-certificate")
    on = body.on or today_legal()
    not_before(on, app.decided_on, "发证日期")
    cert = matter.certificate
    number = await next_number(ctx.session, matter.agency_id, on.year,
                               f"L{matter.series_id.hex[:20]}", cert["number_pattern"],
                               cert.get("prefix") or "")
    years = cert.get("validity_years")
    decision = app.decision or {}
    licence = Licence(
        number=number, matter_id=matter.id, matter_series_id=matter.series_id,
        application_id=app.id, agency_id=app.agency_id, region_code=app.region_code,
        holder_kind=app.applicant_kind, holder_name=app.applicant_name,
        holder_id_number=app.applicant_id_number, holder_uscc=app.applicant_uscc,
        content=decision.get("content") or app.request, conditions=decision.get("conditions"),
        issued_on=on, valid_from=on,
        valid_to=add_years(on, years) - timedelta(days=1) if years else None, status="active")
    ctx.session.add(licence)
    await ctx.session.flush()
    due = ctx.calendar.add_days(app.decided_on or on, dl.CERTIFICATE_DAYS, "working").due_on
    app.decision = {**decision, "certificate": {"licence_id": str(licence.id),
                                                "number": number, "issued_on": on.isoformat(),
                                                "late": on > due}}
    app.licence_id, app.status = licence.id, st.CERTIFICATE_ISSUED
    refresh(ctx, app, matter)
    await ctx.outbox.emit(ctx.session, "licence.issued", {
        **decided_payload(app, matter), "licence": {
            "id": str(licence.id), "number": number, "valid_from": on.isoformat(),
            "valid_to": licence.valid_to.isoformat() if licence.valid_to else None,
            "content": licence.content}}, aggregate_id=str(app.id))
    return licence
