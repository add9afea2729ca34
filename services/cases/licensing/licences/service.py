"""The life of a licence (行政许可法第八条、第四十九条、第五十条、第六十九条、第七十条、
第七十九条): change, renewal with deemed renewal at expiry, withdrawal, revocation,
cancellation; `licence.revoked` tells publicity to withdraw the public record."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.calendar import WorkingCalendar, today_legal
from services.cases.licensing import schemas as ls
from services.cases.licensing.errors import (
    LicenceActionNotAllowed,
    LicenceNotFound,
    RenewalTooLate,
)
from services.cases.licensing.licences import schemas
from services.cases.licensing.licences.repository import (
    ENDED,
    REGISTRY,
    LicenceRepository,
    StatisticsRepository,
)
from services.cases.licensing.models import Licence, LicenceEvent, LicenceMatter
from services.cases.licensing.repository import ApplicationRepository
from services.cases.licensing.service import Ctx, add_years, ban_applicant, deem_accepted

__all__ = ["CANCEL_RULES", "REGISTRY", "REVOKE_RULES", "allowed_actions", "apply_renewal", "cancel",
           "change", "decide_renewal", "get", "history", "legacy_figures", "page", "revoke",
           "settle", "settle_acceptances", "settle_all", "settle_worker", "withdraw"]
log = logging.getLogger("zhifa.cases.licensing")
VALID = ("active", "changed")
REVOKE_RULES = {
    "abuse_of_power": "行政许可法第六十九条第一款第一项",
    "beyond_authority": "行政许可法第六十九条第一款第二项",
    "illegal_procedure": "行政许可法第六十九条第一款第三项",
    "unqualified_applicant": "行政许可法第六十九条第一款第四项",
    "other": "行政许可法第六十九条第一款第五项",
    "fraud_or_bribery": "行政许可法第六十九条第二款",
}
CANCEL_RULES = {
    "expired_not_renewed": "行政许可法第七十条第一项",
    "holder_died": "行政许可法第七十条第二项",
    "entity_terminated": "行政许可法第七十条第三项",
    "revoked_or_withdrawn": "行政许可法第七十条第四项",
    "force_majeure": "行政许可法第七十条第五项",
    "other": "行政许可法第七十条第六项",
}


async def get(ctx: Ctx, licence_id: uuid.UUID, for_update: bool = False) -> Licence:
    """The licence in the principal's scope (row-locked `for_update`); `LicenceNotFound` if it
    does not exist or is out of scope."""
    lic = await LicenceRepository(ctx.session).get(licence_id, ctx.principal, for_update)
    if lic is None:
        raise LicenceNotFound(f"许可证件 {licence_id} 不存在或不在您的管辖范围内",
                              licence_id=str(licence_id))
    return lic


async def page(ctx: Ctx, *, status: str | None,
               matter_id: uuid.UUID | None, agency_id: uuid.UUID | None, holder: str | None,
               valid_to_before: date | None, cursor: str | None,
               limit: int) -> tuple[list[Licence], str | None]:
    """The licences in scope, newest first (`LicenceRepository.list` filters)."""
    return await LicenceRepository(ctx.session).list(
        ctx.principal, status=status, matter_id=matter_id, agency_id=agency_id, holder=holder,
        valid_to_before=valid_to_before, cursor=cursor, limit=limit)


async def history(session: AsyncSession,
                  lic: Licence) -> tuple[LicenceMatter | None, list[LicenceEvent]]:
    """The matter version a licence was granted under and its events, oldest first."""
    matter = await session.get(LicenceMatter, lic.matter_id)
    return matter, await LicenceRepository(session).events(lic.id)


async def legacy_figures(ctx: Ctx, year: int, agency_id: uuid.UUID | None
                         ) -> tuple[list[ls.StatisticsRow], ls.StatisticsRow]:
    """The figures of before the registry: per matter series (by matter code) and the total,
    for the whole year."""
    repo = StatisticsRepository(ctx.session)
    counts = await repo.counts(ctx.principal, year, agency_id)
    names = await repo.matter_names(set(counts))
    rows = [ls.StatisticsRow(matter_series_id=s, matter_code=names.get(s, (None, None))[0],
                             matter_name=names.get(s, (None, None))[1], **c)
            for s, c in sorted(counts.items(), key=lambda kv: names.get(kv[0], ("", ""))[0])]
    total = {k: sum(getattr(r, k) for r in rows)
             for k in ("applications", "accepted", "granted", "refused", "revoked")}
    return rows, ls.StatisticsRow(matter_series_id=None, matter_code=None, matter_name=None,
                                  **total)


def allowed_actions(lic: Licence) -> list[str]:
    if lic.status in VALID:
        acts = ["change", "withdraw", "revoke", "cancel"]
        if lic.valid_to is not None:
            acts.insert(1, "renewal")
        return acts
    if lic.status == "renewal_pending":
        return ["renewal-decision", "withdraw", "revoke", "cancel"]
    if lic.status == "cancelled":
        return []
    return ["cancel"]


def _refuse(lic: Licence, action: str, rule: str) -> None:
    if action not in allowed_actions(lic):
        raise LicenceActionNotAllowed(f"许可证件当前状态为 {lic.status}，不得执行 {action}",
                                      rule=rule, state=lic.status,
                                      allowed_actions=allowed_actions(lic))


def _event(ctx: Ctx, lic: Licence, kind: str, on: date, granted: bool | None,
           **detail: Any) -> None:
    ctx.session.add(LicenceEvent(licence_id=lic.id, agency_id=lic.agency_id,
                                 region_code=lic.region_code,
                                 matter_series_id=lic.matter_series_id, kind=kind,
                                 granted=granted, on_date=on, detail=detail,
                                 created_by=ctx.actor()))


def _apply(lic: Licence, changes: schemas.LicenceChanges) -> dict[str, Any]:
    done = changes.model_dump(exclude_none=True)
    for field, value in done.items():
        setattr(lic, field, value)
    return done


async def change(ctx: Ctx, lic: Licence, body: schemas.ChangeBody) -> None:
    """变更 on the licensee's application (第四十九条)."""
    _refuse(lic, "change", "行政许可法第四十九条")
    done = _apply(lic, body.changes) if body.granted else {}
    if body.granted:
        lic.status = "changed"
    _event(ctx, lic, "change", body.decided_on, body.granted, applied_on=str(body.applied_on),
           changes=done, reasons=body.reasons, rule="行政许可法第四十九条")


