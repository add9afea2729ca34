"""特邀行政执法监督员 (行政执法监督条例: 人大代表、政协委员、行业代表、专家 may take part in
supervision [S]; local rules): cohorts with a term, members from the listed
sources whose eligibility is attested (≥18, 大专以上, no criminal or disciplinary record, not a
失信被执行人), work meetings with minutes, activities, leads and a yearly appraisal.

Decisions: eligibility is a set of attestations (who attested, when, evidence), all five
required at appointment — the platform does not verify them itself; a member is active while
the cohort's term runs; the member's `user_id` is the personnel account (token subject) that
carries the `invited_supervisor` role."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.context import Ctx
from services.review.invited import errors
from services.review.invited.models import (
    InvitedActivity,
    InvitedAppraisal,
    InvitedCohort,
    InvitedMeeting,
    InvitedMember,
)
from services.review.invited.repository import InvitedRepository
from services.review.invited.schemas import (
    REQUIRED_CONDITIONS,
    AppraisalCreate,
    CohortCreate,
    MeetingCreate,
    MemberCreate,
)

ELIGIBILITY_RULE = "特邀行政执法监督员选聘条件（地方规定）"
TERM_RULE = "特邀行政执法监督员在聘期内履职（地方规定）"
ACTIVITY_BY_ACTION = {"file_evaluation": "evaluation", "observation": "inspection_observation",
                      "special": "special_action", "appraisal": "appraisal", "key": "action",
                      "routine": "action"}


async def create_cohort(ctx: Ctx, body: CohortCreate) -> InvitedCohort:
    session, principal = ctx.session, ctx.principal
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not region.startswith(principal.region_code or "-"):
        raise errors.CohortOutOfRegion(f"辖区 {region} 不在本人辖区内")
    if body.term_end <= body.term_start:
        raise kit_errors.UnprocessableEntity("聘期结束日须晚于开始日")
    cohort = InvitedCohort(id=uuid.uuid4(), name=body.name, region_code=region,
                           term_start=body.term_start, term_end=body.term_end,
                           created_by=principal.subject)
    session.add(cohort)
    await session.flush()
    return cohort


async def load_cohort(ctx: Ctx, cohort_id: uuid.UUID) -> InvitedCohort:
    cohort = await InvitedRepository(ctx.session).cohort(ctx.principal, cohort_id)
    if cohort is None:
        raise errors.CohortNotFound(f"届次 {cohort_id} 不存在")
    return cohort


async def appoint(ctx: Ctx, cohort_id: uuid.UUID, body: MemberCreate) -> InvitedMember:
    session = ctx.session
    cohort = await load_cohort(ctx, cohort_id)
    missing = sorted(set(REQUIRED_CONDITIONS) - {a.condition for a in body.attestations})
    if missing:
        raise errors.MemberNotEligible(f"缺少选聘条件的证明：{'、'.join(missing)}",
                                       rule=ELIGIBILITY_RULE, missing=missing)
    today = today_legal()
    member = InvitedMember(
        id=uuid.uuid4(), cohort_id=cohort.id, region_code=cohort.region_code, name=body.name,
        user_id=body.user_id, source_category=body.source_category,
        attestations=[a.model_dump(mode="json") for a in body.attestations],
        status="active" if cohort.term_start <= today <= cohort.term_end else "inactive")
    session.add(member)
    await session.flush()
    return member


async def load_member(ctx: Ctx, member_id: uuid.UUID) -> InvitedMember:
    member = await InvitedRepository(ctx.session).member(ctx.principal, member_id)
    if member is None:
        raise errors.MemberNotFound(f"特邀监督员 {member_id} 不存在")
    return member


async def hold_meeting(ctx: Ctx, cohort_id: uuid.UUID, body: MeetingCreate) -> InvitedMeeting:
    session = ctx.session
    cohort = await load_cohort(ctx, cohort_id)
    members = {m.id for m in await InvitedRepository(session).members(cohort.id)}
    if unknown := [str(m) for m in body.attendee_member_ids if m not in members]:
        raise kit_errors.UnprocessableEntity("出席人不是本届特邀监督员", unknown=unknown)
    meeting = InvitedMeeting(id=uuid.uuid4(), cohort_id=cohort.id, held_on=body.held_on,
                             topic=body.topic, minutes=body.minutes,
                             attendee_member_ids=[str(m) for m in body.attendee_member_ids])
    session.add(meeting)
    for member_id in body.attendee_member_ids:
        session.add(InvitedActivity(id=uuid.uuid4(), member_id=member_id, kind="meeting",
                                    note=body.topic, at=utcnow()))
    await session.flush()
    return meeting


async def record_activity(session: AsyncSession, member: InvitedMember,
                          action_id: uuid.UUID | None, action_kind: str, note: str) -> None:
    session.add(InvitedActivity(id=uuid.uuid4(), member_id=member.id, action_id=action_id,
                                kind=ACTIVITY_BY_ACTION.get(action_kind, "action"), note=note,
                                at=utcnow()))


async def appraise(ctx: Ctx, member_id: uuid.UUID, body: AppraisalCreate) -> InvitedAppraisal:
    session, principal = ctx.session, ctx.principal
    member = await load_member(ctx, member_id)
    repo = InvitedRepository(session)
    if await repo.appraisal(member.id, body.year) is not None:
        raise errors.AppraisalExists(f"{body.year} 年度已考评")
    row = InvitedAppraisal(id=uuid.uuid4(), member_id=member.id, year=body.year,
                           grade=body.grade, comment=body.comment,
                           appraised_by=principal.subject)
    repo.add(row)
    await session.flush()
    return row


async def list_cohorts(ctx: Ctx, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """The cohorts of the caller's region, one keyset page."""
    rows, nxt = await InvitedRepository(ctx.session).cohorts(ctx.principal, cursor, limit)
    return list(rows), nxt


async def members(session: AsyncSession, cohort: Any) -> list[Any]:
    return list(await InvitedRepository(session).members(cohort.id))


async def meetings(session: AsyncSession, cohort: Any) -> list[Any]:
    return list(await InvitedRepository(session).meetings(cohort.id))


async def member_records(session: AsyncSession,
                         member: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """A member's activities, leads and appraisals."""
    repo = InvitedRepository(session)
    return (list(await repo.activities(member.id)), list(await repo.leads(member.id)),
            list(await repo.appraisals(member.id)))
