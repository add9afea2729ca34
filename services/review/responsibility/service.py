"""责任追究 (有错必纠、有责必问): when supervision finds fault, a record of the subject (agency or
officer), the grounds (行政处罚法第七十六条至第八十三条 [V] and the 条例's conduct
list [S]), the procedure steps and the outcome.

Decisions where the issue was silent:
- an officer's agency and region come from personnel (never from the body), and a supervisor
  may open records only for agencies of their region (their REAL region);
- a 处分 (outcome `sanction`) is for an officer only and is sent to personnel's sanctions
  endpoint over HTTP before the decision is recorded: if personnel refuses, nothing is
  decided; personnel's certificate rules then decide eligibility (blocking kinds, period);
- one decision per record.
"""

import uuid

from common.scope import AgencyRegionLookup, check_agency_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.clients import PersonnelClient
from services.review.context import Ctx
from services.review.responsibility import errors
from services.review.responsibility.models import ResponsibilityRecord
from services.review.responsibility.repository import RecordRepository
from services.review.responsibility.schemas import (
    GROUNDS,
    ProcedureStep,
    RecordCreate,
    RecordDecision,
)

SANCTION_RULE = "处分对象为公职人员（公职人员政务处分法），处分须载明种类和期间"


async def open_record(ctx: Ctx, body: RecordCreate,
                      regions: AgencyRegionLookup) -> ResponsibilityRecord:
    principal = ctx.principal
    personnel = PersonnelClient(ctx.up)
    if body.subject_kind == "officer":
        if body.officer_id is None:
            raise kit_errors.UnprocessableEntity("追究执法人员责任须指明 officer_id")
        officer = await personnel.officer(body.officer_id)
        agency_id = uuid.UUID(officer.agency_id)
    else:
        if body.agency_id is None:
            raise kit_errors.UnprocessableEntity("追究单位责任须指明 agency_id")
        agency_id = body.agency_id
    real = await check_agency_region(principal, agency_id, regions)
    if real is None:
        real = await regions(agency_id)
        if real is None:
            raise kit_errors.UnprocessableEntity("引用了不存在的执法机关")
    record = ResponsibilityRecord(
        id=uuid.uuid4(), subject_kind=body.subject_kind, agency_id=agency_id,
        officer_id=body.officer_id if body.subject_kind == "officer" else None,
        region_code=real, grounds=list(dict.fromkeys(body.grounds)), facts=body.facts,
        action_id=body.action_id, instrument_id=body.instrument_id, procedure=[],
        status="open", created_by=principal.subject)
    ctx.session.add(record)
    await ctx.session.flush()
    return record


async def load(ctx: Ctx, record_id: uuid.UUID) -> ResponsibilityRecord:
    record = await RecordRepository(ctx.session).get_scoped(ctx.principal, record_id)
    if record is None:
        raise errors.RecordNotFound(f"责任追究记录 {record_id} 不存在")
    return record


async def add_step(ctx: Ctx, record_id: uuid.UUID, step: ProcedureStep) -> ResponsibilityRecord:
    record = await load(ctx, record_id)
    if record.status != "open":
        raise errors.RecordAlreadyDecided("已作出处理决定，不能再登记程序")
    record.procedure = [*record.procedure, {**step.model_dump(mode="json"),
                                            "by": ctx.principal.subject}]
    await ctx.session.flush()
    return record


async def decide(ctx: Ctx, record_id: uuid.UUID,
                 body: RecordDecision) -> ResponsibilityRecord:
    personnel = PersonnelClient(ctx.up)
    record = await load(ctx, record_id)
    if record.status != "open":
        raise errors.RecordAlreadyDecided("该记录已作出处理决定")
    if body.outcome == "sanction":
        terms = body.sanction
        if record.subject_kind != "officer" or terms is None:
            raise errors.SanctionNotApplicable("处分须针对执法人员并载明种类和期间",
                                               rule=SANCTION_RULE)
        if terms.ends_on < terms.starts_on:
            raise kit_errors.UnprocessableEntity("处分期结束日期早于开始日期")
        grounds = "、".join(GROUNDS[g].split("（")[0] for g in record.grounds)
        sanction_id = await personnel.add_sanction(record.officer_id, {
            "kind": terms.kind, "starts_on": terms.starts_on.isoformat(),
            "ends_on": terms.ends_on.isoformat(),
            "reason": f"责任追究（{grounds}）记录 {record.id}"[:500]})
        record.sanction_kind, record.personnel_sanction_id = terms.kind, uuid.UUID(sanction_id)
        record.sanction_starts_on, record.sanction_ends_on = terms.starts_on, terms.ends_on
    record.outcome, record.outcome_reason = body.outcome, body.reason
    record.status, record.decided_at = "decided", utcnow()
    await ctx.session.flush()
    return record


async def list_records(ctx: Ctx, cursor: str | None, limit: int):
    return await RecordRepository(ctx.session).list(ctx.principal, cursor, limit)
