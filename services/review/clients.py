"""Typed client for the cases service (docs/contracts.md), with review's own view models.

Background calls use a service token naming review (`kit.auth.service_token`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from common.context import Upstream as BaseUpstream
from common.context import upstream_of
from common.scope import AgencyRegionLookup, personnel_region_lookup
from kit.http import ServiceClient, UpstreamProblem


class CaseRef(BaseModel):
    """Only the fields review reads from a case; extra fields are ignored."""

    model_config = ConfigDict(extra="ignore")
    id: str
    status: str | None = None
    case_number: str | None = Field(None, validation_alias=AliasChoices("case_number",
                                                                         "number"))
    agency_id: str | None = None


class CasePage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    items: list[CaseRef] = Field(default_factory=list)
    next_cursor: str | None = None


class CasesClient:
    def __init__(self, up: Upstream) -> None:
        self.client: ServiceClient = up.clients["cases"]
        self.headers = up.service_headers("review")

    async def create_lead(self, body: dict[str, Any]) -> CaseRef:
        """`POST /api/v1/cases/cases` (a lead, 线索) on behalf of the named agency."""
        resp = await self.client.call("POST", "/api/v1/cases/cases", headers=self.headers,
                                      json=body, unknown="案件事项")
        return CaseRef.model_validate(resp.json())

    async def closed_case_ids(self, agency_id: str, page_size: int) -> list[CaseRef]:
        """Every closed case of one agency, all pages."""
        out: list[CaseRef] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"status": "closed", "agency_id": agency_id,
                                      "limit": page_size}
            if cursor:
                params["cursor"] = cursor
            resp = await self.client.call("GET", "/api/v1/cases/cases", headers=self.headers,
                                          params=params)
            page = CasePage.model_validate(resp.json())
            out.extend(page.items)
            if not page.next_cursor or not page.items:
                return out
            cursor = page.next_cursor

    async def case(self, case_id: str) -> dict[str, Any]:
        """`GET /api/v1/cases/cases/{id}` (the caller's scope is checked by review after)."""
        resp = await self.client.call("GET", f"/api/v1/cases/cases/{case_id}",
                                      headers=self.headers, unknown="案件")
        body = resp.json()
        return body if isinstance(body, dict) else {}

    async def recused_officers(self, case_id: Any) -> set[str]:
        """Officers whose 回避 was granted on the case (`GET /cases/{id}/recusals`, 行政处罚法
        第四十三条): cases owns the decision; review keeps no copy of it."""
        resp = await self.client.call("GET", f"/api/v1/cases/cases/{case_id}/recusals",
                                      headers=self.headers, unknown="案件")
        return {str(r["officer_id"]) for r in resp.json() if r.get("status") == "granted"}

    async def dossier(self, case_id: str) -> dict[str, Any]:
        resp = await self.client.call("GET", f"/api/v1/cases/cases/{case_id}/dossier",
                                      headers=self.headers, unknown="案件")
        body = resp.json()
        return body if isinstance(body, dict) else {"content": body}


@dataclass(frozen=True)
class Upstream(BaseUpstream):
    """The platform's `Upstream` (`common.context`) and whether a report may skip a statistics
    source this deployment does not run (`report_skip_missing_sources`)."""

    skip_missing_sources: bool = False


def upstream(request: Request) -> Upstream:
    """Dependency: the `Upstream` of this request."""
    state = request.app.state
    base = upstream_of(request)
    return Upstream(base.clients, base.headers, base.keyring, base.jwt,
                    bool(state.settings.report_skip_missing_sources))


def agency_regions(up: Upstream) -> AgencyRegionLookup:
    """The real region of an agency as personnel states it, asked with review's token."""
    return personnel_region_lookup(up.clients["personnel"], up.service_headers("review"))


class StatisticsClient:
    """The four services' statistics endpoints (issue 14), called with review's service token:
    the caller's own scope was checked before, and each service answers for its data."""

    def __init__(self, up: Upstream) -> None:
        self.clients = up.clients
        self.skip_missing: bool = up.skip_missing_sources
        self.headers = up.service_headers("review")

    async def fetch(self, service: str, path: str,
                    params: dict[str, Any]) -> dict[str, Any] | None:
        """The statistics body; None when the endpoint is not there (404/405, or a service
        this deployment does not call) and `report_skip_missing_sources` allows it."""
        client = self.clients.get(service)
        if client is None:
            return None
        try:
            resp = await client.call("GET", path, headers=self.headers,
                                     params={k: v for k, v in params.items() if v is not None})
        except UpstreamProblem as exc:
            if self.skip_missing and exc.status in (404, 405):
                return None
            raise
        body = resp.json()
        return body if isinstance(body, dict) else None

    async def records(self, service: str, path: str, params: dict[str, Any]) -> Any:
        """`<statistics path>/records?key=` of the owning service (provenance ids)."""
        client = self.clients[service]
        resp = await client.call("GET", path.rstrip("/") + "/records", headers=self.headers,
                                 params={k: v for k, v in params.items() if v is not None})
        return resp.json()

    async def agency(self, agency_id: Any) -> dict[str, Any] | None:
        """One agency (personnel), None when personnel does not know it."""
        try:
            resp = await self.clients["personnel"].call(
                "GET", f"/api/v1/personnel/agencies/{agency_id}", headers=self.headers)
        except UpstreamProblem as exc:
            if exc.status == 404:
                return None
            raise
        body = resp.json()
        return body if isinstance(body, dict) else None

    async def agencies(self, region_code: str, page_size: int = 200) -> list[dict[str, Any]]:
        """Every agency of a region subtree (personnel), all pages."""
        out: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"region_code": region_code, "limit": page_size}
            if cursor:
                params["cursor"] = cursor
            resp = await self.clients["personnel"].call(
                "GET", "/api/v1/personnel/agencies", headers=self.headers, params=params)
            body = resp.json()
            out.extend(body.get("items") or [])
            cursor = body.get("next_cursor")
            if not cursor or not body.get("items"):
                return out


