"""法制审核 rules (行政处罚法第五十八条; 国办发〔2018〕118号).

Decisions where the issue was silent:
- Reviews are opened only by the `case.review_requested` event, one per (case_id, round);
  a repeated request for the same round is a no-op (the inbox already drops redeliveries).
- Status is `pending` until the opinion is recorded, then `completed`; the reviewer is a field,
  so `?status=pending` is the open queue and `mine=true` narrows it to the caller's own reviews.
- Recusal (回避, 行政处罚法第四十三条 by analogy): a reviewer whose `officer_id` is among the
  case's `officer_ids` may not review it.
- A reviewer whose officer was recused on the case (回避 granted by the agency head in cases,
  行政处罚法第四十三条) may neither be assigned nor record the opinion: before either step review
  asks cases for the case's recusals over HTTP (`recused`, a service-token call; no copy is
  kept), so a recusal decided after the review was opened still counts.
- "First review" (第五十八条第二款): a reviewer with no completed review yet must hold 法律职业资格;
  after the first completed review the profile counts `completed_reviews` and the rule is met.
- `approved` needs all ten checklist points passed; a failed point needs a note.
- A reviewer profile's `user_id` is matched against the token's subject (the account id) or,
  failing that, its username, so profiles may be registered under either.
"""

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import LEGAL_TZ, WorkingCalendar, today_legal
from common.money import fen_to_yuan
from common.principal import Principal
from common.scope import AgencyRegionLookup, check_agency_region
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.clients import CasesClient
from services.review.context import Ctx
from services.review.legal import errors
from services.review.legal.models import LegalReview, MajorDecisionCatalogue, Reviewer
from services.review.legal.repository import (
    CatalogueRepository,
    ReviewerRepository,
    ReviewRepository,
)
from services.review.legal.schemas import (
    CHECKLIST_LABELS,
    CatalogueCreate,
    CatalogueRules,
    MajorDecisionCheck,
    MajorDecisionResult,
    OpinionRequest,
    ReviewerCreate,
)

RECUSAL_RULE = "行政处罚法第四十三条"
QUALIFICATION_RULE = "行政处罚法第五十八条第二款"


def _parse_time(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return utcnow()
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LEGAL_TZ)


async def open_review(session: AsyncSession, calendar: WorkingCalendar, working_days: int,
                      payload: dict[str, Any]) -> LegalReview:
    """Open the review of one (case_id, round), or return the one already open."""
    case_id, round_ = uuid.UUID(str(payload["case_id"])), int(payload.get("round") or 1)
    repo = ReviewRepository(session)
    if (existing := await repo.get_by_case_round(case_id, round_)) is not None:
        return existing
    requested_at = _parse_time(payload.get("requested_at"))
    due = calendar.add_days(today_legal(requested_at), working_days, "working",
                            basis="法制审核期限（本地规定，默认10个工作日）")
    review = LegalReview(
        case_id=case_id, round=round_, agency_id=uuid.UUID(str(payload["agency_id"])),
        region_code=str(payload.get("region_code") or ""), case_number=payload.get("case_number"),
        request=payload, officer_ids=[str(o) for o in payload.get("officer_ids") or []],
        status="pending", requested_at=requested_at, due_date=due.due_on,
        due_provisional=due.provisional)
    session.add(review)
    await session.flush()
    return review


async def create_reviewer(ctx: Ctx, body: ReviewerCreate,
                          regions: AgencyRegionLookup) -> Reviewer:
    """Agency admins register their own agency's reviewers; supervisors those of their region
    (an agency reviewer: the agency's REAL region, from personnel)."""
    session, principal = ctx.session, ctx.principal
    if body.agency_id is not None and (
            real := await check_agency_region(principal, body.agency_id, regions)):
        body = body.model_copy(update={"region_code": real})
    if not principal.has("sysadmin"):
        if principal.has("supervisor"):
            if not body.region_code.startswith(principal.region_code or "-"):
                raise kit_errors.Forbidden("只能登记本辖区的审核人员")
        elif body.agency_id is None or str(body.agency_id) != principal.agency_id:
            raise kit_errors.Forbidden("只能登记本单位的审核人员")
    if await ReviewerRepository(session).by_user(body.user_id) is not None:
        raise errors.ReviewerExists(f"用户 {body.user_id} 已有审核人员档案")
    reviewer = Reviewer(**body.model_dump())
    session.add(reviewer)
    await session.flush()
    return reviewer


