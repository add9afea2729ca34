"""监督行动 (行政执法监督条例 Ch.3 methods: 日常监督、重点监督、专项监督, with 评查/评议 and
现场观摩 [S]): an action in the supervisor's region with targets, participants and findings.

Decisions: findings name records of other services by id only, validated through the owning
service's API with the caller's token (a record the supervisor cannot see is refused as
unknown); complaints are review's own records. An invited supervisor (特邀行政执法监督员) takes
part as a participant linked to their cohort member and account, and reads a redacted view of
exactly those actions: targets, findings and the instruments issued in the action, with
personal data in texts masked and no staff accounts."""

import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.auth import Principal
from kit.db import utcnow
from services.review.actions import errors
from services.review.actions.models import ActionFinding, ActionParticipant, SupervisionAction
from services.review.actions.repository import ActionRepository
from services.review.actions.schemas import (
    ActionCreate,
    FindingCreate,
    FindingRead,
    InvitedActionView,
    ParticipantCreate,
    RedactedInstrument,
)
from services.review.complaints import service as complaints
from services.review.complaints.schemas import ComplaintCreate
from services.review.invited import service as invited
from services.review.invited.models import InvitedLead

# 身份证号, mobile and fixed phone numbers
_PERSONAL = re.compile(r"\d{17}[\dXx]|\d{15}|1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")


def redact(text: str) -> str:
    return _PERSONAL.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 3), text)


async def create(session: AsyncSession, principal: Principal,
                 body: ActionCreate) -> SupervisionAction:
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not region.startswith(principal.region_code or "-"):
        raise errors.ActionOutOfRegion(f"辖区 {region} 不在本人辖区内")
    if body.ends_on and body.ends_on < body.starts_on:
        raise kit_errors.UnprocessableEntity("结束日期早于开始日期")
    action = SupervisionAction(
        id=uuid.uuid4(), plan_id=body.plan_id, kind=body.kind, title=body.title,
        region_code=region, target_agency_ids=[str(a) for a in body.target_agency_ids],
        target_matters=body.target_matters, target_domains=body.target_domains,
        starts_on=body.starts_on, ends_on=body.ends_on, created_by=principal.subject)
    session.add(action)
    await session.flush()
    return action


async def load(session: AsyncSession, principal: Principal,
               action_id: uuid.UUID) -> SupervisionAction:
    action = await ActionRepository(session).get_scoped(principal, action_id)
    if action is None:
        raise errors.ActionNotFound(f"监督行动 {action_id} 不存在")
    return action


async def add_participant(session: AsyncSession, principal: Principal, action_id: uuid.UUID,
                          body: ParticipantCreate) -> ActionParticipant:
    action = await load(session, principal, action_id)
    user_id = body.user_id
    if body.kind == "invited":
        if body.member_id is None:
            raise kit_errors.UnprocessableEntity("特邀监督员须指明其聘任记录 member_id")
        member = await invited.load_member(session, principal, body.member_id)
        if member.status != "active":
            raise errors.ParticipantNotActive("该特邀监督员不在聘期内", rule=invited.TERM_RULE)
        user_id = member.user_id
        await invited.record_activity(session, member, action.id, action.kind, action.title)
    row = ActionParticipant(id=uuid.uuid4(), action_id=action.id, kind=body.kind,
                            name=body.name, member_id=body.member_id, user_id=user_id)
    ActionRepository(session).add(row)
    await session.flush()
    return row


async def add_finding(session: AsyncSession, principal: Principal, action_id: uuid.UUID,
                      body: FindingCreate, check_record) -> ActionFinding:
    action = await load(session, principal, action_id)
    if body.record_type == "complaint":
        await complaints.load(session, principal, body.record_id)  # review's own record
    else:
        await check_record(body.record_type, body.record_id)
    row = ActionFinding(id=uuid.uuid4(), action_id=action.id, record_type=body.record_type,
                        record_id=body.record_id, summary=body.summary,
                        created_by=principal.subject, at=utcnow())
    ActionRepository(session).add(row)
    await session.flush()
    return row


async def pass_on_lead(session: AsyncSession, calendar, settings, principal: Principal,
                       member_id: uuid.UUID, body, check_record) -> InvitedLead:
    """A lead an invited supervisor passed on becomes a complaint (channel
    `invited_supervisor`) or a finding of an action; the lead keeps the link."""
    member = await invited.load_member(session, principal, member_id)
    lead = InvitedLead(id=uuid.uuid4(), member_id=member.id, content=body.content,
                       became=body.became, recorded_by=principal.subject, at=utcnow())
    if body.became == "complaint":
        complaint = await complaints.submit(session, calendar, settings, principal,
                                            ComplaintCreate(
            category="enforcement_conduct", content=body.content,
            target_agency_id=body.target_agency_id, region_code=member.region_code,
            channel="invited_supervisor", contact_name=member.name))
        lead.complaint_id = complaint.id
    else:
        if body.action_id is None or body.record_type is None or body.record_id is None:
            raise kit_errors.UnprocessableEntity("转为监督发现须指明监督行动和所涉记录")
        finding = await add_finding(session, principal, body.action_id, FindingCreate(
            record_type=body.record_type, record_id=body.record_id,
            summary=f"特邀监督员{member.name}反映：{body.content}"), check_record)
        lead.finding_id = finding.id
    session.add(lead)
    await session.flush()
    return lead


async def invited_view(session: AsyncSession, principal: Principal,
                       action_id: uuid.UUID) -> InvitedActionView:
    action = await load(session, principal, action_id)
    repo = ActionRepository(session)
    findings = [FindingRead(id=f.id, record_type=f.record_type, record_id=f.record_id,
                            summary=redact(f.summary), at=f.at)
                for f in await repo.findings(action.id)]
    instruments = [RedactedInstrument(kind=i.kind, agency_id=i.agency_id, facts=redact(i.facts),
                                      required_action=redact(i.required_action),
                                      reply_due_on=i.reply_due_on, status=i.status,
                                      escalation_level=i.escalation_level)
                   for i in await repo.instruments(action.id)]
    return InvitedActionView(
        id=action.id, kind=action.kind, title=action.title,
        target_agency_ids=action.target_agency_ids, target_matters=action.target_matters,
        target_domains=action.target_domains, starts_on=action.starts_on,
        ends_on=action.ends_on, findings=findings, instruments=instruments)
