"""委托协议 rules (行政处罚法第二十条–第二十一条).

Decisions where the statute is silent: the law requires a written agreement stating matters,
powers and term, published by both sides (第二十条第二款); 备案 (filing) and the annual
evaluation come from local practice, so they are recorded and shown but do not, by themselves,
make an agreement invalid. An agreement is usable on a date when it is in its term, not
terminated on or before that date, and published on or before that date."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit import errors
from kit.db import utcnow
from services.cases.context import Ctx
from services.cases.entrustment import schemas
from services.cases.entrustment.errors import (
    AgreementInvalid,
    AgreementNotActive,
    AgreementNotFound,
    EntrustmentAgreementRequired,
)
from services.cases.entrustment.models import EntrustmentAgreement, EntrustmentEvaluation
from services.cases.entrustment.repository import AgreementRepository

RULE = "行政处罚法第二十条"


def agreement_defects(agreement: EntrustmentAgreement, on_date: date) -> list[str]:
    """Why `agreement` cannot be relied on for a case filed on `on_date` (empty = usable)."""
    reasons: list[str] = []
    if agreement.terminated_on is not None and agreement.terminated_on <= on_date:
        reasons.append(f"委托协议{agreement.number}已于{agreement.terminated_on}终止")
    if on_date < agreement.valid_from:
        reasons.append(f"委托协议{agreement.number}自{agreement.valid_from}起生效")
    if on_date > agreement.valid_until:
        reasons.append(f"委托协议{agreement.number}已于{agreement.valid_until}到期")
    if agreement.published_on is None or agreement.published_on > on_date:
        reasons.append(f"委托书{agreement.number}未向社会公布（行政处罚法第二十条第二款）")
    return reasons


async def require_valid_agreement(session: AsyncSession, matter: object,
                                  agency_id: uuid.UUID | str,
                                  on_date: date) -> EntrustmentAgreement:
    """The agreement under which `agency_id` may handle the entrusted `matter` on `on_date`.

    Called by cases-core at 立案 (`/file`) and by the summary procedure for matters whose
    `source == "entrusted"`; the case is then decided in the name of
    `agreement.delegating_agency_name` (第二十条第三款: 以委托行政机关名义实施). Raises
    `EntrustmentAgreementRequired` (409, rule 行政处罚法第二十条) with each candidate's reasons."""
    matter_id = matter.id  # type: ignore[attr-defined]
    agency = uuid.UUID(str(agency_id))
    candidates = await AgreementRepository(session).for_matter(matter_id, agency)
    reasons: list[str] = []
    for agreement in candidates:
        defects = agreement_defects(agreement, on_date)
        if not defects:
            return agreement
        reasons.extend(defects)
    if not candidates:
        reasons.append("没有将该事项委托给本机构的委托协议")
    raise EntrustmentAgreementRequired(
        f"{on_date} 没有覆盖该事项的有效委托协议，不得以受委托组织身份实施处罚",
        rule=RULE, reasons=reasons)


def _owner_scope(body: schemas.AgreementCreate, principal: Principal) -> tuple[uuid.UUID, str]:
    if principal.has("sysadmin"):
        if body.agency_id is None or body.region_code is None:
            raise AgreementInvalid("系统管理员登记时须指明受委托组织和区划代码",
                                   errors=[{"field": "agency_id", "message": "必填"}])
        return body.agency_id, body.region_code
    if not principal.agency_id or not principal.region_code:
        raise errors.Forbidden("令牌未携带机构信息")
    own = uuid.UUID(principal.agency_id)
    if body.agency_id not in (None, own):
        raise errors.Forbidden("只能登记本机构作为受委托组织的委托协议")
    return own, principal.region_code


async def _check_matters(session: AsyncSession, body: schemas.AgreementCreate,
                         agency_id: uuid.UUID) -> None:
    """Every matter must exist and be catalogued as entrusted (委托); an entrusted matter sits in
    the delegating department's catalogue (or, if that department is not registered here, in
    the entrusted agency's)."""
    found = {m.id: m for m in await AgreementRepository(session).matters(body.matter_ids)}
    owners = {agency_id, body.delegating_agency_id}
    problems = []
    for matter_id in dict.fromkeys(body.matter_ids):
        matter = found.get(matter_id)
        if matter is None:
            problems.append({"field": "matter_ids", "message": f"执法事项 {matter_id} 不存在"})
        elif matter.source != "entrusted":
            problems.append({"field": "matter_ids",
                             "message": f"执法事项 {matter.code} 不是受委托事项"})
        elif matter.agency_id not in owners:
            problems.append({"field": "matter_ids",
                             "message": f"执法事项 {matter.code} 不属于委托机关的清单"})
    if problems:
        raise AgreementInvalid("委托协议所列事项不符合要求", errors=problems)