def eligibility_problems(reviewer: Reviewer, review: LegalReview) -> None:
    """Raise the first reason `reviewer` may not take `review`."""
    if reviewer.agency_id is not None and reviewer.agency_id != review.agency_id:
        raise errors.ReviewerOutOfScope("审核人员不属于该案件的执法单位")
    if reviewer.agency_id is None and not review.region_code.startswith(reviewer.region_code):
        raise errors.ReviewerOutOfScope("审核人员不属于该案件所在辖区")
    if reviewer.officer_id is not None and str(reviewer.officer_id) in review.officer_ids:
        raise errors.ReviewerRecused("审核人员是本案承办执法人员，应当回避", rule=RECUSAL_RULE)
    if reviewer.completed_reviews == 0 and not reviewer.has_legal_qualification:
        raise errors.ReviewerNotQualified(
            "该审核人员初次从事法制审核，但未取得法律职业资格", rule=QUALIFICATION_RULE)


async def ensure_not_recused(reviewer: Reviewer, review: LegalReview,
                             recused: Callable[[Any], Awaitable[set[str]]]) -> None:
    """The reviewer's officer is not among the officers recused on the case (asked of cases
    only when the profile names an officer)."""
    if reviewer.officer_id is not None and str(reviewer.officer_id) in await recused(
            review.case_id):
        raise errors.ReviewerRecused("审核人员已被决定在本案回避，不得审核本案",
                                     rule=RECUSAL_RULE)


async def load_review(ctx: Ctx, review_id: uuid.UUID, for_update: bool = False) -> LegalReview:
    review = await ReviewRepository(ctx.session).get_scoped(ctx.principal, review_id,
                                                            for_update)
    if review is None:
        raise errors.LegalReviewNotFound(f"法制审核 {review_id} 不存在")
    return review


async def assign_review(ctx: Ctx, review_id: uuid.UUID, reviewer_id: uuid.UUID) -> LegalReview:
    """Route the review to a reviewer; the case's recusals are asked of cases (service token)."""
    session, recused = ctx.session, CasesClient(ctx.up).recused_officers
    review = await load_review(ctx, review_id, for_update=True)
    if review.status == "completed":
        raise errors.ReviewAlreadyCompleted("法制审核已完成，不能再分配")
    reviewer = await ReviewerRepository(session).get(reviewer_id)
    if reviewer is None or not reviewer.is_active:
        raise errors.ReviewerNotFound(f"审核人员 {reviewer_id} 不存在或已停用")
    eligibility_problems(reviewer, review)
    await ensure_not_recused(reviewer, review, recused)
    review.reviewer_id, review.reviewer_name = reviewer.id, reviewer.name
    review.assigned_at = utcnow()
    await session.flush()
    return review


def _check_consistency(body: OpinionRequest) -> None:
    failed = [k for k, item in body.checklist.items() if not item.passed]
    if body.outcome == "approved" and failed:
        raise errors.ChecklistInconsistent(
            "审核要点未全部通过，不能作出“同意”结论",
            failed=[CHECKLIST_LABELS[k] for k in failed])
    if blank := [k for k in failed if not body.checklist[k].note]:
        raise errors.ChecklistInconsistent("未通过的审核要点须写明理由",
                                           failed=[CHECKLIST_LABELS[k] for k in blank])


async def record_opinion(ctx: Ctx, review_id: uuid.UUID, body: OpinionRequest) -> LegalReview:
    """The assigned reviewer records the 法制审核意见书; the result goes to cases."""
    session, principal = ctx.session, ctx.principal
    recused = CasesClient(ctx.up).recused_officers
    review = await load_review(ctx, review_id, for_update=True)
    if review.status == "completed":
        raise errors.ReviewAlreadyCompleted("该法制审核已出具意见")
    reviewer = await ReviewerRepository(session).for_principal(principal)
    if review.reviewer_id is None or reviewer is None or reviewer.id != review.reviewer_id:
        raise errors.ReviewNotAssigned("只有被分配的审核人员可以出具审核意见")
    _check_consistency(body)
    eligibility_problems(reviewer, review)
    await ensure_not_recused(reviewer, review, recused)
    review.outcome, review.opinion = body.outcome, body.opinion
    review.checklist = {k: v.model_dump() for k, v in body.checklist.items()}
    review.status, review.completed_at = "completed", utcnow()
    reviewer.completed_reviews += 1
    await session.flush()
    await ctx.outbox.emit(session, "review.completed", {
        "review_id": str(review.id), "case_id": str(review.case_id), "round": review.round,
        "outcome": review.outcome, "opinion": review.opinion,
        "reviewer_name": reviewer.name, "completed_at": review.completed_at.isoformat(),
    }, aggregate_id=str(review.case_id))
    return review


async def list_reviews(ctx: Ctx, *, status: str | None, mine: bool, overdue: bool,
                       cursor: str | None, limit: int) -> tuple[list[LegalReview], str | None]:
    session, principal = ctx.session, ctx.principal
    reviewer_id = None
    if mine:
        reviewer = await ReviewerRepository(session).for_principal(principal)
        reviewer_id = reviewer.id if reviewer else uuid.uuid4()  # none of theirs
    return await ReviewRepository(session).list(
        principal, status=status, reviewer_id=reviewer_id,
        overdue_on=today_legal() if overdue else None, cursor=cursor, limit=limit)


