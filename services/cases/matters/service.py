"""Matter catalogue rules: versions by effective dates, who may maintain which entries, the
version a case is opened under, and the 较大数额 hearing threshold that applies."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import check_agency_region
from kit import errors
from services.cases.clients import agency_regions
from services.cases.context import Ctx
from services.cases.errors import MatterNotFound, MatterNotHeld
from services.cases.matters import schemas
from services.cases.matters.models import HearingThreshold, Matter
from services.cases.matters.repository import MatterRepository, ThresholdRepository

LIMITATION_YEARS, LIMITATION_YEARS_GRAVE = 2, 5  # 行政处罚法第三十六条


def tiers_to_store(tiers: list[schemas.DiscretionTier]) -> list[dict[str, Any]]:
    return [{"tier": t.tier, "circumstances": t.circumstances, "min_fine_fen": t.min_fine,
             "max_fine_fen": t.max_fine} for t in tiers]


def thresholds_to_store(t: schemas.HearingThresholds | None) -> dict[str, int] | None:
    return None if t is None else {"person_fen": t.person, "organization_fen": t.organization}


def read_model(m: Matter) -> schemas.MatterRead:
    th = m.hearing_thresholds
    return schemas.MatterRead(
        id=m.id, series_id=m.series_id, code=m.code, name=m.name, kind=m.kind, source=m.source,
        source_ref=m.source_ref, domain=m.domain, legal_basis=m.legal_basis,
        penalty_basis=m.penalty_basis, agency_id=m.agency_id, region_code=m.region_code,
        effective_from=m.effective_from, effective_to=m.effective_to,
        discretion_tiers=[schemas.DiscretionTier.model_construct(
            tier=t["tier"], circumstances=t.get("circumstances", ""),
            min_fine=t["min_fine_fen"], max_fine=t["max_fine_fen"])
            for t in m.discretion_tiers],
        soft_enforcement=m.soft_enforcement,
        hearing_thresholds=None if not th else schemas.HearingThresholds.model_construct(
            person=th["person_fen"], organization=th["organization_fen"]),
        life_health_or_financial=m.life_health_or_financial,
        limitation_years=m.limitation_years, is_published=m.is_published)


def snapshot(m: Matter) -> dict[str, Any]:
    """What a case keeps of the matter version it was opened under."""
    return {"id": str(m.id), "series_id": str(m.series_id), "code": m.code, "name": m.name,
            "kind": m.kind, "source": m.source, "source_ref": m.source_ref, "domain": m.domain,
            "legal_basis": m.legal_basis, "penalty_basis": m.penalty_basis,
            "agency_id": str(m.agency_id), "effective_from": m.effective_from.isoformat(),
            "discretion_tiers": m.discretion_tiers, "soft_enforcement": m.soft_enforcement,
            "hearing_thresholds": m.hearing_thresholds,
            "life_health_or_financial": m.life_health_or_financial,
            "limitation_years": m.limitation_years}


def _may_maintain(principal: Principal, agency_id: uuid.UUID, region_code: str) -> bool:
    if principal.has("sysadmin"):
        return True
    if principal.has("agency_admin") and str(principal.agency_id) == str(agency_id):
        return True
    return bool(principal.has("supervisor") and principal.region_code
                and region_code.startswith(principal.region_code))


async def create_matter(ctx: Ctx, body: schemas.MatterCreate) -> Matter:
    """A supervisor maintains the matters of agencies whose REAL region (personnel) lies in
    their region — never the region named in the body."""
    session, principal = ctx.session, ctx.principal
    real = await check_agency_region(principal, body.agency_id, agency_regions(ctx.up))
    region = real or body.region_code or principal.region_code or ""
    if not _may_maintain(principal, body.agency_id, region):
        raise errors.Forbidden("只能维护本机关或本辖区的执法事项")
    clash = await MatterRepository(session).code_clash(body.agency_id, body.code)
    if clash is not None:
        raise errors.Conflict(f"事项编码 {body.code} 已存在，请通过新增版本调整",
                              matter_id=str(clash))
    m = Matter(series_id=uuid.uuid4(), code=body.code, name=body.name, kind=body.kind,
               source=body.source, source_ref=body.source_ref, domain=body.domain,
               legal_basis=body.legal_basis, penalty_basis=body.penalty_basis,
               agency_id=body.agency_id, region_code=region, effective_from=body.effective_from,
               effective_to=body.effective_to,
               discretion_tiers=tiers_to_store(body.discretion_tiers),
               soft_enforcement=body.soft_enforcement,
               hearing_thresholds=thresholds_to_store(body.hearing_thresholds),
               life_health_or_financial=body.life_health_or_financial,
               limitation_years=LIMITATION_YEARS_GRAVE if body.life_health_or_financial
               else LIMITATION_YEARS, is_published=body.is_published)
    return await MatterRepository(session).add(m)


async def get_matter(ctx: Ctx, matter_id: uuid.UUID) -> Matter:
    m = await MatterRepository(ctx.session).get_visible(ctx.principal, matter_id)
    if m is None:
        raise MatterNotFound(f"执法事项 {matter_id} 不存在")
    return m


async def new_version(ctx: Ctx, current: Matter, body: schemas.MatterVersionCreate) -> Matter:
    """Close the latest version the day before `effective_from` and open a new one."""
    session, principal = ctx.session, ctx.principal
    if not _may_maintain(principal, current.agency_id, current.region_code):
        raise errors.Forbidden("只能维护本机关或本辖区的执法事项")
    latest = await MatterRepository(session).latest_version(current.series_id)
    assert latest is not None
    if body.effective_from <= latest.effective_from:
        raise errors.Conflict("新版本生效日期须晚于现行版本生效日期",
                              current_effective_from=latest.effective_from.isoformat())
    latest.effective_to = body.effective_from - timedelta(days=1)
    grave = (body.life_health_or_financial if body.life_health_or_financial is not None
             else latest.life_health_or_financial)
    m = Matter(series_id=latest.series_id, code=latest.code, name=body.name or latest.name,
               kind=latest.kind, source=latest.source, source_ref=latest.source_ref,
               domain=latest.domain, legal_basis=body.legal_basis or latest.legal_basis,
               penalty_basis=body.penalty_basis if body.penalty_basis is not None
               else latest.penalty_basis, agency_id=latest.agency_id,
               region_code=latest.region_code, effective_from=body.effective_from,
               discretion_tiers=tiers_to_store(body.discretion_tiers)
               if body.discretion_tiers is not None else latest.discretion_tiers,
               soft_enforcement=body.soft_enforcement if body.soft_enforcement is not None
               else latest.soft_enforcement,
               hearing_thresholds=thresholds_to_store(body.hearing_thresholds)
               if body.hearing_thresholds is not None else latest.hearing_thresholds,
               life_health_or_financial=grave,
               limitation_years=LIMITATION_YEARS_GRAVE if grave else LIMITATION_YEARS,
               is_published=body.is_published if body.is_published is not None
               else latest.is_published)
    return await MatterRepository(session).add(m)


async def list_matters(ctx: Ctx, *, published: bool | None, code: str | None, kind: str | None,
                       domain: str | None, agency_id: uuid.UUID | None, on_date: date | None,
                       cursor: str | None, limit: int) -> tuple[list[Matter], str | None]:
    return await MatterRepository(ctx.session).page(
        ctx.principal, published=published, code=code, kind=kind, domain=domain,
        agency_id=agency_id, on_date=on_date, cursor=cursor, limit=limit)


async def version_on(session: AsyncSession, matter_id: uuid.UUID, on_date: date) -> Matter:
    """The version of `matter_id`'s series in force on `on_date` (404 if unknown)."""
    repo = MatterRepository(session)
    base = await repo.get(matter_id)
    if base is None:
        raise MatterNotFound(f"执法事项 {matter_id} 不存在")
    m = await repo.version_on(base.series_id, on_date)
    if m is None:
        raise MatterNotHeld(f"执法事项“{base.name}”在 {on_date} 不在清单有效期内",
                            rule="行政处罚法第二十四条（权责清单）")
    return m