# the owning service's by-id read of each record type a supervision finding may name
RECORD_PATHS = {"case": "/api/v1/cases/cases/{id}",
                "inspection": "/api/v1/cases/inspections/{id}",
                "licence": "/api/v1/cases/licence-applications/{id}"}
RECORD_LABELS = {"case": "案件", "inspection": "行政检查", "licence": "行政许可申请"}


async def check_record(up: Upstream, record_type: str, record_id: Any) -> None:
    """The record exists and the CALLER may see it: the owning service's by-id read with the
    caller's own token (its 404 becomes a 422 "references unknown …")."""
    await fetch_record(up, record_type, record_id)


async def fetch_record(up: Upstream, record_type: str, record_id: Any) -> dict[str, Any]:
    """`check_record`, answering the owning service's body (e.g. a case's `agency_id`)."""
    client: ServiceClient = up.clients["cases"]
    resp = await client.call("GET", RECORD_PATHS[record_type].format(id=record_id),
                             headers={"Authorization": up.headers.get("Authorization", "")},
                             unknown=RECORD_LABELS[record_type])
    body = resp.json()
    return body if isinstance(body, dict) else {}


class OfficerRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    agency_id: str
    region_code: str | None = None


class PersonnelClient:
    """Personnel with a service token naming review: officers and their 处分 (sanctions)."""

    def __init__(self, up: Upstream) -> None:
        self.client: ServiceClient = up.clients["personnel"]
        self.headers = up.service_headers("review")

    async def officer(self, officer_id: Any) -> OfficerRef:
        resp = await self.client.call("GET", f"/api/v1/personnel/officers/{officer_id}",
                                      headers=self.headers, unknown="执法人员")
        return OfficerRef.model_validate(resp.json())

    async def agency_name(self, agency_id: Any) -> str:
        """The agency's name as personnel holds it ("" when unknown)."""
        try:
            resp = await self.client.call("GET", f"/api/v1/personnel/agencies/{agency_id}",
                                          headers=self.headers)
        except UpstreamProblem as exc:
            if exc.status in (404, 422):
                return ""
            raise
        return str(resp.json().get("name") or "")

    async def add_sanction(self, officer_id: Any, body: dict[str, Any]) -> str:
        """`POST /officers/{id}/sanctions`: where it affects certificate eligibility, personnel's
        rules decide (blocking sanction kinds, the sanction period)."""
        resp = await self.client.call("POST", f"/api/v1/personnel/officers/{officer_id}/sanctions",
                                      headers=self.headers, json=body, unknown="执法人员")
        return str(resp.json()["id"])


class PublicityClient:
    """Publicity's redaction engine (`POST /api/v1/publicity/redactions`), service token."""

    def __init__(self, up: Upstream) -> None:
        self.client: ServiceClient = up.clients["publicity"]
        self.headers = up.service_headers("review")

    async def redact(self, texts: list[str], party: dict[str, Any]) -> dict[str, Any]:
        body = {"texts": texts, "party": {k: party.get(k) for k in (
            "kind", "name", "id_number", "phone", "address") if party.get(k)}}
        resp = await self.client.call("POST", "/api/v1/publicity/redactions",
                                      headers=self.headers, json=body)
        return resp.json()
