"""社会评议 of proposed decisions (seed 001: "引入社会公众对拟作出的行政执法决定进行评议 …
合情合理性"; no procedural text found, UNVERIFIED — DOMAIN-WAVE2 §5 models it).

Rules (each a ReviewSettings / per-region choice, `social_evaluation_regions`):
- the class: in a configured region, a proposed decision with a fine of at least 1万元 on a
  person or 10万元 on an organisation, 责令停产停业 or 吊销许可证件 (the city rule's 重大
  thresholds), a listed matter code, or (optionally) any 重大 decision sent to 法制审核;
- the panel: `panel_size` (5) members drawn from the invited supervisors of the cohorts in
  office whose region contains the case's, with the platform's one draw (`common.draw.take`,
  `sha256-consistent-v1`) from a declared seed; pool, pool hash, panel and the members passed
  over are recorded, so anyone re-derives the panel from the seed;
- the panel sees the redacted proposed decision only (publicity's redaction engine);
- opinions 合法 / 合理 / 合情 with a comment, within `opinion_days` (7) of opening;
- the outcome is counted when concluded (all answered, or the window over); it does not bind
  the decision, but the deciding agency must answer it (adopted / not adopted with reasons)
  before `/decide` in cases, which asks `POST /social-evaluations/check`.

Decisions where the issue was silent: the evaluation may run alongside 法制审核 (cases needs
both before deciding); one evaluation per case; supervisors open, record opinions collected
from the panel and conclude; the case's agency answers."""

import uuid
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from common import draw
from common.calendar import today_legal
from common.scope import sees_row
from kit import errors as kit_errors
from kit.db import utcnow
from services.review.clients import CasesClient, PublicityClient
from services.review.config import ReviewSettings, SocialEvaluationClass
from services.review.context import Ctx
from services.review.social import errors
from services.review.social.models import PanelSeat, SocialEvaluation, SocialOpinion
from services.review.social.repository import SocialRepository
from services.review.social.schemas import (
    DIMENSIONS,
    RATINGS,
    AnswerCreate,
    EvaluationCreate,
    EvaluationStats,
    OpinionCreate,
    SocialCheck,
    SocialCheckRequest,
)

RULE = ("拟作出的行政执法决定属于本辖区确定的社会评议范围的，应当经社会评议，并由承办机关对评议"
        "意见作出采纳或者不予采纳（说明理由）的答复后方可作出决定；评议意见不约束决定"
        "（地方实践，DOMAIN-WAVE2 §5，UNVERIFIED）")
EVALUABLE = ("concluded", "notified", "hearing_requested")
PENALTY_LABELS = {"business_suspension": "责令停产停业", "license_revocation": "吊销许可证件"}


def class_for(settings: ReviewSettings, region_code: str) -> SocialEvaluationClass | None:
    """The region's class: the longest configured prefix of `region_code`."""
    best = max((p for p in settings.social_evaluation_regions if region_code.startswith(p)),
               key=len, default=None)
    return settings.social_evaluation_regions[best] if best is not None else None


def reasons_for(cls: SocialEvaluationClass, body: SocialCheckRequest) -> list[str]:
    out = []
    limit = cls.fine_person_fen if body.party_kind == "person" else cls.fine_organisation_fen
    if body.fine_fen >= limit:
        who = "自然人" if body.party_kind == "person" else "单位"
        out.append(f"对{who}罚款 {body.fine_fen / 100:.2f} 元，达到 {limit / 100:.2f} 元")
    for kind in sorted(set(body.penalty_kinds) & set(cls.penalty_kinds)):
        out.append(f"拟作出{PENALTY_LABELS.get(kind, kind)}")
    if body.matter_code and body.matter_code in cls.matter_codes:
        out.append(f"事项 {body.matter_code} 列入社会评议范围")
    if cls.major_decisions and body.major_decision:
        out.append("属于重大执法决定")
    return out


async def check(ctx: Ctx, body: SocialCheckRequest) -> SocialCheck:
    """Asked by cases before `/decide`: is an evaluation required, and is it answered?"""
    cls = class_for(ctx.settings, body.region_code)
    reasons = reasons_for(cls, body) if cls else []
    ev = await SocialRepository(ctx.session).by_case(body.case_id)
    out = SocialCheck(required=bool(reasons), reasons=reasons, rule=RULE,
                      answered=ev is not None and ev.answer is not None)
    if ev is not None and ev.agency_id == body.agency_id:
        out.evaluation_id, out.status, out.outcome = ev.id, ev.status, ev.outcome
        out.answer, out.answer_reasons = ev.answer, ev.answer_reasons
    else:
        out.answered = False
    return out


