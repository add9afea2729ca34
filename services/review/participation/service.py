"""特邀行政执法监督员 taking part: the leads they pass on (→ complaint or finding) and their
read-only, redacted view of exactly the actions they take part in (see actions/service.py).

Redaction: 身份证号 and phone numbers in texts are masked to their first three characters;
no staff accounts, no participants, no issuing or replying officers are shown."""

import re
import uuid

from kit import errors as kit_errors
from kit.db import utcnow
from services.review.actions import service as actions
from services.review.actions.repository import ActionRepository
from services.review.actions.schemas import (
    FindingCreate,
    FindingRead,
    InvitedActionView,
    RedactedInstrument,
)
from services.review.complaints import service as complaints
from services.review.complaints.schemas import ComplaintCreate
from services.review.context import Ctx
from services.review.instruments.repository import InstrumentRepository
from services.review.invited import service as invited
from services.review.invited.models import InvitedLead

# 身份证号, mobile and fixed phone numbers
_PERSONAL = re.compile(r"\d{17}[\dXx]|\d{15}|1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")


def redact(text: str) -> str:
    return _PERSONAL.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 3), text)


async def pass_on_lead(ctx: Ctx, member_id: uuid.UUID, body) -> InvitedLead:
    """A lead an invited supervisor passed on becomes a complaint (channel
    `invited_supervisor`) or a finding of an action; the lead keeps the link."""
    member = await invited.load_member(ctx, member_id)
    lead = InvitedLead(id=uuid.uuid4(), member_id=member.id, content=body.content,
                       became=body.became, recorded_by=ctx.principal.subject, at=utcnow())
    if body.became == "complaint":
        complaint = await complaints.submit(ctx, ComplaintCreate(
            category="enforcement_conduct", content=body.content,
            target_agency_id=body.target_agency_id, region_code=member.region_code,
            channel="invited_supervisor", contact_name=member.name))
        lead.complaint_id = complaint.id
    else:
        if body.action_id is None or body.record_type is None or body.record_id is None:
            raise kit_errors.UnprocessableEntity("转为监督发现须指明监督行动和所涉记录")
        finding = await actions.add_finding(ctx, body.action_id, FindingCreate(
            record_type=body.record_type, record_id=body.record_id,
            summary=f"特邀监督员{member.name}反映：{body.content}"))
        lead.finding_id = finding.id
    ctx.session.add(lead)
    await ctx.session.flush()
    return lead


async def invited_view(ctx: Ctx, action_id: uuid.UUID) -> InvitedActionView:
    session = ctx.session
    action = await actions.load(ctx, action_id)
    repo = ActionRepository(session)
    findings = [FindingRead(id=f.id, record_type=f.record_type, record_id=f.record_id,
                            summary=redact(f.summary), at=f.at)
                for f in await repo.findings(action.id)]
    instruments = [RedactedInstrument(kind=i.kind, agency_id=i.agency_id, facts=redact(i.facts),
                                      required_action=redact(i.required_action),
                                      reply_due_on=i.reply_due_on, status=i.status,
                                      escalation_level=i.escalation_level)
                   for i in await InstrumentRepository(session).by_action(action.id)]
    return InvitedActionView(
        id=action.id, kind=action.kind, title=action.title,
        target_agency_ids=action.target_agency_ids, target_matters=action.target_matters,
        target_domains=action.target_domains, starts_on=action.starts_on,
        ends_on=action.ends_on, findings=findings, instruments=instruments)