async def apply_renewal(ctx: Ctx, lic: Licence, body: schemas.RenewalBody) -> None:
    """延续申请 at least 30 days before expiry (第五十条第一款; the lead time is a setting)."""
    _refuse(lic, "renewal", "行政许可法第五十条")
    lead = ctx.settings.licence_renewal_lead_days
    assert lic.valid_to is not None
    latest = lic.valid_to - timedelta(days=lead)
    if body.applied_on > latest:
        raise RenewalTooLate(f"应当在有效期届满{lead}日前（{latest}前）提出延续申请",
                             rule="行政许可法第五十条第一款", latest_on=latest.isoformat())
    lic.renewal = {"applied_on": body.applied_on.isoformat(), "previous_status": lic.status}
    lic.status = "renewal_pending"


def _extend_validity(lic: Licence, matter: LicenceMatter) -> date:
    assert lic.valid_to is not None
    years = matter.certificate.get("validity_years") or 1
    start = lic.valid_to + timedelta(days=1)
    lic.valid_to = add_years(start, years) - timedelta(days=1)
    return start


async def decide_renewal(ctx: Ctx, lic: Licence, body: schemas.RenewalDecisionBody) -> None:
    """决定是否准予延续, before expiry (第五十条第二款); after it the licence stands renewed."""
    if await settle(ctx.session, lic, body.decided_on):
        raise LicenceActionNotAllowed("有效期届满前未作出决定，已视为准予延续",
                                      rule="行政许可法第五十条第二款", state=lic.status)
    _refuse(lic, "renewal-decision", "行政许可法第五十条第二款")
    renewal = dict(lic.renewal or {})
    if body.granted:
        matter = await ctx.session.get(LicenceMatter, lic.matter_id)
        assert matter is not None
        renewal["renewed_from"] = _extend_validity(lic, matter).isoformat()
        lic.status = "active"
    else:
        lic.status = renewal.get("previous_status") or "active"
    renewal.update(decided_on=body.decided_on.isoformat(), granted=body.granted)
    lic.renewal = renewal
    _event(ctx, lic, "renewal", body.decided_on, body.granted, reasons=body.reasons,
           rule="行政许可法第五十条")


