"""监督意见书 rules (local practice, DOMAIN §7: details UNVERIFIED).

Decisions: a supervisor issues an opinion to an agency of their region with a rectification date;
the agency's admin replies once with its 整改报告 (a late reply is kept and flagged
`replied_late`); an opinion is overdue while unreplied after `rectify_by` (Asia/Shanghai date)."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.auth import Principal
from kit.calendar import today_legal
from kit.db import utcnow
from kit.scope import AgencyRegionLookup, check_agency_region
from services.review.supervision import errors
from services.review.supervision.models import SupervisionOpinion
from services.review.supervision.repository import OpinionRepository
from services.review.supervision.schemas import OpinionCreate


async def issue(session: AsyncSession, principal: Principal, body: OpinionCreate,
                regions: AgencyRegionLookup) -> SupervisionOpinion:
    """Only to an agency whose REAL region (personnel) lies in the supervisor's region."""
    real = await check_agency_region(principal, body.agency_id, regions)
    region = real or body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not region.startswith(principal.region_code or "-"):
        raise errors.OpinionOutOfRegion(f"辖区 {region} 不在本人辖区内")
    if body.rectify_by < today_legal():
        raise kit_errors.UnprocessableEntity("整改期限不得早于今日")
    opinion = SupervisionOpinion(
        agency_id=body.agency_id, region_code=region, findings=body.findings,
        legal_basis=body.legal_basis, required_actions=body.required_actions,
        rectify_by=body.rectify_by, status="issued", issued_by=principal.subject,
        issued_at=utcnow())
    session.add(opinion)
    await session.flush()
    return opinion


async def load(session: AsyncSession, principal: Principal,
               opinion_id: uuid.UUID) -> SupervisionOpinion:
    opinion = await OpinionRepository(session).get_scoped(principal, opinion_id)
    if opinion is None:
        raise errors.OpinionNotFound(f"监督意见书 {opinion_id} 不存在")
    return opinion


async def reply(session: AsyncSession, principal: Principal, opinion_id: uuid.UUID,
                content: str) -> SupervisionOpinion:
    opinion = await load(session, principal, opinion_id)
    if opinion.status != "issued":
        raise errors.OpinionAlreadyReplied("该监督意见书已回复")
    opinion.reply, opinion.replied_by, opinion.replied_at = content, principal.subject, utcnow()
    opinion.replied_late = today_legal(opinion.replied_at) > opinion.rectify_by
    opinion.status = "replied"
    await session.flush()
    return opinion


async def list_opinions(session: AsyncSession, principal: Principal, *, overdue: bool,
                        cursor: str | None,
                        limit: int) -> tuple[list[SupervisionOpinion], str | None]:
    return await OpinionRepository(session).list(
        principal, overdue_on=today_legal() if overdue else None, cursor=cursor, limit=limit)


def is_overdue(opinion: SupervisionOpinion) -> bool:
    return opinion.status == "issued" and opinion.rectify_by < today_legal()
