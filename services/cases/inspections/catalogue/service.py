"""Catalogue rules: who maintains items and targets (the agency's REAL region is looked up from
personnel), item versions and publication (国办发〔2024〕54号: 未经公布的不得实施), USCC
validation (GB 32100-2015) and the CSV/XLSX registry import with a row report."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from common.scope import may_act_for, parse_uuid
from kit import errors
from kit.db import utcnow
from services.cases.context import Ctx
from services.cases.identifiers import uscc_ok
from services.cases.inspections.catalogue import schemas
from services.cases.inspections.catalogue.models import InspectionItem, InspectionTarget
from services.cases.inspections.catalogue.repository import ItemRepository, TargetRepository
from services.cases.inspections.disclosure import announce_item
from services.cases.inspections.errors import (
    ImportFileRejected,
    InspectionItemNotFound,
    InspectionTargetNotFound,
    InvalidUscc,
)

MAINTAINERS = ("agency_admin",)
REGISTRARS = ("officer", "agency_admin")
ORG_KINDS = ("enterprise", "individual_business")


async def agency_region(ctx: Ctx, agency_id: uuid.UUID, roles: tuple[str, ...]) -> str:
    """The agency's real region code (from the token for one's own agency, else personnel),
    after `common.scope.may_act_for`; 403 when the caller may not act for it."""
    p = ctx.principal
    if parse_uuid(p.agency_id) == agency_id and p.region_code:
        region = p.region_code
    else:
        agency = await ctx.up.personnel.get_agency(ctx.up.headers,
                                                                str(agency_id))
        region = agency.region_code or ""
    if not may_act_for(p, agency_id, region, roles):
        raise errors.Forbidden("只能为本机关或本辖区办理")
    return region


async def create_item(ctx: Ctx, body: schemas.ItemCreate) -> InspectionItem:
    region = await agency_region(ctx, body.agency_id, MAINTAINERS)
    if await ItemRepository(ctx.session).code_taken(body.agency_id, body.code):
        raise errors.Conflict(f"检查事项编码 {body.code} 已存在，请通过新增版本调整")
    data = body.model_dump(exclude={"publish", "checklist"})
    item = InspectionItem(**data, region_code=region, series_id=uuid.uuid4(), version=1,
                          checklist=[c.model_dump() for c in body.checklist],
                          published_at=utcnow() if body.publish else None)
    ctx.session.add(item)
    await ctx.session.flush()
    if item.published_at is not None:
        await announce_item(ctx, item)
    return item


async def load_item(ctx: Ctx, item_id: uuid.UUID) -> InspectionItem:
    item = await ItemRepository(ctx.session).get(item_id, ctx.principal)
    if item is None:
        raise InspectionItemNotFound(f"检查事项 {item_id} 不存在", item_id=str(item_id))
    return item


async def publish_item(ctx: Ctx, item: InspectionItem) -> InspectionItem:
    await agency_region(ctx, item.agency_id, MAINTAINERS)
    if item.superseded_at is not None:
        raise errors.Conflict("该版本已被新版本取代，不能公布")
    if item.published_at is None:
        item.published_at = utcnow()
        await ctx.session.flush()
        await announce_item(ctx, item)
    return item


async def new_item_version(ctx: Ctx, item: InspectionItem,
                           body: schemas.ItemVersionCreate) -> InspectionItem:
    """Supersede `item` (which must be the newest version) with version + 1; inspections keep
    the version they were made under."""
    await agency_region(ctx, item.agency_id, MAINTAINERS)
    if item.superseded_at is not None:
        raise errors.Conflict("只能在最新版本上新增版本")
    changes = body.model_dump(exclude_unset=True, exclude={"publish"})
    if "checklist" in changes:
        changes["checklist"] = [c.model_dump() for c in body.checklist or []]
    fields = ("code", "name", "agency_id", "region_code", "legal_basis", "target_kind",
              "domain", "types_allowed", "methods_allowed", "double_random", "ratio_by_risk",
              "annual_cap", "checklist")
    data = {f: getattr(item, f) for f in fields} | changes
    now = utcnow()
    nxt = InspectionItem(**data, series_id=item.series_id, version=item.version + 1,
                         published_at=now if body.publish else None)
    item.superseded_at = now
    ctx.session.add(nxt)
    await ctx.session.flush()
    if nxt.published_at is not None:
        await announce_item(ctx, nxt)
    return nxt


def check_uscc(kind: str, code: str | None) -> str | None:
    """Organisations need a valid 统一社会信用代码 (GB 32100-2015 check digit)."""
    if code is None:
        if kind in ORG_KINDS:
            raise InvalidUscc("企业和个体工商户须提供统一社会信用代码", rule="GB 32100-2015")
        return None
    code = code.strip().upper()
    if not uscc_ok(code):
        raise InvalidUscc(f"统一社会信用代码 {code} 校验位不符", rule="GB 32100-2015")
    return code


async def target_agency(ctx: Ctx, agency_id: uuid.UUID | None) -> tuple[uuid.UUID, str]:
    own = parse_uuid(ctx.principal.agency_id)
    chosen = agency_id or own
    if chosen is None:
        raise errors.UnprocessableEntity("须指明检查对象所属的执法机关 agency_id")
    return chosen, await agency_region(ctx, chosen, REGISTRARS)


async def create_target(ctx: Ctx, body: schemas.TargetCreate) -> InspectionTarget:
    agency_id, region = await target_agency(ctx, body.agency_id)
    code = check_uscc(body.kind, body.uscc)
    if code and (await TargetRepository(ctx.session).by_uscc(agency_id, [code])):
        raise errors.Conflict(f"统一社会信用代码 {code} 已在名录库中")
    target = InspectionTarget(**body.model_dump(exclude={"uscc", "agency_id"}), uscc=code,
                              agency_id=agency_id, region_code=region)
    ctx.session.add(target)
    await ctx.session.flush()
    return target


COLUMNS = {"统一社会信用代码": "uscc", "名称": "name", "类型": "kind", "地址": "address",
           "行业": "industry", "网格": "grid", "信用风险分类": "credit_risk_class",
           "许可证": "licences"}
KINDS = {"企业": "enterprise", "个体工商户": "individual_business", "个人": "person",
         "场所": "site"}


def read_rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file, keyed by the Chinese or English
    column names of `COLUMNS`."""
    try:
        if filename.lower().endswith(".xlsx"):
            from openpyxl import load_workbook
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            raw = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(
                values_only=True)]
        else:
            raw = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError) as exc:
        raise ImportFileRejected(f"无法读取文件 {filename}：{exc}") from exc
    if not raw:
        raise ImportFileRejected("文件为空")
    head = [COLUMNS.get(h.strip(), h.strip()) for h in raw[0]]
    if "name" not in head:
        raise ImportFileRejected("缺少“名称”列", expected_columns=list(COLUMNS))
    return [dict(zip(head, (c.strip() for c in r), strict=False)) for r in raw[1:] if any(r)]