async def settle(session: AsyncSession, lic: Licence, on: date) -> bool:
    """At `on`, a licence past its last valid day: a pending renewal is deemed granted
    (视为准予延续, 第五十条第二款), any other valid one has expired. True when changed."""
    if lic.valid_to is None or lic.valid_to >= on:
        return False
    if lic.status == "renewal_pending":
        matter = await session.get(LicenceMatter, lic.matter_id)
        assert matter is not None
        expiry = lic.valid_to
        renewed_from = _extend_validity(lic, matter)
        lic.renewal = {**(lic.renewal or {}), "deemed_renewed_on": renewed_from.isoformat(),
                       "granted": True}
        lic.status = "active"
        session.add(LicenceEvent(licence_id=lic.id, agency_id=lic.agency_id,
                                 region_code=lic.region_code,
                                 matter_series_id=lic.matter_series_id, kind="deemed_renewal",
                                 granted=None, on_date=renewed_from,
                                 detail={"expired_on": expiry.isoformat(),
                                         "rule": "行政许可法第五十条第二款"},
                                 created_by="system"))
        return True
    if lic.status in VALID:
        lic.status, lic.ended_on = "expired", lic.valid_to + timedelta(days=1)
        return True
    return False


async def settle_all(session: AsyncSession, on: date | None = None) -> tuple[int, int]:
    """The callable behind the background job: settle every lapsing licence at `on`."""
    on = on or today_legal()
    renewed = expired = 0
    for lic in await LicenceRepository(session).lapsing(on):
        was = lic.status
        if await settle(session, lic, on):
            renewed += was == "renewal_pending"
            expired += was != "renewal_pending"
    await session.flush()
    return renewed, expired


async def settle_acceptances(session: AsyncSession, cal: WorkingCalendar,
                             on: date | None = None) -> int:
    """视为受理 (第三十二条第一款第四项) written for every application left `received` past its
    5th working day as of `on` (5 working days never take fewer than 5 calendar days)."""
    on = on or today_legal()
    count = 0
    for app in await ApplicationRepository(session).still_received(on - timedelta(days=6)):
        matter = await session.get(LicenceMatter, app.matter_id)
        assert matter is not None
        count += deem_accepted(cal, app, matter, on)
    await session.flush()
    return count


def _end(lic: Licence, status: str, on: date, **detail: Any) -> None:
    lic.status, lic.ended_on, lic.end_detail = status, on, detail


async def _emit_revoked(ctx: Ctx, lic: Licence, kind: str, **detail: Any) -> None:
    await ctx.outbox.emit(ctx.session, "licence.revoked", {
        "licence_id": str(lic.id), "application_id": str(lic.application_id),
        "number": lic.number, "agency_id": str(lic.agency_id), "region_code": lic.region_code,
        "kind": kind, **detail}, aggregate_id=str(lic.application_id))


async def withdraw(ctx: Ctx, lic: Licence, body: schemas.WithdrawBody) -> None:
    """撤回或变更 by the agency when its basis changed, with 补偿 (第八条第二款)."""
    _refuse(lic, "withdraw", "行政许可法第八条第二款")
    detail = {"basis": body.basis, "reason": body.reason, "rule": "行政许可法第八条第二款",
              "compensation_fen": body.compensation_fen}
    if body.changes is not None:
        detail["changes"] = _apply(lic, body.changes)
        lic.status = "changed"
        _event(ctx, lic, "agency_change", body.decided_on, None, **detail)
        return
    _end(lic, "withdrawn", body.decided_on, **detail)
    _event(ctx, lic, "withdraw", body.decided_on, None, **detail)
    await _emit_revoked(ctx, lic, "withdrawn", on=body.decided_on.isoformat(),
                        reason=body.reason, rule=detail["rule"])


