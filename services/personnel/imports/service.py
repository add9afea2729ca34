"""Bulk import of an existing roster (花名册).

Template (first sheet of an XLSX, or a CSV in UTF-8/GB18030; header in row 1):

| column | required | values |
|---|---|---|
| 姓名 | yes | |
| 身份证号 | yes | 18 digits, GB 11643 checksum and birth date |
| 单位统一社会信用代码 or 单位 | unless `agency_id` given | a registered agency's USCC or name |
| 人员类别 | yes | 在编/参公/公务员/事业编制, 劳动合同, 劳务派遣, 借调/借用, 工勤, 临时工, 试用期 |
| 辅助人员 | no (否) | 是/否 — 执法辅助人员 |
| 在岗 | no (是) | 是/否 |
| 法律职业资格 | no (否) | 是/否 |
| 执法证号 | no | an already issued 执法证; needs 执法领域 and 发证日期 |
| 执法领域 | with 执法证号 | several separated by 、 , ； or spaces |
| 执法区域 | no | region code; defaults to the agency's |
| 发证日期 | with 执法证号 | YYYY-MM-DD or YYYY/MM/DD |
| 有效期至 | no | defaults to 发证日期 + the configured validity |

Certificates in a roster were issued before the platform existed, so exams are not required;
a certificate on a non-established or auxiliary row is still an error (持证上岗 rule).
By default one bad row rejects the whole file (nothing is written) with every error listed;
`partial=True` imports the valid rows and lists the skipped ones."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from common.principal import Principal
from kit.db import utcnow
from services.personnel import errors
from services.personnel.agencies.models import Agency
from services.personnel.agencies.repository import AgencyRepository
from services.personnel.certificates.repository import CertificateRepository
from services.personnel.certificates.service import add_years, number_pattern
from services.personnel.config import PersonnelSettings
from services.personnel.context import Ctx
from services.personnel.dependencies import can_manage
from services.personnel.identifiers import PiiVault, validate_id_number
from services.personnel.imports.repository import RosterRepository
from services.personnel.imports.schemas import ImportReport, RowError

Progress = Callable[[str, int, int], None]  # (phase, done, total)
EMPLOYMENT = {"在编": "established", "参公": "established", "在编/参公": "established",
              "公务员": "established", "事业编制": "established", "劳动合同": "contract",
              "合同制": "contract", "劳务派遣": "dispatched", "借调": "seconded",
              "借用": "seconded", "借调/借用": "seconded", "工勤": "service",
              "临时工": "temporary", "试用期": "probation"}
EMPLOYMENT.update({v: v for v in set(EMPLOYMENT.values())})
YES, NO = {"是", "y", "yes", "true", "1", "有"}, {"否", "n", "no", "false", "0", "无", ""}
SPLIT = re.compile(r"[、,，;；\s]+")


def _flag(value: str, default: bool) -> bool | None:
    text = value.strip().lower()
    if not text:
        return default
    return True if text in YES else False if text in NO else None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip().replace("/", "-").replace(".", "-"))
    except ValueError:
        return None


class RowChecker:
    """Validates one row into officer + certificate values, collecting every error."""

    def __init__(self, agencies: Sequence[Agency], principal: Principal | None,
                 default_agency: Agency | None, vault: PiiVault,
                 settings: PersonnelSettings) -> None:
        self.by_uscc = {a.uscc: a for a in agencies}
        self.by_name = {a.name: a for a in agencies}
        self.principal, self.default_agency = principal, default_agency
        self.vault, self.settings, self.today = vault, settings, today_legal()

    def _agency(self, cells: dict[str, str], fail: Callable[[str, str], None]) -> Agency | None:
        code, name = cells.get("单位统一社会信用代码", ""), cells.get("单位", "")
        if code:
            agency = self.by_uscc.get(code.upper())
            column = "单位统一社会信用代码"
        elif name:
            agency, column = self.by_name.get(name), "单位"
        else:
            agency, column = self.default_agency, "单位"
            if agency is None:
                fail(column, "缺少单位（填写单位统一社会信用代码或单位名称）")
                return None
        if agency is None:
            fail(column, "单位未登记")
        elif not can_manage(self.principal, agency.id):
            fail(column, "无权导入其他单位的人员")
            return None
        return agency

    def check(self, number: int, cells: dict[str, str]) -> tuple[dict[str, Any] | None,
                                                                  list[RowError]]:
        problems: list[RowError] = []

        def fail(column: str, message: str) -> None:
            problems.append(RowError(row=number, column=column, message=message))

        name = cells.get("姓名", "")
        if not name or len(name) > 50:
            fail("姓名", "姓名必填，且不超过50字")
        try:
            id_number = validate_id_number(cells.get("身份证号", ""), self.today)
        except ValueError as exc:
            id_number = ""
            fail("身份证号", str(exc))
        agency = self._agency(cells, fail)
        employment = EMPLOYMENT.get(cells.get("人员类别", "").strip())
        if employment is None:
            fail("人员类别",
                 "人员类别无效（在编/参公、劳动合同、劳务派遣、借调、工勤、临时工、试用期）")
        flags = {}
        for column, key, default in (("辅助人员", "is_auxiliary", False), ("在岗", "on_post", True),
                                     ("法律职业资格", "has_legal_qualification", False)):
            flags[key] = _flag(cells.get(column, ""), default)
            if flags[key] is None:
                fail(column, "应填“是”或“否”")
        certificate = self._certificate(cells, agency, employment, flags, fail)
        if problems or agency is None:
            return None, problems
        return {"name": name, "id_number": id_number, "agency": agency,
                "employment_type": employment, **flags, "certificate": certificate}, problems

    def _certificate(self, cells: dict[str, str], agency: Agency | None, employment: str | None,
                     flags: dict[str, Any], fail: Callable[[str, str], None]
                     ) -> dict[str, Any] | None:
        number = cells.get("执法证号", "").strip()
        if not number:
            return None
        region = cells.get("执法区域", "").strip() or (agency.region_code if agency else "")
        if agency is not None and not re.fullmatch(number_pattern(self.settings, region), number):
            fail("执法证号", "执法证号不符合本省格式")
        if employment not in (None, "established") or flags.get("is_auxiliary"):
            fail("执法证号", "非在编人员或执法辅助人员不得持有执法证")
        domains = [d for d in SPLIT.split(cells.get("执法领域", "")) if d]
        if not domains:
            fail("执法领域", "持证人员须填写执法领域")
        if region and not re.fullmatch(r"\d{6,12}", region):
            fail("执法区域", "执法区域应为6至12位行政区划代码")
        issued = _date(cells.get("发证日期", ""))
        if issued is None:
            fail("发证日期", "发证日期缺失或格式错误（YYYY-MM-DD）")
        expires_text = cells.get("有效期至", "").strip()
        expires = _date(expires_text) if expires_text else None
        if expires_text and (expires is None or (issued and expires <= issued)):
            fail("有效期至", "有效期至格式错误或早于发证日期")
        if issued is not None and expires is None:
            expires = add_years(issued, self.settings.certificate_validity_years)
        return {"number": number, "domains": domains, "region_code": region,
                "issued_on": issued, "expires_on": expires}


async def _duplicates(session: AsyncSession, parsed: dict[int, dict[str, Any]],
                      vault: PiiVault) -> list[RowError]:
    """ID numbers and certificate numbers already on file or repeated inside the file."""
    problems: list[RowError] = []
    for row in parsed.values():
        row["index"] = vault.index(row["id_number"])
    taken_ids = await _existing(session, [r["index"] for r in parsed.values()], "id")
    numbers = [r["certificate"]["number"] for r in parsed.values() if r["certificate"]]
    taken_numbers = await _existing(session, numbers, "number")
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for number, row in parsed.items():
        if row["index"] in taken_ids:
            problems.append(RowError(row=number, column="身份证号", message="该身份证号已登记"))
        elif row["index"] in seen_ids:
            problems.append(RowError(row=number, column="身份证号",
                                     message=f"与第{seen_ids[row['index']]}行身份证号重复"))
        seen_ids.setdefault(row["index"], number)
        cert = row["certificate"]
        if cert is None:
            continue
        if cert["number"] in taken_numbers:
            problems.append(RowError(row=number, column="执法证号", message="执法证号已存在"))
        elif cert["number"] in seen_numbers:
            problems.append(RowError(row=number, column="执法证号",
                                     message=f"与第{seen_numbers[cert['number']]}行执法证号重复"))
        seen_numbers.setdefault(cert["number"], number)
    return problems


async def _existing(session: AsyncSession, values: list[str], kind: str) -> set[str]:
    if kind == "id":
        from services.personnel.staff.repository import OfficerRepository

        return await OfficerRepository(session).existing_indexes(values)
    return await CertificateRepository(session).existing_numbers(values)


async def _write(session: AsyncSession, rows: list[dict[str, Any]], vault: PiiVault,
                 progress: Progress | None) -> int:
    now = utcnow()
    officers, certificates = [], []
    for row in rows:
        officer_id, agency = uuid.uuid4(), row["agency"]
        officers.append({
            "id": officer_id, "name": row["name"],
            "id_number_encrypted": vault.encrypt(row["id_number"]),
            "id_number_index": row["index"], "agency_id": agency.id,
            "region_code": agency.region_code, "employment_type": row["employment_type"],
            "is_auxiliary": row["is_auxiliary"], "on_post": row["on_post"],
            "has_legal_qualification": row["has_legal_qualification"], "status": "active",
            "created_at": now, "updated_at": now})
        if row["certificate"]:
            certificates.append({**row["certificate"], "id": uuid.uuid4(),
                                 "officer_id": officer_id, "agency_id": agency.id,
                                 "status": "active", "created_at": now, "updated_at": now})
    roster = RosterRepository(session)
    for start in range(0, len(officers), 500):
        await roster.insert_officers(officers[start:start + 500])
        if progress:
            progress("写入", min(start + 500, len(officers)), len(officers))
    for start in range(0, len(certificates), 500):
        await roster.insert_certificates(certificates[start:start + 500])
    return len(certificates)


async def import_roster(ctx: Ctx, vault: PiiVault, filename: str, content: bytes, *,
                        partial: bool = False, agency_id: uuid.UUID | None = None,
                        progress: Progress | None = None) -> ImportReport:
    """Validate every row, then write all (or, with `partial`, the valid ones) in bulk
    (`ctx.principal` None: the local CLI, any agency)."""
    session, principal, settings = ctx.session, ctx.principal, ctx.settings
    from services.personnel.imports.reader import read_roster

    header, rows = read_roster(filename, content)
    missing = [c for c in ("姓名", "身份证号", "人员类别") if c not in header]
    if missing:
        problems = [RowError(row=1, column=c, message="缺少必填列") for c in missing]
        raise errors.ImportRejected(errors=[p.model_dump() for p in problems], total_rows=len(rows))
    agencies = AgencyRepository(session)
    default = await agencies.get(agency_id) if agency_id else None
    if agency_id and default is None:
        raise errors.AgencyNotFound()
    checker = RowChecker(await agencies.all_lookup(), principal, default, vault, settings)
    parsed: dict[int, dict[str, Any]] = {}
    problems: list[RowError] = []
    for done, (number, cells) in enumerate(rows, start=1):
        row, row_problems = checker.check(number, cells)
        problems.extend(row_problems)
        if row is not None:
            parsed[number] = row
        if progress and (done % 200 == 0 or done == len(rows)):
            progress("校验", done, len(rows))
    problems.extend(await _duplicates(session, parsed, vault))
    bad = sorted({p.row for p in problems})
    problems.sort(key=lambda p: p.row)
    if problems and not partial:
        raise errors.ImportRejected(f"共 {len(bad)} 行有误，未导入任何数据",
                                    errors=[p.model_dump() for p in problems],
                                    total_rows=len(rows))
    good = [row for number, row in parsed.items() if number not in set(bad)]
    certificates = await _write(session, good, vault, progress)
    return ImportReport(total_rows=len(rows), imported_officers=len(good),
                        imported_certificates=certificates, skipped_rows=bad, errors=problems)