def _penalty_text(p: dict) -> str:
    amount = p.get("amount_fen")
    return f"{p.get('kind')}" + (f" {int(amount) / 100:.2f} 元" if amount else "")


async def open_evaluation(ctx: Ctx, body: EvaluationCreate) -> SocialEvaluation:
    session, settings, principal = ctx.session, ctx.settings, ctx.principal
    cases, publicity = CasesClient(ctx.up), PublicityClient(ctx.up)
    case = await cases.case(str(body.case_id))
    if case is None or not sees_row(principal, case.get("agency_id"), case.get("region_code")):
        raise kit_errors.UnprocessableEntity("引用了不存在的案件", case_id=str(body.case_id))
    if case.get("status") not in EVALUABLE or case.get("decision_number"):
        raise errors.CaseNotEvaluable(
            f"案件状态为 {case.get('status')}，须在调查终结后、作出决定前提交社会评议",
            rule=errors.CaseNotEvaluable.article, case_status=case.get("status"))
    repo = SocialRepository(session)
    if await repo.by_case(body.case_id) is not None:
        raise errors.EvaluationExists("该案件已有社会评议", case_id=str(body.case_id))
    region = case["region_code"]
    cls = class_for(settings, region) or SocialEvaluationClass()
    size = body.panel_size or cls.panel_size
    now = utcnow()
    today = today_legal(now)
    members = await repo.pool(region, today)
    status = {str(m.id): m.status for m in members}
    pool = sorted(status)
    panel, passed = draw.take(body.seed, pool, size,
                              lambda i: None if status[i] == "active" else "not_active")
    if len(panel) < size:
        raise errors.PanelUnavailable(
            f"在聘的特邀监督员 {len(panel)} 名，不足评议小组 {size} 名",
            rule=errors.PanelUnavailable.article, available=len(panel), panel_size=size)
    due = body.due_on or today + timedelta(days=cls.opinion_days)
    if due < today:
        raise kit_errors.UnprocessableEntity("评议期限不得早于今日")
    ev = SocialEvaluation(
        id=uuid.uuid4(), case_id=body.case_id, case_number=case.get("number"),
        agency_id=uuid.UUID(str(case["agency_id"])), region_code=region,
        summary=await _summary(case, publicity), seed=body.seed, algorithm=draw.ALGORITHM,
        pool=pool, pool_hash=draw.pool_hash(pool), panel_size=size, panel=panel,
        exclusions=passed, status="open", opened_by=principal.subject, opened_at=now,
        opened_on=today, due_on=due)
    repo.add(ev)
    await session.flush()
    users = {str(m.id): m.user_id for m in members}
    for member in panel:
        repo.add(PanelSeat(id=uuid.uuid4(), evaluation_id=ev.id, member_id=uuid.UUID(member),
                           user_id=users[member]))
    await session.flush()
    return ev


async def _summary(case: dict, publicity) -> dict:
    """The proposed decision as the panel sees it: no party identity, redacted texts."""
    conclusion = case.get("conclusion") or {}
    party = case.get("party") or {}
    texts = [case.get("facts") or "", conclusion.get("reasoning") or ""]
    red = await publicity.redact(texts, party)
    return {"matter": (case.get("matter") or {}).get("name"),
            "party_kind": party.get("kind"), "party": red["party_name"],
            "facts": red["texts"][0], "reasoning": red["texts"][1],
            "outcome": conclusion.get("outcome"),
            "discretion_tier": conclusion.get("discretion_tier"),
            "penalties": [_penalty_text(p) for p in conclusion.get("penalties") or []]}


async def load(ctx: Ctx, evaluation_id: uuid.UUID, lock: bool = False) -> SocialEvaluation:
    ev = await SocialRepository(ctx.session).get_scoped(ctx.principal, evaluation_id, lock)
    if ev is None:
        raise errors.EvaluationNotFound(f"社会评议 {evaluation_id} 不存在")
    return ev


async def opinions(session: AsyncSession, ev: SocialEvaluation) -> list[SocialOpinion]:
    return await SocialRepository(session).opinions(ev.id)