def _row_target(row: dict[str, Any]) -> schemas.TargetCreate:
    kind = KINDS.get(row.get("kind", ""), row.get("kind") or "enterprise")
    licences = [x for x in row.get("licences", "").replace("；", ";").split(";") if x]
    return schemas.TargetCreate.model_validate({
        "kind": kind, "uscc": row.get("uscc") or None, "name": row.get("name", ""),
        "address": row.get("address", ""), "industry": row.get("industry", ""),
        "grid": row.get("grid", ""), "credit_risk_class": row.get("credit_risk_class") or "B",
        "licences": licences})


async def import_targets(ctx: Ctx, agency_id: uuid.UUID | None, filename: str,
                         content: bytes) -> schemas.ImportReport:
    """Insert new targets and update known ones (same agency and USCC); every bad row is
    reported with its errors and nothing of it is written."""
    from pydantic import ValidationError

    agency, region = await target_agency(ctx, agency_id)
    rows = read_rows(filename, content)
    known = await TargetRepository(ctx.session).by_uscc(
        agency, [str(r.get("uscc", "")).upper() for r in rows if r.get("uscc")])
    report: list[schemas.ImportRowResult] = []
    for n, row in enumerate(rows, start=2):
        try:
            body = _row_target(row)
            code = check_uscc(body.kind, body.uscc)
        except ValidationError as exc:
            report.append(schemas.ImportRowResult(row=n, status="rejected", errors=[
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]))
            continue
        except InvalidUscc as exc:
            report.append(schemas.ImportRowResult(row=n, status="rejected",
                                                  errors=[exc.detail]))
            continue
        fields = body.model_dump(exclude={"uscc", "agency_id", "conflict_officer_ids"})
        if code and code in known:
            target = known[code]
            for k, v in fields.items():
                setattr(target, k, v)
            report.append(schemas.ImportRowResult(row=n, status="updated", target_id=target.id))
            continue
        target = InspectionTarget(**fields, uscc=code, agency_id=agency, region_code=region,
                                  id=uuid.uuid4(), conflict_officer_ids=[])
        ctx.session.add(target)
        if code:
            known[code] = target
        report.append(schemas.ImportRowResult(row=n, status="imported", target_id=target.id))
    await ctx.session.flush()
    count = {s: sum(1 for r in report if r.status == s) for s in ("imported", "updated",
                                                                   "rejected")}
    return schemas.ImportReport(**count, rows=report)


def item_read(i: InspectionItem) -> schemas.ItemRead:
    return schemas.ItemRead.model_validate(i, from_attributes=True)


def target_read(t: InspectionTarget) -> schemas.TargetRead:
    return schemas.TargetRead.model_validate(t, from_attributes=True)


async def list_items(ctx: Ctx, *, published: bool | None, agency_id: uuid.UUID | None,
                     domain: str | None, cursor: str | None,
                     limit: int) -> tuple[list[InspectionItem], str | None]:
    """Inspection items: published ones to anyone, the rest in the caller's scope."""
    return await ItemRepository(ctx.session).list(ctx.principal, published=published,
                                                  agency_id=agency_id, domain=domain,
                                                  cursor=cursor, limit=limit)


async def list_targets(ctx: Ctx, *, agency_id: uuid.UUID | None, risk: str | None,
                       cursor: str | None,
                       limit: int) -> tuple[list[InspectionTarget], str | None]:
    return await TargetRepository(ctx.session).list(ctx.principal, agency_id=agency_id,
                                                    risk=risk, cursor=cursor, limit=limit)


async def get_target(ctx: Ctx, target_id: uuid.UUID) -> InspectionTarget:
    """A target in the caller's scope, else `InspectionTargetNotFound` (404)."""
    target = await TargetRepository(ctx.session).get(target_id, ctx.principal)
    if target is None:
        raise InspectionTargetNotFound(f"检查对象 {target_id} 不存在")
    return target