def is_overdue(review: LegalReview, today: date | None = None) -> bool:
    return review.status == "pending" and review.due_date < (today or today_legal())


async def create_catalogue(ctx: Ctx, body: CatalogueCreate,
                           regions: AgencyRegionLookup) -> MajorDecisionCatalogue:
    """A new version of an agency's or a region's 重大执法决定目录 (older versions are kept);
    an agency's only by a supervisor of the agency's REAL region or its own admin."""
    session, principal = ctx.session, ctx.principal
    if body.agency_id is not None and await check_agency_region(
            principal, body.agency_id, regions):
        return await _new_catalogue(session, principal, body)
    if not principal.has("sysadmin"):
        if principal.has("supervisor"):
            if body.region_code is None or not body.region_code.startswith(
                    principal.region_code or "-"):
                raise errors.CatalogueScopeDenied("监督人员只能维护本辖区的目录")
        elif body.agency_id is None or str(body.agency_id) != principal.agency_id:
            raise errors.CatalogueScopeDenied("单位管理员只能维护本单位的目录")
    return await _new_catalogue(session, principal, body)


async def _new_catalogue(session: AsyncSession, principal: Principal,
                         body: CatalogueCreate) -> MajorDecisionCatalogue:
    version = await CatalogueRepository(session).next_version(body.agency_id, body.region_code)
    catalogue = MajorDecisionCatalogue(
        agency_id=body.agency_id, region_code=body.region_code, name=body.name, version=version,
        rules=body.rules.model_dump(mode="json"), created_by=principal.subject)
    session.add(catalogue)
    await session.flush()
    return catalogue


async def find_catalogue(session: AsyncSession, agency_id: uuid.UUID,
                         region_code: str) -> MajorDecisionCatalogue | None:
    """The agency's own catalogue, else the one of the longest region prefix, else none."""
    repo = CatalogueRepository(session)
    if (own := await repo.latest_for_agency(agency_id)) is not None:
        return own
    prefixes = [region_code[:n] for n in range(2, len(region_code) + 1)]
    return await repo.latest_for_regions(prefixes)


def major_reasons(rules: CatalogueRules, body: MajorDecisionCheck) -> list[str]:
    """Why the proposed decision is a 重大执法决定 (empty list: it is not)."""
    is_person = body.party_kind in rules.person_party_kinds
    threshold = rules.person_fine_threshold if is_person else rules.organization_fine_threshold
    who = "公民" if is_person else "法人或其他组织"
    reasons = []
    for p in body.penalties:
        if p.kind in rules.amount_kinds and p.amount is not None and p.amount >= threshold:
            reasons.append(f"对{who}处{fen_to_yuan(p.amount)}元（{p.kind}），"
                           f"达到目录标准{fen_to_yuan(threshold)}元")
        if p.kind in rules.major_kinds:
            reasons.append(f"拟{rules.major_kinds[p.kind]}")
    # the four triggers of 行政处罚法第五十八条第一款 apply whatever the local catalogue says;
    # only the local additions (amounts, kinds, discretion, transfer) follow its switches
    flags = [(body.hearing_held, "经过听证程序（行政处罚法第五十八条）"),
             (rules.outside_discretion and body.outside_discretion, "超出裁量基准作出决定"),
             (rules.criminal_transfer and body.transfer_judicial, "涉嫌犯罪移送司法机关"),
             (body.major_public_interest, "涉及重大公共利益（行政处罚法第五十八条）"),
             (body.complex_case, "案件情况疑难复杂、涉及多个法律关系（行政处罚法第五十八条）"),
             (body.other_law, "法律、法规规定应当进行法制审核（行政处罚法第五十八条第一款第四项）")]
    return reasons + [text for hit, text in flags if hit]


async def check_major(session: AsyncSession, body: MajorDecisionCheck) -> MajorDecisionResult:
    catalogue = await find_catalogue(session, body.agency_id, body.region_code)
    rules = CatalogueRules.model_validate(catalogue.rules) if catalogue else CatalogueRules()
    reasons = major_reasons(rules, body)
    return MajorDecisionResult(
        required=bool(reasons), reasons=reasons,
        catalogue_id=catalogue.id if catalogue else None,
        catalogue_name=catalogue.name if catalogue else "默认重大执法决定目录")


async def list_reviewers(ctx: Ctx) -> list[Reviewer]:
    """The reviewers of the caller's agency or region."""
    return list(await ReviewerRepository(ctx.session).list(ctx.principal))
