"""Cap rules (国办发〔2024〕54号: 同一行政机关对同一企业实施行政检查的年度频次上限, published
by the competent departments): which inspections count (configured types; 专项 deployed from
above never, 司法部问题解答; not with a configured exemption reason), the limit (the smallest
`annual_cap` of the inspection's items, else `CASES_INSPECTION_CAP_DEFAULT`), the refusal at
approval/start, the warning one below, and the 多头/重复 flag.

The limit: the smallest of the inspection's items' `annual_cap` and the agency's cap table
row for the target's credit-risk class (else its `*` row); `CASES_INSPECTION_CAP_DEFAULT` only
when neither sets one (the strictest applicable published cap wins)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from common.scope import may_act_for
from kit import errors
from services.cases.clients import agency_regions
from services.cases.context import Ctx
from services.cases.inspections import schemas
from services.cases.inspections.caps.models import InspectionCap
from services.cases.inspections.caps.repository import CapRepository
from services.cases.inspections.errors import CAP_RULE, InspectionCapExceeded
from services.cases.inspections.models import Inspection
from services.cases.inspections.repository import InspectionRepository


def set_cap_rule(ctx: Ctx, i: Inspection, exempt: str | None) -> None:
    """Whether the inspection counts toward the enterprise's cap: configured types only, 专项
    deployed from above never (司法部问题解答), not when a configured exemption applies."""
    s = ctx.settings
    if exempt is not None and exempt not in s.inspection_cap_exempt_reasons:
        raise errors.UnprocessableEntity(f"“{exempt}”不是已配置的频次豁免理由",
                                         exempt_reasons=s.inspection_cap_exempt_reasons)
    if exempt is not None:
        i.cap_exempt_reason = exempt
    i.counts_toward_cap = (i.is_enterprise and i.cap_exempt_reason is None
                           and i.type in s.inspection_cap_counted_types
                           and not (i.type == "special" and i.deployed_from_above))


def uses_cap(i: Inspection) -> bool:
    """Approved or carried out: it uses up the cap (the same rule as `cap_count`)."""
    return i.approved_at is not None or i.started_at is not None


def cap_limit(ctx: Ctx, i: Inspection, table: dict[tuple[uuid.UUID, str], int]) -> int:
    caps = [x["annual_cap"] for x in i.items if x.get("annual_cap") is not None]
    cls = str((i.target or {}).get("credit_risk_class") or "")
    row = table.get((i.agency_id, cls), table.get((i.agency_id, "*")))
    if row is not None:
        caps.append(row)
    return min(caps) if caps else ctx.settings.inspection_cap_default


async def cap_table(ctx: Ctx, agency_ids: set[uuid.UUID]) -> dict[tuple[uuid.UUID, str], int]:
    return await CapRepository(ctx.session).for_agencies(agency_ids)


def cap_key(i: Inspection) -> tuple[uuid.UUID, uuid.UUID, int] | None:
    return (i.target_id, i.agency_id, i.year) if i.is_enterprise and i.target_id else None


async def cap_totals(ctx: Ctx, rows: list[Inspection]) -> tuple[dict[Any, int],
                                                                  dict[Any, int]]:
    """One grouped COUNT and one cap-table read for a page of inspections (`cap_state`)."""
    keys = {k for k in map(cap_key, rows) if k is not None}
    return (await InspectionRepository(ctx.session).cap_totals(keys),
            await cap_table(ctx, {k[1] for k in keys}))


async def cap_state(ctx: Ctx, i: Inspection, total: int | None = None,
                    table: dict[Any, int] | None = None) -> schemas.CapRead | None:
    """`count` = the enterprise's counted inspections by this agency this year (this one
    included once approved); `others` in the notice = those before this one. `total` (lists)
    is the precomputed count of all of them, this one included."""
    if not i.is_enterprise or i.target_id is None:
        return None
    used = i.counts_toward_cap and uses_cap(i)
    if total is not None:
        others = total - used
    else:
        others = await InspectionRepository(ctx.session).cap_count(i.target_id, i.agency_id,
                                                                   i.year, i.id)
    if table is None:
        table = await cap_table(ctx, {i.agency_id})
    limit = cap_limit(ctx, i, table)
    warning = None
    if i.counts_toward_cap and not used and others + 1 == limit:
        warning = f"本次检查后该企业本年度将达到频次上限 {limit} 次"
    return schemas.CapRead(count=others + used, limit=limit,
                           counts_toward_cap=i.counts_toward_cap,
                           exempt_reason=i.cap_exempt_reason, warning=warning)


async def enforce_cap(ctx: Ctx, i: Inspection, exempt: str | None) -> None:
    """Refuse approving/starting beyond the cap unless a configured exemption is given."""
    if exempt is not None:
        set_cap_rule(ctx, i, exempt)
    if not i.counts_toward_cap or i.target_id is None:
        return
    count = await InspectionRepository(ctx.session).cap_count(i.target_id, i.agency_id, i.year,
                                                              i.id)
    limit = cap_limit(ctx, i, await cap_table(ctx, {i.agency_id}))
    if count >= limit:
        raise InspectionCapExceeded(
            f"本机关本年度已对该企业检查 {count} 次，达到上限 {limit} 次；如属豁免情形须注明理由",
            rule=CAP_RULE, count=count, limit=limit,
            exempt_reasons=ctx.settings.inspection_cap_exempt_reasons)


async def flag_duplicates(ctx: Ctx, i: Inspection) -> None:
    """多头/重复检查 warning: another agency inspects the same enterprise in the window."""
    if not i.target_uscc:
        return
    w = timedelta(days=ctx.settings.inspection_duplicate_window_days)
    others = await InspectionRepository(ctx.session).other_agencies_near(
        i.target_uscc, i.agency_id, i.planned_on - w, i.planned_on + w)
    if others:
        i.flags = [*i.flags, {"kind": "possible_duplicate", "suggest": "joint_inspection",
                              "inspection_ids": [str(o.id) for o in others],
                              "agency_ids": sorted({str(o.agency_id) for o in others})}]


CAP_MANAGERS = ("agency_admin",)  # supervisors act by region through common.scope


async def put_cap(ctx: Ctx, body: Any) -> InspectionCap:
    """Set one agency's annual cap for a credit-risk class: its agency admin, a supervisor
    whose region holds the agency's REAL region (personnel), or sysadmin."""
    principal = ctx.principal
    if not principal.has("agency_admin", "supervisor", "sysadmin"):
        raise errors.Forbidden("只有机关管理员或监督机关可以设置频次上限")
    region = await agency_regions(ctx.up)(body.agency_id)  # the agency's real region
    if region is None:
        raise errors.UnprocessableEntity(f"执法机关 {body.agency_id} 不存在")
    if not may_act_for(principal, body.agency_id, region, CAP_MANAGERS):
        raise errors.Forbidden("只能为本机关或本辖区内的机关设置频次上限")
    repo = CapRepository(ctx.session)
    row = await repo.get(body.agency_id, body.target_class)
    if row is None:
        row = InspectionCap(agency_id=body.agency_id, target_class=body.target_class,
                            region_code=region)
        repo.add(row)
    row.annual_limit, row.basis = body.annual_limit, body.basis
    row.updated_by = principal.username or principal.subject
    await repo.save(row)
    return row


async def list_caps(ctx: Ctx, agency_id: uuid.UUID | None, cursor: str | None,
                    limit: int) -> tuple[list[InspectionCap], str | None]:
    return await CapRepository(ctx.session).list(ctx.principal, agency_id, cursor, limit)
