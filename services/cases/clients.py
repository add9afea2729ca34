"""Typed clients for the services cases calls (see docs/contracts.md).

- `PersonnelClient.check_qualifications(...)` → `QualificationCheck`;
  `ensure_two_qualified(check, rule=...)` raises `OfficersNotQualified` (409) listing each
  officer's reasons unless every named officer is qualified and at least two are
  (行政处罚法第四十二条; pass `rule="行政强制法第十八条"` for seizures). `qualified_officers(...)`
  does both in one call — sub-packages use it.
- `ReviewClient.major_decision_check(...)` fails closed: if review is unreachable the answer is
  "review required" with reason "审核服务不可用，按需审核处理"."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from common.context import Upstream as BaseUpstream
from common.scope import AgencyRegionLookup, personnel_region_lookup
from kit import errors
from kit.http import ServiceClient, TtlCache, UpstreamProblem
from services.cases.errors import OfficersNotQualified

log = logging.getLogger("zhifa.cases.clients")
TWO_OFFICER_RULE = "行政处罚法第四十二条"
REVIEW_UNAVAILABLE = "审核服务不可用，按需审核处理"


class OfficerQualification(BaseModel):
    officer_id: str
    name: str = ""
    agency_id: str | None = None
    qualified: bool = False
    reasons: list[str] = Field(default_factory=list)
    certificate_numbers: list[str] = Field(default_factory=list)


class QualificationCheck(BaseModel):
    results: list[OfficerQualification]
    meets_two_officer_rule: bool = False

    def qualified_ids(self) -> list[str]:
        return [r.officer_id for r in self.results if r.qualified]


class AgencyView(BaseModel):
    id: str
    name: str
    short_name: str | None = None
    uscc: str | None = None
    kind: str | None = None
    parent_id: str | None = None
    region_code: str | None = None
    domains: list[str] = Field(default_factory=list)


class OfficerPosition(BaseModel):
    """personnel's officer record as `approvals.require_head` reads it."""

    id: str
    agency_id: str
    position: str = "staff"
    is_head: bool = False
    status: str = "active"


class MajorDecisionCheck(BaseModel):
    required: bool
    reasons: list[str] = Field(default_factory=list)


class PersonnelClient:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def check_qualifications(self, headers: dict[str, str], officer_ids: list[str],
                                   domain: str, on_date: date,
                                   region_code: str | None = None) -> QualificationCheck:
        body: dict[str, Any] = {"officer_ids": [str(o) for o in officer_ids], "domain": domain,
                                "on_date": on_date.isoformat()}
        if region_code:
            body["region_code"] = region_code
        resp = await self.client.call("POST", "/api/v1/personnel/qualifications/check",
                                      headers=headers, json=body, unknown="执法人员")
        return QualificationCheck.model_validate(resp.json())

    async def get_agency(self, headers: dict[str, str], agency_id: str) -> AgencyView:
        resp = await self.client.call("GET", f"/api/v1/personnel/agencies/{agency_id}",
                                      headers=headers, unknown="执法机关")
        return AgencyView.model_validate(resp.json())


class ReviewClient:
    def __init__(self, client: ServiceClient | None) -> None:
        self.client = client

    async def major_decision_check(self, headers: dict[str, str],
                                   body: dict[str, Any]) -> MajorDecisionCheck:
        """Ask review whether 法制审核 is required (行政处罚法第五十八条); fail closed."""
        if self.client is None:
            return MajorDecisionCheck(required=True, reasons=[REVIEW_UNAVAILABLE])
        try:
            resp = await self.client.call("POST", "/api/v1/review/major-decision-checks",
                                          headers=headers, json=body)
            return MajorDecisionCheck.model_validate(resp.json())
        except (errors.Problem, UpstreamProblem, ValueError) as exc:
            log.warning("major-decision check failed, failing closed: %s", exc)
            return MajorDecisionCheck(required=True, reasons=[REVIEW_UNAVAILABLE])


@dataclass(frozen=True)
class Upstream(BaseUpstream):
    """The platform's `Upstream` (`common.context`) with cases' typed clients and the kept
    agency names (`agency_named`'s copies, shared by the app's requests)."""

    agencies: TtlCache | None = None
    agency_ttl: float = 0.0

    @property
    def personnel(self) -> PersonnelClient:
        return PersonnelClient(self.clients["personnel"])

    @property
    def review(self) -> ReviewClient:
        return ReviewClient(self.clients.get("review"))

    def service_headers(self, service: str = "cases") -> dict[str, str]:
        """Headers for a call made with the cases service token (not the caller's)."""
        return super().service_headers(service)


async def agency_named(up: Upstream, agency_id: str) -> AgencyView:
    """The agency's name, short name and USCC for numbers and documents — of the case's or the
    application's own agency, whose scope the action has already checked — kept for
    `agency_ttl` seconds; a kept copy answers while personnel is down."""
    cache = up.agencies
    fresh, kept = cache.get(agency_id, up.agency_ttl) if cache is not None else (False, None)
    if fresh:
        return kept
    try:
        agency = await up.personnel.get_agency(up.headers, agency_id)
    except errors.Problem:
        if kept is not None:
            return kept
        raise
    if cache is not None and up.agency_ttl > 0:
        cache.put(agency_id, agency)
    return agency


def agency_regions(up: Upstream) -> AgencyRegionLookup:
    """The real region of an agency, from personnel (`common.scope.personnel_agency_regions`)."""
    return personnel_region_lookup(up.clients["personnel"], up.service_headers())


def ensure_two_qualified(check: QualificationCheck, officer_ids: list[str],
                         rule: str = TWO_OFFICER_RULE) -> list[str]:
    """Every named officer must be qualified and at least two of them distinct; otherwise
    `OfficersNotQualified` (409) with each officer's reasons. Returns the qualified ids."""
    named = list(dict.fromkeys(str(o) for o in officer_ids))
    by_id = {r.officer_id: r for r in check.results}
    officers = []
    for oid in named:
        r = by_id.get(oid) or OfficerQualification(officer_id=oid, reasons=["未查到该执法人员"])
        officers.append({"officer_id": oid, "name": r.name, "qualified": r.qualified,
                         "reasons": r.reasons, "certificate_numbers": r.certificate_numbers})
    qualified = [o["officer_id"] for o in officers if o["qualified"]]
    if len(qualified) < 2 or len(qualified) < len(named):
        raise OfficersNotQualified(
            f"执法应由两名以上具备执法资格的人员实施（{rule}），"
            f"本次 {len(named)} 人中具备资格 {len(qualified)} 人",
            rule=rule, officers=officers)
    return qualified


async def qualified_officers(up: Upstream, officer_ids: list[str], domain: str,
                             on_date: date, region_code: str | None = None,
                             rule: str = TWO_OFFICER_RULE) -> QualificationCheck:
    """Ask personnel (forwarding the caller's token) and enforce the two-officer rule."""
    if len(set(map(str, officer_ids))) < 2:
        raise OfficersNotQualified(f"执法人员不得少于两人（{rule}）", rule=rule,
                                   officers=[{"officer_id": str(o), "qualified": None,
                                              "reasons": []} for o in officer_ids])
    check = await up.personnel.check_qualifications(up.headers, officer_ids, domain, on_date,
                                                    region_code)
    ensure_two_qualified(check, officer_ids, rule)
    return check
