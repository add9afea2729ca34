"""监督行动 (行政执法监督条例 Ch.3 methods: 日常监督、重点监督、专项监督, with 评查/评议 and
现场观摩 [S]): an action in the supervisor's region with targets, participants and findings.

Decisions: findings name records of other services by id only, validated through the owning
service's API with the caller's token (a record the supervisor cannot see is refused as
unknown); complaints are review's own records. An action may carry an item of an approved
年度监督计划 (`plan_item_id`, services.review.plans), which counts it in the plan's progress.
An invited supervisor (特邀行政执法监督员) takes
part as a participant linked to their cohort member and account, and reads a redacted view of
exactly those actions: targets, findings and the instruments issued in the action, with
personal data in texts masked and no staff accounts."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.db import utcnow
from services.review.actions import errors
from services.review.actions.models import ActionFinding, ActionParticipant, SupervisionAction
from services.review.actions.repository import ActionRepository
from services.review.actions.schemas import ActionCreate, FindingCreate, ParticipantCreate
from services.review.clients import check_record
from services.review.complaints import service as complaints
from services.review.context import Ctx
from services.review.invited import service as invited
from services.review.plans import service as plans


async def create(ctx: Ctx, body: ActionCreate) -> SupervisionAction:
    session, principal = ctx.session, ctx.principal
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not region.startswith(principal.region_code or "-"):
        raise errors.ActionOutOfRegion(f"辖区 {region} 不在本人辖区内")
    if body.ends_on and body.ends_on < body.starts_on:
        raise kit_errors.UnprocessableEntity("结束日期早于开始日期")
    plan_id = body.plan_id
    if body.plan_item_id is not None:
        item = await plans.item_for_action(ctx, body.plan_item_id, region)
        if plan_id is not None and plan_id != item.plan_id:
            raise kit_errors.UnprocessableEntity("plan_id 与计划事项所属计划不一致")
        plan_id = item.plan_id
    elif plan_id is not None:
        await plans.load(ctx, plan_id)
    action = SupervisionAction(
        id=uuid.uuid4(), plan_id=plan_id, plan_item_id=body.plan_item_id, kind=body.kind,
        title=body.title,
        region_code=region, target_agency_ids=[str(a) for a in body.target_agency_ids],
        target_matters=body.target_matters, target_domains=body.target_domains,
        starts_on=body.starts_on, ends_on=body.ends_on, created_by=principal.subject)
    session.add(action)
    await session.flush()
    return action


async def load(ctx: Ctx, action_id: uuid.UUID) -> SupervisionAction:
    action = await ActionRepository(ctx.session).get_scoped(ctx.principal, action_id)
    if action is None:
        raise errors.ActionNotFound(f"监督行动 {action_id} 不存在")
    return action


async def add_participant(ctx: Ctx, action_id: uuid.UUID,
                          body: ParticipantCreate) -> ActionParticipant:
    session = ctx.session
    action = await load(ctx, action_id)
    user_id = body.user_id
    if body.kind == "invited":
        if body.member_id is None:
            raise kit_errors.UnprocessableEntity("特邀监督员须指明其聘任记录 member_id")
        member = await invited.load_member(ctx, body.member_id)
        if member.status != "active":
            raise errors.ParticipantNotActive("该特邀监督员不在聘期内", rule=invited.TERM_RULE)
        user_id = member.user_id
        await invited.record_activity(session, member, action.id, action.kind, action.title)
    row = ActionParticipant(id=uuid.uuid4(), action_id=action.id, kind=body.kind,
                            name=body.name, member_id=body.member_id, user_id=user_id)
    ActionRepository(session).add(row)
    await session.flush()
    return row


async def add_finding(ctx: Ctx, action_id: uuid.UUID, body: FindingCreate) -> ActionFinding:
    """A finding naming a record: review's own complaint, else another service's record,
    checked with the caller's token (`clients.check_record`)."""
    session, principal = ctx.session, ctx.principal
    action = await load(ctx, action_id)
    if body.record_type == "complaint":
        await complaints.load(ctx, body.record_id)  # review's own record
    else:
        await check_record(ctx.up, body.record_type, body.record_id)
    row = ActionFinding(id=uuid.uuid4(), action_id=action.id, record_type=body.record_type,
                        record_id=body.record_id, summary=body.summary,
                        created_by=principal.subject, at=utcnow())
    ActionRepository(session).add(row)
    await session.flush()
    return row


async def list_actions(ctx: Ctx, cursor: str | None,
                       limit: int) -> tuple[list[SupervisionAction], str | None]:
    """The actions the caller may see (region, or an invited supervisor's own), one page."""
    rows, nxt = await ActionRepository(ctx.session).list(ctx.principal, cursor, limit)
    return list(rows), nxt


async def participants_and_findings(
        session: AsyncSession, action: SupervisionAction
) -> tuple[list[ActionParticipant], list[ActionFinding]]:
    repo = ActionRepository(session)
    return list(await repo.participants(action.id)), list(await repo.findings(action.id))