async def create_agreement(ctx: Ctx, body: schemas.AgreementCreate) -> EntrustmentAgreement:
    """Register a written 委托书; refuses sub-delegation (第二十条第三款)."""
    agency_id, region_code = _owner_scope(body, ctx.principal)
    if body.valid_until < body.valid_from:
        raise AgreementInvalid("委托期限的截止日期早于起始日期", rule=RULE,
                               errors=[{"field": "valid_until", "message": "应不早于起始日期"}])
    if body.delegating_agency_id == agency_id:
        raise AgreementInvalid("委托机关与受委托组织不能相同", rule=RULE)
    repo = AgreementRepository(ctx.session)
    if await repo.number_taken(agency_id, body.number):
        raise errors.Conflict(f"委托书编号 {body.number} 已登记")
    if body.delegating_agency_id is not None:
        for matter_id in body.matter_ids:
            if await repo.for_matter(matter_id, body.delegating_agency_id):
                raise AgreementInvalid("委托机关本身是该事项的受委托组织，不得再委托",
                                       rule="行政处罚法第二十条第三款",
                                       matter_id=str(matter_id))
    await _check_matters(ctx.session, body, agency_id)
    agreement = EntrustmentAgreement(
        agency_id=agency_id, agency_name=body.agency_name, region_code=region_code,
        number=body.number, delegating_agency_id=body.delegating_agency_id,
        delegating_agency_name=body.delegating_agency_name,
        delegating_agency_uscc=body.delegating_agency_uscc, powers=body.powers,
        valid_from=body.valid_from, valid_until=body.valid_until,
        published_on=body.published_on, publication_ref=body.publication_ref,
        created_by=ctx.principal.subject)
    await repo.add(agreement, body.matter_ids)
    return agreement


async def load(ctx: Ctx, agreement_id: uuid.UUID,
               for_update: bool = False) -> EntrustmentAgreement:
    agreement = await AgreementRepository(ctx.session).get(agreement_id, ctx.principal,
                                                           for_update)
    if agreement is None:
        raise AgreementNotFound(agreement_id=str(agreement_id))
    return agreement


def _require_active(agreement: EntrustmentAgreement) -> None:
    if agreement.status != "active":
        raise AgreementNotActive(f"委托协议已于{agreement.terminated_on}终止", rule=RULE)


async def publish_agreement(agreement: EntrustmentAgreement,
                            body: schemas.AgreementPublication) -> None:
    _require_active(agreement)
    agreement.published_on, agreement.publication_ref = body.published_on, body.publication_ref


async def file_agreement(agreement: EntrustmentAgreement, body: schemas.AgreementFiling) -> None:
    """备案: recorded with its reference; filing twice keeps the first record."""
    _require_active(agreement)
    if agreement.filing_status == "filed":
        raise errors.Conflict(f"委托协议已于{agreement.filed_on}备案")
    agreement.filing_status, agreement.filed_on = "filed", body.filed_on
    agreement.filing_ref = body.filing_ref


async def terminate_agreement(agreement: EntrustmentAgreement,
                              body: schemas.AgreementTermination) -> None:
    _require_active(agreement)
    if body.terminated_on < agreement.valid_from:
        raise AgreementInvalid("终止日期早于委托起始日期",
                               errors=[{"field": "terminated_on", "message": "过早"}])
    agreement.status, agreement.terminated_on = "terminated", body.terminated_on
    agreement.termination_reason = body.reason
    agreement.updated_at = utcnow()


async def evaluate_agreement(ctx: Ctx, agreement: EntrustmentAgreement,
                             body: schemas.EvaluationCreate) -> EntrustmentEvaluation:
    """年度评估: one per agreement and year."""
    if await AgreementRepository(ctx.session).evaluation_exists(agreement.id, body.year):
        raise errors.Conflict(f"{body.year} 年度评估已登记")
    evaluation = EntrustmentEvaluation(
        agreement_id=agreement.id, year=body.year, result=body.result,
        evaluated_on=body.evaluated_on, comments=body.comments, findings=body.findings,
        evaluated_by=ctx.principal.subject)
    ctx.session.add(evaluation)
    await ctx.session.flush()
    return evaluation


async def read_many(session: AsyncSession, agreements: list[EntrustmentAgreement]
                    ) -> list[schemas.AgreementRead]:
    """Batch-load matters and evaluations (no N+1)."""
    repo = AgreementRepository(session)
    ids = [a.id for a in agreements]
    matters, evaluations = await repo.matter_ids(ids), await repo.evaluations(ids)
    return [schemas.AgreementRead.model_validate(a).model_copy(update={
        "matter_ids": sorted(matters.get(a.id, []), key=str),
        "evaluations": [schemas.EvaluationRead.model_validate(e)
                        for e in evaluations.get(a.id, [])]}) for a in agreements]


async def list_agreements(ctx: Ctx, *, cursor: str | None, limit: int,
                          matter_id: uuid.UUID | None, status: str | None,
                          valid_on: date | None) -> tuple[list[EntrustmentAgreement], str | None]:
    return await AgreementRepository(ctx.session).list(
        ctx.principal, limit=limit, cursor=cursor, matter_id=matter_id, status=status,
        valid_on=valid_on)
