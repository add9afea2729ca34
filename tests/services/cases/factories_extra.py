"""Test helpers for the entrustment, summary, coercion and transfer tests: real personnel
endpoints for agencies, officers and certificates; matters and cases inserted straight into the
cases database (the ordinary-procedure endpoints are tested by cases-core)."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from check_digits import with_id_check, with_uscc_check
from harness import Platform

from services.cases.matters.models import Matter
from services.cases.models import Case

_counter = itertools.count(1)
DOMAIN = "urban_management"
# a complete 行政强制法第十八条 on-site checklist and the 第二十三条 attestations
ON_SITE = {"credentials_shown": True, "party_notified": True, "party_present": True,
           "reasons_and_remedies_told": True, "party_heard": True, "record_made": True,
           "party_signed": True}
SCOPE = {"linked_to_case": True, "no_living_necessities": True,
         "not_sealed_by_other_organ": True}


def make_uscc(seq: int | None = None) -> str:
    n = next(_counter) if seq is None else seq
    body = f"11500112{n:09d}"[:17]
    return with_uscc_check(body)


def make_id_number(seq: int | None = None, born: str = "19800101") -> str:
    n = (next(_counter) if seq is None else seq) % 1000
    body = f"500112{born}{n:03d}"
    return with_id_check(body)


@dataclass
class Agency:
    id: str
    region_code: str
    name: str
    officers: list[str] = field(default_factory=list)

    def headers(self, zhifa: Platform, *roles: str) -> dict[str, str]:
        return zhifa.headers(*(roles or ("officer",)), agency_id=self.id,
                             region_code=self.region_code, officer_id=self.officers[0]
                             if self.officers else None)


async def create_agency(zhifa: Platform, region_code: str = "500112100",
                        name: str | None = None, domains: list[str] | None = None) -> Agency:
    admin = zhifa.headers("sysadmin")
    name = name or f"木耳镇综合行政执法大队{next(_counter)}"
    resp = await zhifa.client.post("/api/v1/personnel/agencies", headers=admin, json={
        "name": name, "short_name": "木耳综执", "uscc": make_uscc(),
        "kind": "township_government", "region_code": region_code,
        "domains": domains or [DOMAIN]})
    assert resp.status_code == 201, resp.text
    return Agency(id=resp.json()["id"], region_code=region_code, name=name)


async def create_officer(zhifa: Platform, agency: Agency, *, domain: str = DOMAIN,
                         issued_on: date = date(2025, 1, 1),
                         expires_on: date | None = date(2029, 12, 31),
                         position: str | None = None) -> str:
    """An established officer with both exams passed and a 执法证 for `domain`; the agency's
    first officer is its 正职负责人 (`position="head"`) unless `position` says otherwise."""
    admin = zhifa.headers("sysadmin")
    resp = await zhifa.client.post("/api/v1/personnel/officers", headers=admin, json={
        "name": f"执法员{next(_counter)}", "id_number": make_id_number(),
        "agency_id": agency.id, "employment_type": "established",
        "has_legal_qualification": True,
        "position": position or ("staff" if agency.officers else "head")})
    assert resp.status_code == 201, resp.text
    officer_id = resp.json()["id"]
    resp = await zhifa.client.post(f"/api/v1/personnel/officers/{officer_id}/exams",
                                   headers=admin, json={"subject": "special_law",
                                                        "passed_on": "2024-06-01",
                                                        "score": 90})
    assert resp.status_code == 201, resp.text
    cert: dict[str, Any] = {"number": f"CQ-{uuid.uuid4().hex[:10]}", "domains": [domain],
                            "issued_on": issued_on.isoformat()}
    if expires_on is not None:
        cert["expires_on"] = expires_on.isoformat()
    resp = await zhifa.client.post(f"/api/v1/personnel/officers/{officer_id}/certificates",
                                   headers=admin, json=cert)
    assert resp.status_code == 201, resp.text
    agency.officers.append(officer_id)
    return officer_id


async def agency_with_officers(zhifa: Platform, n: int = 2,
                               region_code: str = "500112100") -> Agency:
    agency = await create_agency(zhifa, region_code)
    for _ in range(n):
        await create_officer(zhifa, agency)
    return agency


async def create_matter(zhifa: Platform, agency: Agency, *, source: str = "statutory",
                        domain: str = DOMAIN, code: str | None = None) -> Matter:
    matter = Matter(code=code or f"M{next(_counter):05d}", name="占道经营",
                    kind="penalty", source=source, domain=domain,
                    source_ref="渝府发〔2024〕1号" if source == "empowered" else None,
                    legal_basis="《城市市容和环境卫生管理条例》第十四条",
                    penalty_basis="《城市市容和环境卫生管理条例》第三十六条",
                    agency_id=uuid.UUID(agency.id), region_code=agency.region_code,
                    effective_from=date(2020, 1, 1), discretion_tiers=[])
    async with zhifa.session("cases") as session:
        session.add(matter)
        await session.commit()
    return matter


async def create_case(zhifa: Platform, agency: Agency, matter: Matter, *,
                      status: str = "investigating", party_kind: str = "person") -> Case:
    party: dict[str, Any] = {"party_id_number": make_id_number()} if party_kind == "person" \
        else {"party_uscc": make_uscc()}
    case = Case(agency_id=uuid.UUID(agency.id), region_code=agency.region_code,
                matter_id=matter.id, matter_snapshot={"code": matter.code,
                                                      "domain": matter.domain},
                party_kind=party_kind, party_name="张三", act_date=date(2026, 3, 1),
                discovered_on=date(2026, 3, 2), facts="在人行道上摆摊经营", status=status,
                number=f"木耳综执罚立〔2026〕{next(_counter)}号",
                filed_on=date(2026, 3, 3) if status != "lead" else None,
                officer_ids=list(agency.officers[:2]), **party)
    async with zhifa.session("cases") as session:
        session.add(case)
        await session.commit()
    return case


def summary_request(agency: Agency, matter: Matter, **over: Any) -> dict[str, Any]:
    """A lawful 当场处罚 request: 200 元 fine for a person, two qualified officers."""
    data = {"matter_id": str(matter.id),
            "party": {"kind": "person", "name": "李四", "id_number": make_id_number(),
                      "address": "木耳镇人民路1号", "phone": "13800000000"},
            "penalty": {"kind": "fine", "amount": "200.00"},
            "officer_ids": agency.officers[:2], "facts": "占道摆摊经营，经劝阻拒不改正",
            "decided_at": "2026-11-20T02:00:00Z", "place": "木耳镇人民路"}
    return {**data, **over}
