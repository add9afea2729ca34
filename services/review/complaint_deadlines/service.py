"""投诉举报办理时限 (行政执法监督条例's practice; local complaint rules;
national periods UNVERIFIED, each a ReviewSettings field):
- accept (/acknowledge) or refuse (/refuse, reasons required) within 5 working days;
- conclude within 30 days of receipt, extendable once by at most 20 with the head's approval;
- tell the complainant the result (/result-notice) once it is closed or refused.

Decisions where the issue was silent: a refusal is the complaint's answer (it sets the reply and
`responded_at`, so the 回应率 counts it) and ends it; only a supervisor (or sysadmin) records an
extension, naming the approving head; the extension runs from the current conclusion date."""

import uuid

from kit import errors as kit_errors
from kit.db import utcnow
from services.review.complaint_deadlines import errors
from services.review.complaints import errors as complaint_errors
from services.review.complaints import service as complaints
from services.review.complaints.models import Complaint
from services.review.context import Ctx

EXTENSION_RULE = "投诉举报办结期限经负责人批准可延长一次，延长不超过{days}日（地方规定）"


async def refuse(ctx: Ctx, complaint_id: uuid.UUID, reason: str) -> Complaint:
    complaint = await complaints.load(ctx, complaint_id)
    if complaint.status not in ("received", "assigned"):
        raise complaint_errors.ComplaintStateConflict(
            f"当前状态为 {complaint.status}，不能不予受理", status_now=complaint.status)
    now = utcnow()
    complaint.status, complaint.refused_at, complaint.decision_reason = "refused", now, reason
    complaint.responded_at, complaint.reply = now, f"不予受理。理由：{reason}"
    await ctx.session.flush()
    return complaint


async def extend(ctx: Ctx, complaint_id: uuid.UUID, approved_by: str,
                 reason: str) -> Complaint:
    if not ctx.principal.has("supervisor", "sysadmin"):
        raise kit_errors.Forbidden("延长办理期限须由监督机构登记负责人批准")
    settings = ctx.settings
    complaint = await complaints.load(ctx, complaint_id)
    rule = EXTENSION_RULE.format(days=settings.complaint_extension_days)
    if complaint.status in ("closed", "refused"):
        raise errors.ComplaintExtensionRefused("已办结或不予受理的投诉举报不能延期", rule=rule)
    if complaint.extended_at is not None:
        raise errors.ComplaintExtensionRefused("办理期限已延长过一次", rule=rule)
    complaint.close_by = ctx.calendar.add_days(
        complaint.close_by, settings.complaint_extension_days,
        settings.complaint_close_day_unit).due_on
    complaint.extended_at, complaint.extension_approved_by = utcnow(), approved_by
    complaint.extension_reason = reason
    await ctx.session.flush()
    return complaint


async def tell_result(ctx: Ctx, complaint_id: uuid.UUID, via: str) -> Complaint:
    complaint = await complaints.load(ctx, complaint_id)
    if complaint.status not in ("closed", "refused") or complaint.result_told_at is not None:
        raise complaint_errors.ComplaintStateConflict(
            "须办结或不予受理后告知，且只告知一次", status_now=complaint.status)
    complaint.result_told_at, complaint.result_told_via = utcnow(), via
    await ctx.session.flush()
    return complaint
