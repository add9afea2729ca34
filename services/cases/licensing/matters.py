"""许可事项 rules: who maintains a matter, versioning and publication (行政许可法第三十条、
第三十三条), the empowerment or entrustment behind a town's issuance, and the certificate number
pattern (only {prefix} {year} {seq}, the fields of services/cases/numbering.py)."""

from __future__ import annotations

import string
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import may_act_for
from kit import errors
from kit.db import utcnow
from services.cases.entrustment.models import EntrustmentAgreement
from services.cases.licensing import schemas
from services.cases.licensing.errors import LicenceMatterInvalid, LicenceMatterNotFound
from services.cases.licensing.models import LicenceMatter
from services.cases.licensing.repository import MatterRepository
from services.cases.licensing.service import Ctx

MAINTAINERS = ("agency_admin", "sysadmin")
FIELDS = {"prefix", "year", "seq"}
MAX_PAD = 8


def check_pattern(pattern: str) -> None:
    """Only {prefix} {year} {seq}; seq may carry a zero pad of at most 8 digits ({seq:05d})."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise LicenceMatterInvalid(f"证号规则格式错误：{exc}",
                                   field="certificate.number_pattern") from exc
    seen = set()
    for _, name, spec, conv in parts:
        if name is None:
            continue
        if name not in FIELDS or conv:
            raise LicenceMatterInvalid("证号规则只能使用 {prefix} {year} {seq}，"
                                       f"不得使用 {{{name}}}",
                                       field="certificate.number_pattern")
        if spec and not (name == "seq" and len(spec) == 3 and spec[0] == "0"
                         and spec[2] == "d" and spec[1].isdigit() and int(spec[1]) <= MAX_PAD):
            raise LicenceMatterInvalid("只有 {seq} 可以补零（如 {seq:05d}，至多 8 位）",
                                       field="certificate.number_pattern")
        seen.add(name)
    if "seq" not in seen:
        raise LicenceMatterInvalid("证号规则必须包含 {seq}", field="certificate.number_pattern")


async def _delegation(session: AsyncSession, body: schemas.LicenceMatterCreate) -> None:
    if body.delegation_kind == "entrusted":
        agreement = await session.get(EntrustmentAgreement, body.entrustment_agreement_id) \
            if body.entrustment_agreement_id else None
        if agreement is None or agreement.agency_id != body.agency_id:
            raise LicenceMatterInvalid("委托实施的许可事项须引用本机关的委托协议",
                                       field="entrustment_agreement_id",
                                       rule="行政许可法第二十四条")
    elif body.delegation_kind == "empowered" and not body.delegation_ref:
        raise LicenceMatterInvalid("赋权实施的许可事项须写明赋权决定", field="delegation_ref")


async def create_matter(ctx: Ctx, body: schemas.LicenceMatterCreate) -> LicenceMatter:
    """A new matter, or a new version of `code` at the agency (the previous one is superseded
    when the new one is published)."""
    if not ctx.principal.has(*MAINTAINERS):
        raise errors.Forbidden("只有机关管理员可以维护许可事项")
    agency = await ctx.up.personnel.get_agency(ctx.up.headers,
                                                            str(body.agency_id))
    region = agency.region_code or ""
    if not may_act_for(ctx.principal, body.agency_id, region):
        raise errors.Forbidden("不得为其他机关维护许可事项")
    check_pattern(body.certificate.number_pattern)
    await _delegation(ctx.session, body)
    if body.fee_basis is not None and not body.fee_basis.strip():
        raise LicenceMatterInvalid("收费须写明法律、行政法规依据，否则不得收费",
                                   rule="行政许可法第五十八条", field="fee_basis")
    repo = MatterRepository(ctx.session)
    previous = await repo.current(body.agency_id, body.code)
    data = body.model_dump(mode="json", exclude={"publish", "agency_id",
                                                 "entrustment_agreement_id"})
    matter = LicenceMatter(**data, agency_id=body.agency_id,
                           entrustment_agreement_id=body.entrustment_agreement_id,
                           region_code=region,
                           series_id=previous.series_id if previous else uuid.uuid4(),
                           version=previous.version + 1 if previous else 1,
                           created_by=ctx.principal.subject)
    ctx.session.add(matter)
    await ctx.session.flush()
    if body.publish:
        await publish_matter(ctx, matter)
    return matter


async def publish_matter(ctx: Ctx, matter: LicenceMatter) -> LicenceMatter:
    """公示 (第三十条、第三十三条): the published version replaces the earlier ones."""
    principal = ctx.principal
    if not (principal.has(*MAINTAINERS)
            and may_act_for(principal, matter.agency_id, matter.region_code)):
        raise LicenceMatterNotFound(matter_id=str(matter.id))
    if matter.superseded_at is not None:
        raise errors.Conflict("该版本已被替代，不得公示")
    now = utcnow()
    for old in await MatterRepository(ctx.session).other_versions(matter):
        if old.superseded_at is None:
            old.superseded_at = now
            old.is_published = False
    matter.is_published, matter.published_at = True, now
    return matter


async def list_matters(ctx: Ctx, published: bool, agency_id: uuid.UUID | None,
                       cursor: str | None, limit: int) -> tuple[list[LicenceMatter], str | None]:
    """The public catalogue (published) or the caller's scope (drafts), one keyset page."""
    return await MatterRepository(ctx.session).list(ctx.principal, published, agency_id, cursor,
                                                    limit)


async def load_matter(ctx: Ctx, matter_id: uuid.UUID) -> LicenceMatter:
    """A published matter, or a draft in the caller's scope; else `LicenceMatterNotFound`."""
    matter = await MatterRepository(ctx.session).get(matter_id, ctx.principal)
    if matter is None:
        raise LicenceMatterNotFound(matter_id=str(matter_id))
    return matter