async def add_opinion(ctx: Ctx, evaluation_id: uuid.UUID,
                      body: OpinionCreate) -> SocialEvaluation:
    session, principal = ctx.session, ctx.principal
    ev = await load(ctx, evaluation_id, lock=True)
    if ev.status != "open" or today_legal() > ev.due_on:
        raise errors.OpinionWindowClosed(
            f"评议期限至 {ev.due_on}，当前状态 {ev.status}，不再接受意见",
            rule=errors.OpinionWindowClosed.article, due_on=ev.due_on.isoformat())
    if str(body.member_id) not in ev.panel:
        raise errors.NotOnPanel("该监督员不在本案评议小组中", rule=errors.NotOnPanel.article)
    repo = SocialRepository(session)
    if any(o.member_id == body.member_id for o in await repo.opinions(ev.id)):
        raise kit_errors.Conflict("该成员已提出评议意见", member_id=str(body.member_id))
    repo.add(SocialOpinion(id=uuid.uuid4(), evaluation_id=ev.id, member_id=body.member_id,
                           legality=body.legality, reasonableness=body.reasonableness,
                           fairness=body.fairness, comment=body.comment,
                           recorded_by=principal.subject, at=utcnow()))
    await session.flush()
    return ev


async def conclude(ctx: Ctx, evaluation_id: uuid.UUID) -> SocialEvaluation:
    """Counted once every panel member answered or the window is over."""
    session, principal = ctx.session, ctx.principal
    ev = await load(ctx, evaluation_id, lock=True)
    if ev.status != "open":
        raise errors.EvaluationStateConflict("评议已结束", status_now=ev.status)
    got = await opinions(session, ev)
    if len(got) < len(ev.panel) and today_legal() <= ev.due_on:
        raise errors.EvaluationStateConflict(
            f"评议小组 {len(ev.panel)} 人中已有 {len(got)} 人提出意见，评议期限至 {ev.due_on}",
            status_now=ev.status, rule=errors.OpinionWindowClosed.article)
    ev.outcome = {"panel": len(ev.panel), "answered": len(got),
                  **{d: {r: sum(1 for o in got if getattr(o, d) == r) for r in RATINGS}
                     for d in DIMENSIONS}}
    ev.status, ev.concluded_by, ev.concluded_at = "concluded", principal.subject, utcnow()
    await session.flush()
    return ev


async def answer(ctx: Ctx, evaluation_id: uuid.UUID, body: AnswerCreate) -> SocialEvaluation:
    """The deciding agency's answer: adopted, or not adopted with its reasons."""
    session, principal = ctx.session, ctx.principal
    ev = await load(ctx, evaluation_id, lock=True)
    if ev.status != "concluded":
        raise errors.EvaluationStateConflict("评议尚未结束，不能答复", status_now=ev.status,
                                             rule=RULE)
    if ev.answer is not None:
        raise errors.EvaluationStateConflict("已对评议意见作出答复", status_now=ev.status)
    ev.answer = "adopted" if body.adopted else "not_adopted"
    ev.answer_reasons, ev.answered_by, ev.answered_at = body.reasons, principal.subject, utcnow()
    await session.flush()
    return ev


async def my_evaluations(ctx: Ctx, cursor: str | None, limit: int):
    return await SocialRepository(ctx.session).seated(ctx.principal.subject, cursor, limit)


async def my_evaluation(ctx: Ctx, evaluation_id: uuid.UUID) -> SocialEvaluation:
    rows, _ = await SocialRepository(ctx.session).seated(ctx.principal.subject, None, 1,
                                                         evaluation_id)
    if not rows:
        raise errors.EvaluationNotFound(f"社会评议 {evaluation_id} 不存在")
    return rows[0]


async def list_evaluations(ctx: Ctx, **kw):
    return await SocialRepository(ctx.session).list(ctx.principal, **kw)


async def stats(ctx: Ctx, year: int) -> list[EvaluationStats]:
    rows = await SocialRepository(ctx.session).stats(ctx.principal, date(year, 1, 1),
                                                     date(year + 1, 1, 1))
    return [EvaluationStats(year=year, agency_id=a, evaluated=n, concluded=c, answered=ans,
                            adopted=ad, adoption_rate=round(ad / ans, 4) if ans else None)
            for a, n, c, ans, ad in rows]