async def revoke(ctx: Ctx, lic: Licence, body: schemas.RevokeBody) -> None:
    """撤销 (第六十九条): discretionary on (一)–(五) but not where it would gravely harm the
    public interest (第三款), mandatory for fraud or bribery (第二款), which also bars a new
    application for 3 years on safety-related matters (第七十九条)."""
    rule = REVOKE_RULES[body.ground]
    _refuse(lic, "revoke", rule)
    fraud = body.ground == "fraud_or_bribery"
    if body.public_interest_harm and not fraud:
        raise LicenceActionNotAllowed("撤销可能对公共利益造成重大损害的，不予撤销",
                                      rule="行政许可法第六十九条第三款", state=lic.status)
    detail = {"ground": body.ground, "reason": body.reason, "rule": rule,
              "compensation_due": not fraud}  # 第四款 / 第五款
    _end(lic, "revoked", body.decided_on, **detail)
    _event(ctx, lic, "revoke", body.decided_on, None, **detail)
    if fraud:
        matter = await ctx.session.get(LicenceMatter, lic.matter_id)
        assert matter is not None
        await ban_applicant(ctx, lic, matter, body.decided_on, 3, "第七十九条")
    await _emit_revoked(ctx, lic, "revoked", on=body.decided_on.isoformat(),
                        reason=body.reason, rule=rule)


async def cancel(ctx: Ctx, lic: Licence, body: schemas.CancelBody) -> None:
    """注销 on a ground of 第七十条."""
    rule = CANCEL_RULES[body.ground]
    _refuse(lic, "cancel", rule)
    if body.ground == "expired_not_renewed" and not (
            lic.valid_to is not None and lic.valid_to < body.decided_on
            and lic.status != "renewal_pending"):
        raise LicenceActionNotAllowed("有效期未届满或延续申请待决定，不得以期满未延续注销",
                                      rule=rule, state=lic.status)
    if body.ground == "revoked_or_withdrawn" and lic.status not in ("revoked", "withdrawn") \
            and body.case_id is None:
        raise LicenceActionNotAllowed("许可未被撤销、撤回，也未被吊销（须引用处罚案件）",
                                      rule=rule, state=lic.status)
    if body.ground == "holder_died" and lic.holder_kind != "person" or \
            body.ground == "entity_terminated" and lic.holder_kind == "person":
        raise LicenceActionNotAllowed("注销理由与被许可人类型不符", rule=rule,
                                      state=lic.status)
    previous = lic.status
    _end(lic, "cancelled", body.decided_on, ground=body.ground, reason=body.reason, rule=rule,
         previous_status=previous, case_id=str(body.case_id) if body.case_id else None)
    _event(ctx, lic, "cancel", body.decided_on, None, ground=body.ground, rule=rule)
    if previous not in ENDED:
        await _emit_revoked(ctx, lic, "cancelled", on=body.decided_on.isoformat(),
                            reason=body.reason, rule=rule)


async def settle_worker(maker: async_sessionmaker[AsyncSession], cal: WorkingCalendar,
                        interval: float) -> None:
    """The background job: every `interval` seconds (first after one interval) write the deemed
    acceptances and settle the lapsing licences as of today; replicas skip locked rows."""
    while True:
        await asyncio.sleep(interval)
        try:
            async with maker() as session:
                accepted = await settle_acceptances(session, cal)
                renewed, expired = await settle_all(session)
                await session.commit()
            if accepted or renewed or expired:
                log.info("licensing settled: %d deemed accepted, %d deemed renewed, %d expired",
                         accepted, renewed, expired)
        except Exception:  # keep the loop alive; the next round retries
            log.exception("licence settlement failed")
