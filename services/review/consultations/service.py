"""案件联合会商 (joint consultation of a difficult case by the district departments and
experts; seed 001 "疑难案件联合会商"; 行政执法监督条例: coordination with the other bodies
[S]): the case and its inspections by id as the cases service answers them (never its
tables), participants, written opinions within a deadline, a conclusion — records.

Decisions where the issue is silent:
- a supervisor of the case's region, or the admin of the case's own agency, refers the case;
  the case and every inspection are read through cases with the caller's token (unknown or
  unseen → 422); the case's agency is the one cases states, its region personnel's;
- the consultation attaches to the case (`case_id`) and to its latest legal review in review
  (`legal_review_id`), both filterable on the list;
- opinions are due `consultation_opinion_days` (default 15, UNVERIFIED) after the referral; a
  late opinion is kept and flagged, not refused; one opinion per participant; an agency
  participant's admin gives its own, the supervisor records any (experts have no account);
- the conclusion needs at least one opinion, names an outcome and the opinions adopted, and
  closes the consultation."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from common.principal import Principal
from common.scope import AgencyRegionLookup, in_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.clients import fetch_record
from services.review.consultations import errors
from services.review.consultations.models import (
    CaseConsultation,
    ConsultationOpinion,
    ConsultationParticipant,
)
from services.review.consultations.repository import ConsultationRepository
from services.review.consultations.schemas import (
    ConclusionCreate,
    ConsultationCreate,
    ConsultationOpinionCreate,
)
from services.review.context import Ctx


async def create(ctx: Ctx, body: ConsultationCreate,
                 regions: AgencyRegionLookup) -> CaseConsultation:
    """The case and its inspections are read through cases with the caller's token
    (`clients.fetch_record`); opinions are due `consultation_opinion_days` after today."""
    session, principal = ctx.session, ctx.principal
    case = await fetch_record(ctx.up, "case", body.case_id)
    agency = case.get("agency_id")
    real = await regions(agency) if agency else None
    if real is None:
        raise errors.UnknownAgency(f"案件 {body.case_id} 的执法机关不存在")
    own = principal.has("agency_admin") and str(principal.agency_id) == str(agency)
    if not (principal.has("sysadmin") or own or (principal.has("supervisor") and in_region(
            real, principal.region_code))):
        raise errors.ConsultationNotAllowed("只有本辖区监督机构或本案执法机关可以提请会商")
    for inspection in dict.fromkeys(body.inspection_ids):
        await fetch_record(ctx.up, "inspection", inspection)
    for p in body.participants:
        if p.kind == "agency":
            if p.agency_id is None:
                raise kit_errors.UnprocessableEntity("参加单位须指明 agency_id")
            if await regions(p.agency_id) is None:
                raise errors.UnknownAgency(f"执法机关 {p.agency_id} 不存在")
    today = today_legal()
    due = body.opinion_due_on or today + timedelta(days=ctx.settings.consultation_opinion_days)
    if due < today:
        raise kit_errors.UnprocessableEntity("书面意见期限早于今日")
    repo = ConsultationRepository(session)
    row = CaseConsultation(
        id=uuid.uuid4(), case_id=body.case_id,
        case_number=case.get("case_number") or case.get("number"),
        agency_id=uuid.UUID(str(agency)), region_code=real,
        legal_review_id=await repo.latest_legal_review(body.case_id),
        inspection_ids=[str(i) for i in dict.fromkeys(body.inspection_ids)],
        question=body.question, opinion_due_on=due, status="open", adopted_opinion_ids=[],
        created_by=principal.subject)
    repo.add(row)
    await session.flush()
    for p in body.participants:
        repo.add(ConsultationParticipant(id=uuid.uuid4(), consultation_id=row.id,
                                         kind=p.kind, agency_id=p.agency_id
                                         if p.kind == "agency" else None, name=p.name))
    await session.flush()
    return row


async def load(ctx: Ctx, consultation_id: uuid.UUID,
               for_update: bool = False) -> CaseConsultation:
    row = await ConsultationRepository(ctx.session).get_scoped(ctx.principal, consultation_id,
                                                               for_update)
    if row is None:
        raise errors.ConsultationNotFound(f"案件会商 {consultation_id} 不存在")
    return row


def _open(row: CaseConsultation) -> None:
    if row.status != "open":
        raise errors.ConsultationConcluded("会商已形成结论",
                                           rule=errors.ConsultationConcluded.article)


def _supervises(principal: Principal, row: CaseConsultation) -> bool:
    return principal.has("sysadmin") or (principal.has("supervisor") and in_region(
        row.region_code, principal.region_code))


async def add_opinion(ctx: Ctx, consultation_id: uuid.UUID,
                      body: ConsultationOpinionCreate) -> ConsultationOpinion:
    session, principal = ctx.session, ctx.principal
    row = await load(ctx, consultation_id, for_update=True)
    _open(row)
    repo = ConsultationRepository(session)
    participant = next((p for p in await repo.participants(row.id)
                        if p.id == body.participant_id), None)
    if participant is None:
        raise errors.ParticipantNotFound(f"会商参加方 {body.participant_id} 不存在")
    theirs = principal.has("agency_admin") and participant.agency_id is not None and str(
        principal.agency_id) == str(participant.agency_id)
    if not (theirs or _supervises(principal, row)):
        raise errors.ConsultationNotAllowed("只能提交本单位的书面意见")
    if await repo.opinion_of(participant.id) is not None:
        raise errors.OpinionExists("该参加方已提交书面意见", rule=errors.OpinionExists.article)
    opinion = ConsultationOpinion(
        id=uuid.uuid4(), consultation_id=row.id, participant_id=participant.id,
        position=body.position, legal_basis=body.legal_basis, reasons=body.reasons,
        late=today_legal() > row.opinion_due_on, submitted_by=principal.subject,
        submitted_at=utcnow())
    repo.add(opinion)
    await session.flush()
    return opinion


async def conclude(ctx: Ctx, row: CaseConsultation, body: ConclusionCreate) -> None:
    session, principal = ctx.session, ctx.principal
    own = principal.has("agency_admin") and str(principal.agency_id) == str(row.agency_id)
    if not (own or _supervises(principal, row)):
        raise errors.ConsultationNotAllowed("只有本辖区监督机构或本案执法机关可以形成会商结论")
    _open(row)
    opinions = {o.id for o in await ConsultationRepository(session).opinions(row.id)}
    if not opinions:
        raise errors.NoOpinions("尚未收到书面意见", rule=errors.NoOpinions.article)
    unknown = [str(i) for i in body.adopted_opinion_ids if i not in opinions]
    if unknown:
        raise kit_errors.UnprocessableEntity(f"采纳的意见不属于本次会商：{', '.join(unknown)}")
    row.status, row.outcome, row.conclusion = "concluded", body.outcome, body.conclusion
    row.adopted_opinion_ids = [str(i) for i in dict.fromkeys(body.adopted_opinion_ids)]
    row.concluded_by, row.concluded_at = principal.subject, utcnow()
    await session.flush()


async def parts(session: AsyncSession, consultation_id: uuid.UUID
                ) -> tuple[list[Any], list[Any]]:
    """(the consultation's participants, their opinions)."""
    repo = ConsultationRepository(session)
    return (list(await repo.participants(consultation_id)),
            list(await repo.opinions(consultation_id)))


async def page(ctx: Ctx, case_id: uuid.UUID | None, legal_review_id: uuid.UUID | None,
               cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """Consultations the caller may see, one keyset page."""
    rows, nxt = await ConsultationRepository(ctx.session).list(ctx.principal, case_id,
                                                               legal_review_id, cursor, limit)
    return list(rows), nxt


async def linked_to_review(ctx: Ctx, review_id: uuid.UUID,
                           case_id: uuid.UUID) -> list[dict[str, Any]]:
    """The consultations attached to a legal review or to its case (issue 15 point 5: "the
    opinions attach to the case and to its legal review"), each with its opinions summary
    (id, position, late) — read in one query, for the legal review's read."""
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for c, o in await ConsultationRepository(ctx.session).linked(ctx.principal, review_id,
                                                                 case_id):
        row = out.setdefault(c.id, {
            "id": c.id, "case_id": c.case_id, "legal_review_id": c.legal_review_id,
            "question": c.question, "opinion_due_on": c.opinion_due_on, "status": c.status,
            "outcome": c.outcome, "conclusion": c.conclusion,
            "adopted_opinion_ids": list(c.adopted_opinion_ids or []),
            "concluded_at": c.concluded_at, "opinions": []})
        if o is not None:
            row["opinions"].append({"id": o.id, "participant_id": o.participant_id,
                                    "position": o.position, "late": o.late})
    return list(out.values())