async def hearing_threshold(session: AsyncSession, agency_id: uuid.UUID, region_code: str,
                            domain: str, matter: dict[str, Any], default: dict[str, int]
                            ) -> dict[str, Any]:
    """较大数额 (行政处罚法第六十三条) for this case: the matter's own figures, else the agency
    row, else the longest matching region prefix (domain rows before general ones), else
    settings."""
    if matter.get("hearing_thresholds"):
        return {**matter["hearing_thresholds"], "source": "matter"}
    rows = await ThresholdRepository(session).candidates(agency_id)
    best, rank = None, (-1, -1, -1)
    for r in rows:
        if r.domain not in (None, domain):
            continue
        if r.agency_id is None and not region_code.startswith(r.region_code or "\x00"):
            continue
        key = (1 if r.agency_id else 0, len(r.region_code or ""), 1 if r.domain else 0)
        if key > rank:
            best, rank = r, key
    if best is None:
        return {**default, "source": "settings"}
    return {"person_fen": best.person_fen, "organization_fen": best.organization_fen,
            "source": str(best.id), "basis": best.basis}


async def create_threshold(ctx: Ctx, body: schemas.ThresholdCreate) -> HearingThreshold:
    """An agency row needs the agency's REAL region inside a supervisor's (a 1 元 threshold
    would turn every fine into a hearing case, a huge one remove 行政处罚法第六十三条 rights)."""
    session, principal = ctx.session, ctx.principal
    region = body.region_code or ""
    if body.agency_id:
        real = await check_agency_region(principal, body.agency_id, agency_regions(ctx.up))
        if not _may_maintain(principal, body.agency_id,
                             real or region or principal.region_code or ""):
            raise errors.Forbidden("只能设置本机关或本辖区的较大数额标准")
    if not body.agency_id and not (principal.has("sysadmin") or (
            principal.has("supervisor") and region.startswith(principal.region_code or "\x00"))):
        raise errors.Forbidden("只有辖区监督人员或系统管理员可设置地区标准")
    row = HearingThreshold(agency_id=body.agency_id, region_code=body.region_code,
                           domain=body.domain, person_fen=body.person,
                           organization_fen=body.organization, basis=body.basis)
    return await ThresholdRepository(session).add(row)


async def list_thresholds(ctx: Ctx) -> list[HearingThreshold]:
    return await ThresholdRepository(ctx.session).visible(ctx.principal)
