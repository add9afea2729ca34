"""The scope matrix: the same principals against every list and every by-id GET of every
service, with data in two agencies of two regions, asserting exactly what each one sees.

The rule (docs/contracts.md, "Scope model") is written out again here, independently of
common.scope, so the test can fail when the code's rule drifts: sysadmin and service see all; a
supervisor sees the rows of their region subtree (the supervisor rule wins); agency roles see
their own agency; a token without an agency sees nothing. Out of scope by id → 404.

The test walks the merged OpenAPI: every GET must be classified in ROUTES below, so a new
route that forgets to join the matrix fails `test_every_get_route_is_in_the_matrix`."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from factories import TOWN, TOWN_B, World, id_number
from factories_extra import ON_SITE, SCOPE
from harness import Platform
from inspection_factories import Inspections

C, PER, REV, PUB = "/api/v1/cases", "/api/v1/personnel", "/api/v1/review", "/api/v1/publicity"

# path → (kind, source) where kind is:
#   "list": a scoped list; source = None
#   "byid": a by-id read; source = the list whose items give the ids
#   "sub":  a read under a parent by id; source = the parent's list
#   "exempt": not row-scoped; source = the reason
ROUTES: dict[str, tuple[str, str | None]] = {
    "/.well-known/jwks.json": ("exempt", "public keys"),
    "/api/v1/auth/me": ("exempt", "the caller's own identity"),
    "/api/v1/auth/session-changes": ("exempt", "service role only (session versions), "
                                     "tested in tests/gateway/test_sessions.py"),
    f"{C}/status": ("exempt", "service status"),
    f"{PER}/status": ("exempt", "service status"),
    f"{REV}/status": ("exempt", "service status"),
    f"{PUB}/status": ("exempt", "service status"),
    f"{C}/cases": ("list", None),
    f"{C}/cases/{{case_id}}": ("byid", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/coercive-measures": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/dossier": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/documents": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/documents/{{document_id}}": (
        "exempt", "a document under a case: loaded through the case (CaseById), 404 out of "
                  "scope, tested in tests/services/cases/test_documents.py"),
    f"{C}/cases/{{case_id}}/documents/{{document_id}}/context": (
        "exempt", "as the document (tests/services/cases/test_documents.py)"),
    f"{C}/cases/{{case_id}}/documents/{{document_id}}/docx": (
        "exempt", "as the document (tests/services/cases/test_documents.py)"),
    f"{C}/cases/{{case_id}}/documents/{{document_id}}/pdf": (
        "exempt", "as the document (tests/services/cases/test_documents.py)"),
    f"{C}/cases/{{case_id}}/dossier.zip": (
        "exempt", "the case file, rendered: through the case (CaseById), 404 out of scope, "
                  "tested in tests/services/cases/test_documents.py"),
    f"{C}/cases/{{case_id}}/dossier.pdf": (
        "exempt", "the case file as PDF: through the case (CaseById), 404 out of scope, "
                  "tested in tests/services/cases/test_dossier_pdf.py"),
    f"{C}/document-templates": ("exempt", "the shipped catalogue is the same for all; agency "
                                          "versions are listed through common.scope"),
    f"{C}/cases/{{case_id}}/evidence": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/timeline": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/timeline/verify": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/transfers": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/preservations": ("sub", f"{C}/cases"),
    f"{C}/cases/{{case_id}}/recusals": ("sub", f"{C}/cases"),
    f"{C}/court-enforcements": ("exempt", "scoped in the query; another agency's empty list "
                                          "is tested in test_court_enforcement"),
    f"{C}/self-enforcements": ("exempt", "scoped in the query; another agency's empty list "
                                         "is tested in test_self_enforcement"),
    f"{C}/preservations": ("exempt", "scoped in the query; another agency's empty list is "
                                     "tested in test_preservation"),
    f"{C}/coercive-measures": ("list", None),
    f"{C}/coercive-measures/statistics": ("exempt", "aggregate figures, scoped in its tests"),
    f"{C}/coercive-measures/{{measure_id}}": ("byid", f"{C}/coercive-measures"),
    f"{C}/entrustment-agreements": ("list", None),
    f"{C}/entrustment-agreements/{{agreement_id}}": ("byid", f"{C}/entrustment-agreements"),
    f"{C}/hearing-thresholds": ("exempt", "rules that apply to a region: every agency reads "
                                          "the rows enclosing its region (tested in matters)"),
    f"{C}/inspection-evaluations": ("exempt", "aggregate figures, scoped in its tests"),
    f"{C}/inspection-items": ("exempt", "the published item list is public (事前公开)"),
    f"{C}/inspection-items/{{item_id}}": ("exempt", "published items are public (事前公开)"),
    f"{C}/inspection-targets": ("list", None),
    f"{C}/inspection-targets/{{target_id}}": ("byid", f"{C}/inspection-targets"),
    f"{C}/inspection-targets/{{target_id}}/inspections": ("sub", f"{C}/inspection-targets"),
    f"{C}/inspections": ("list", None),
    f"{C}/inspections/by-code/{{code}}": ("exempt", "扫码入企, public by unguessable code"),
    f"{C}/inspections/statistics": ("exempt", "aggregate figures, scoped in its tests"),
    f"{C}/inspections/statistics/records": (
        "exempt", "statistics provenance, scoped in tests/services/cases/test_statistics.py"),
    f"{C}/inspections/{{inspection_id}}": ("byid", f"{C}/inspections"),
    f"{C}/inspections/{{inspection_id}}/documents": ("sub", f"{C}/inspections"),
    f"{C}/inspections/{{inspection_id}}/documents/{{document_id}}/context": (
        "exempt", "a document under an inspection: loaded through it (InspectionById), 404 out "
                  "of scope, tested in tests/services/cases/test_subject_documents.py"),
    f"{C}/inspections/{{inspection_id}}/documents/{{document_id}}/docx": (
        "exempt", "as the context (tests/services/cases/test_subject_documents.py)"),
    f"{C}/inspections/{{inspection_id}}/documents/{{document_id}}/pdf": (
        "exempt", "as the context (tests/services/cases/test_subject_documents.py)"),
    f"{C}/licence-applications/{{application_id}}/documents": (
        "sub", f"{C}/licence-applications"),
    f"{C}/licence-applications/{{application_id}}/documents/{{document_id}}/context": (
        "exempt", "a document under an application: loaded through it (ApplicationById), "
                  "404 out of scope (common.scope in ApplicationRepository.get)"),
    f"{C}/licence-applications/{{application_id}}/documents/{{document_id}}/docx": (
        "exempt", "as the context"),
    f"{C}/licence-applications/{{application_id}}/documents/{{document_id}}/pdf": (
        "exempt", "as the context"),
    f"{C}/inspections/{{inspection_id}}/evidence": ("sub", f"{C}/inspections"),
    f"{C}/inspections/{{inspection_id}}/records": ("sub", f"{C}/inspections"),
    f"{C}/inspections/{{inspection_id}}/timeline": ("sub", f"{C}/inspections"),
    f"{C}/inspections/{{inspection_id}}/timeline/verify": ("sub", f"{C}/inspections"),
    f"{C}/spot-check-plans": ("list", None),
    f"{C}/spot-check-plans/{{plan_id}}": ("byid", f"{C}/spot-check-plans"),
    f"{C}/spot-check-plans/merge-suggestions": (
        "exempt", "pairs of plans: a supervisor sees pairs whose both plans are in the region, "
                  "an agency admin pairs with its own plan; officers 403; tested in "
                  "tests/services/cases/test_inspection_merges.py"),
    f"{C}/spot-check-plans/merges/{{merge_id}}": (
        "exempt", "a merge is seen through its member agencies (region / own agency), 404 "
                  "otherwise; tested in tests/services/cases/test_inspection_merges.py"),
    f"{C}/spot-check-plans/{{plan_id}}/draws/{{draw_id}}": ("exempt", "under its plan: the "
                                                            "plan's scope is checked first"),
    f"{C}/spot-check-plans/{{plan_id}}/draws/{{draw_id}}/verify": ("exempt", "under its plan"),
    f"{C}/licence-applications": ("list", None),
    f"{C}/licence-applications/{{application_id}}": ("byid", f"{C}/licence-applications"),
    f"{C}/licence-matters": ("exempt", "published licence matters are public (第三十条); "
                                       "drafts are scoped (tested in licensing)"),
    f"{C}/licence-matters/{{matter_id}}": ("exempt", "published licence matters are public"),
    f"{C}/licences": ("list", None),
    f"{C}/inspection-caps": ("list", None),
    f"{C}/licences/{{licence_id}}": ("exempt", "by id only; another agency's 404 is tested in "
                                              "test_licensing_licences"),
    f"{C}/licensing/statistics": ("exempt", "aggregate figures, scoped in its tests"),
    f"{C}/licensing/statistics/records": (
        "exempt", "statistics provenance, scoped in tests/services/test_demo_year.py"),
    f"{C}/statistics": ("exempt", "aggregate figures, scoped in "
                                  "tests/services/cases/test_statistics.py"),
    f"{C}/statistics/records": ("exempt", "statistics provenance, scoped in "
                                          "tests/services/cases/test_statistics.py"),
    f"{PER}/statistics": ("exempt", "aggregate figures, scoped in "
                                    "tests/services/test_demo_year.py"),
    f"{PER}/statistics/records": ("exempt", "statistics provenance, scoped in "
                                            "tests/services/test_demo_year.py"),
    f"{REV}/statistics": ("exempt", "aggregate figures, scoped in "
                                    "tests/services/cases/test_statistics.py"),
    f"{REV}/statistics/records": ("exempt", "statistics provenance, scoped in "
                                            "tests/services/cases/test_statistics.py"),
    f"{PUB}/statistics": ("exempt", "aggregate figures, scoped in "
                                    "tests/services/cases/test_statistics.py"),
    f"{PUB}/statistics/records": ("exempt", "statistics provenance, scoped in "
                                            "tests/services/cases/test_statistics.py"),
    f"{C}/matters": ("exempt", "the published catalogue is public (事前公开)"),
    f"{C}/matters/{{matter_id}}": ("exempt", "the published catalogue is public (事前公开)"),
    f"{C}/summary-decisions": ("list", None),
    f"{C}/summary-decisions/{{decision_id}}": ("byid", f"{C}/summary-decisions"),
    f"{C}/summary-decisions/on-spot-collections": ("exempt", "scoped in the query; another "
                                                   "agency's empty list is tested in "
                                                   "test_on_spot_collection"),
    f"{PER}/agencies": ("exempt", "the agency register is public information"),
    f"{PER}/agencies/{{agency_id}}": ("exempt", "the agency register is public information"),
    f"{PER}/certificates": ("list", None),
    f"{PER}/certificates/verify/{{code}}": ("exempt", "public certificate check (no PII)"),
    f"{PER}/devices": ("list", None),
    f"{PER}/directory": ("exempt", "public directory of certified officers (no ID numbers)"),
    f"{PER}/officers": ("list", None),
    f"{PER}/officers/{{officer_id}}": ("byid", f"{PER}/officers"),
    f"{PER}/officers/{{officer_id}}/certificates": ("sub", f"{PER}/officers"),
    f"{PER}/officers/{{officer_id}}/exams": ("sub", f"{PER}/officers"),
    f"{PER}/officers/{{officer_id}}/trainings": ("sub", f"{PER}/officers"),
    f"{PER}/training-compliance": ("exempt", "aggregate figures, scoped in its tests"),
    f"{PUB}/decisions": ("exempt", "public disclosure, redacted"),
    f"{PUB}/decisions/{{decision_id}}": ("exempt", "public disclosure, redacted"),
    f"{PUB}/disclosure-status": ("list", None),
    f"{PUB}/exports/credit-upload.csv": ("exempt", "public disclosure export, redacted"),
    f"{PUB}/exports/penalties.csv": ("exempt", "public disclosure export, redacted"),
    f"{PUB}/exports/penalties.xlsx": ("exempt", "public disclosure export, redacted"),
    f"{PUB}/feeds/decisions.atom": ("exempt", "public feed, redacted"),
    f"{PUB}/exports/licences.csv": ("exempt", "public licence disclosure export, redacted"),
    f"{PUB}/exports/licences.xlsx": ("exempt", "public licence disclosure export, redacted"),
    f"{PUB}/licences": ("exempt", "public licence disclosure, redacted"),
    f"{PUB}/annual-statistics": ("exempt", "public 统计年报 tables (aggregates, no personal "
                                           "data), test_annual_reports.py"),
    f"{PUB}/annual-statistics/{{report_id}}": ("exempt", "public 统计年报 tables"),
    f"{PUB}/supervision-plans": ("exempt", "public 年度行政执法监督计划 (redacted); "
                                 "tests/services/review/test_supervision_plans.py"),
    f"{PUB}/supervision-plans/{{plan_id}}": ("exempt", "public 年度行政执法监督计划"),
    f"{PUB}/inspections": ("exempt", "public 双随机、一公开 records (items, tasks, results), "
                                     "redacted"),
    f"{PUB}/matters": ("exempt", "public catalogue"),
    f"{PUB}/officers": ("exempt", "public directory"),
    f"{PUB}/webhooks": ("exempt", "subscriptions: scoped by the webhook tests (region); only "
                                  "publicity has external subscriptions"),
    f"{REV}/complaints": ("list", None),
    f"{REV}/complaints/stats": ("exempt", "aggregate figures, scoped in its tests"),
    f"{REV}/complaints/{{complaint_id}}": ("byid", f"{REV}/complaints"),
    f"{REV}/complaints/{{tracking_code}}/status": ("exempt", "public, by tracking code"),
    f"{REV}/evaluation-batches/{{batch_id}}": ("exempt", "region batches: tested in evaluation"),
    f"{REV}/evaluation-batches/{{batch_id}}/bulletin": ("exempt", "tested in evaluation"),
    f"{REV}/evaluation-batches/{{batch_id}}/ranking": ("exempt", "tested in evaluation"),
    f"{REV}/legal-reviews": ("list", None),
    f"{REV}/legal-reviews/{{review_id}}": ("byid", f"{REV}/legal-reviews"),
    f"{REV}/reviewers": ("list", None),
    # 年度报告 (issue 14): no list; by id through common.scope (404 out of scope) and the files
    # through the same load, tested in tests/services/review/test_annual_reports.py
    f"{REV}/annual-reports/{{report_id}}": (
        "exempt", "by id through scope_clause, 404 out of scope (test_annual_reports.py)"),
    **{f"{REV}/annual-reports/{{report_id}}/{sub}": (
        "exempt", "the report's files, through the report's scoped load "
                  "(test_annual_reports.py)")
       for sub in ("charts/{name}.png", "figures/{key}/records", "report.docx",
                   "tables.csv", "tables.xlsx")},
    f"{REV}/dashboard": ("exempt", "supervisor of the region only (region prefix check); "
                                   "aggregates, tested in test_annual_reports.py"),
    f"{REV}/supervision-instruments": ("list", None),
    f"{REV}/supervision-instruments/stats": ("exempt", "aggregate figures, scoped in "
                                             "tests/services/review/test_supervision_instruments.py"),
    f"{REV}/supervision-instruments/{{instrument_id}}": ("byid", f"{REV}/supervision-instruments"),
    f"{REV}/supervision-instruments/{{instrument_id}}/document.docx": (
        "sub", f"{REV}/supervision-instruments"),
    f"{REV}/social-evaluations": ("list", None),
    f"{REV}/social-evaluations/stats": (
        "exempt", "aggregate figures by agency through scope_clause; "
                  "tests/integration/test_social_evaluation.py"),
    f"{REV}/social-evaluations/{{evaluation_id}}": ("byid", f"{REV}/social-evaluations"),
    f"{REV}/my-social-evaluations": ("exempt", "the invited supervisor's own panel seats; "
                                     "tests/integration/test_social_evaluation.py"),
    f"{REV}/my-social-evaluations/{{evaluation_id}}": ("exempt", "as the list (panel seat)"),
    f"{REV}/supervision-actions": ("exempt", "region-only rows (no agency), supervisors only; "
                                   "tests/services/review/test_invited_supervisors.py"),
    f"{REV}/supervision-actions/{{action_id}}": ("exempt", "as the list (region-only)"),
    f"{REV}/my-supervision-actions": ("exempt", "the invited supervisor's own actions by "
                                      "participation; tests/integration/"
                                      "test_isolation_matrix.py"),
    f"{REV}/my-supervision-actions/{{action_id}}": ("exempt", "as the list (participation)"),
    f"{REV}/invited-cohorts": ("exempt", "region-only rows, supervisors only; "
                               "tests/services/review/test_invited_supervisors.py"),
    f"{REV}/invited-cohorts/{{cohort_id}}/members": ("exempt", "through the cohort (region)"),
    f"{REV}/invited-cohorts/{{cohort_id}}/meetings": ("exempt", "through the cohort (region)"),
    f"{REV}/invited-members/{{member_id}}": ("exempt", "region-only, as the cohort"),
    f"{REV}/responsibility-records": ("list", None),
    f"{REV}/responsibility-records/{{record_id}}": ("byid", f"{REV}/responsibility-records"),
    f"{REV}/supervision-opinions": ("list", None),
    f"{REV}/supervision-opinions/{{opinion_id}}": ("byid", f"{REV}/supervision-opinions"),
    f"{REV}/supervision-plans": ("exempt", "region-only rows (no agency), supervisors only; "
                                 "tests/services/review/test_supervision_plans.py"),
    f"{REV}/supervision-plans/{{plan_id}}": ("exempt", "as the list (region-only)"),
    f"{REV}/joint-meetings": ("exempt", "region rows; agency roles see meetings their agency "
                              "convened or attended (a wider rule than the matrix's); "
                              "tests/services/review/test_joint_meetings.py"),
    f"{REV}/joint-meetings/{{meeting_id}}": ("exempt", "as the list"),
    f"{REV}/joint-meeting-rhythm": ("exempt", "aggregate counts of the supervisor's region; "
                                    "tests/services/review/test_joint_meetings.py"),
    f"{REV}/case-consultations": ("exempt", "the case's agency and the participating agencies "
                                  "(a wider rule than the matrix's), supervisors by the case "
                                  "agency's real region; "
                                  "tests/services/review/test_case_consultations.py"),
    f"{REV}/case-consultations/{{consultation_id}}": ("exempt", "as the list"),
    f"{REV}/assessments": ("exempt", "region rows; agency admins only finalised assessments "
                           "ranking their agency (内部通报); "
                           "tests/services/review/test_performance_assessment.py"),
    f"{REV}/assessments/{{assessment_id}}": ("exempt", "as the list"),
}
AGENCY_FIELDS = ("agency_id", "target_agency_id")
AGENCY_ROLES = {"officer", "agency_admin", "legal_reviewer"}


def expected(roles: set[str], agency: str | None, region: str | None,
             row_agency: str | None, row_region: str | None) -> bool:
    """The contract's scope rule, written independently of the code under test."""
    if roles & {"sysadmin", "service"}:
        return True
    if "supervisor" in roles:
        return bool(region) and region.isdigit() and (row_region or "").startswith(region)
    if roles & AGENCY_ROLES:
        return agency is not None and agency == row_agency
    return False


async def test_every_get_route_is_in_the_matrix(zhifa: Platform) -> None:
    spec = (await zhifa.client.get("/openapi.json")).json()
    gets = {p for p, ops in spec["paths"].items() if "get" in ops}
    missing = sorted(gets - set(ROUTES))
    assert not missing, "GET routes not in the scope matrix (add them to ROUTES): " + \
        ", ".join(missing)
    assert not sorted(set(ROUTES) - gets), "ROUTES names routes that no longer exist"


class RegionWorld(World):
    """A World whose agency and tokens live in `region`."""

    def __init__(self, zhifa: Platform, region: str) -> None:
        super().__init__(zhifa)
        self.region = region

    def officer_headers(self, **kw: Any) -> dict[str, str]:
        return self.zhifa.headers("officer", agency_id=self.agency_id, region_code=self.region,
                                  officer_id=self.officers[0] if self.officers else None, **kw)

    def admin_headers(self) -> dict[str, str]:
        return self.zhifa.headers("agency_admin", agency_id=self.agency_id,
                                  region_code=self.region)


async def _world(zhifa: Platform, region: str) -> World:
    w = await RegionWorld(zhifa, region).setup(region=region)
    await w.decided()
    await w.lead()
    sys = zhifa.headers("sysadmin")
    c = zhifa.client
    resp = await c.post(f"{PER}/devices", headers=sys, json={
        "serial": f"DV-{uuid.uuid4().hex[:8]}", "kind": "body_camera", "agency_id": w.agency_id})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/complaints", json={
        "category": "violation_report", "content": "有人占道经营", "target_agency_id":
        w.agency_id, "region_code": region, "contact_name": "市民", "contact_phone":
        "13900000000"})
    assert resp.status_code == 201, resp.text
    sup = zhifa.headers("supervisor", region_code=region)
    resp = await c.post(f"{REV}/supervision-opinions", headers=sup, json={
        "agency_id": w.agency_id, "region_code": region, "findings": "案卷装订不规范",
        "legal_basis": "《行政执法监督条例》", "required_actions": "整改",
        "rectify_by": "2026-12-31"})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/responsibility-records", headers=sup, json={
        "subject_kind": "agency", "agency_id": w.agency_id, "grounds": ["buck_passing"],
        "facts": "推诿扯皮"})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/invited-cohorts", headers=sup, json={
        "name": "第五届", "term_start": (date.today() - timedelta(days=30)).isoformat(),
        "term_end": (date.today() + timedelta(days=5 * 365)).isoformat()})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/invited-cohorts/{resp.json()['id']}/members", headers=sup, json={
        "name": "周监督", "user_id": f"u-{uuid.uuid4().hex[:8]}", "source_category": "lawyer",
        "attestations": [{"condition": k, "attested_by": "区司法局", "attested_on": "2026-01-05"}
                         for k in ("age_18_or_over", "college_education", "no_criminal_record",
                                   "no_disciplinary_record", "not_dishonest_debtor")]})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/social-evaluations", headers=sup, json={
        "case_id": (await w.notified())["id"], "seed": "matrix", "panel_size": 1})
    assert resp.status_code == 201, resp.text
    case = await w.filed()
    resp = await c.post(f"{C}/cases/{case['id']}/coercive-measures", headers=w.officer_headers(),
                        json={"kind": "seize", "items": [{"name": "三轮车", "quantity": "1",
                                                          "unit": "辆"}],
                              "officer_ids": w.officers[:2], "approver_id": w.officers[2],
                              "started_on": "2026-03-10", "place": "人民路",
                              "on_site": ON_SITE, "scope": SCOPE})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{C}/summary-decisions", headers=w.officer_headers(), json={
        "matter_id": w.matter["id"], "party": {"kind": "person", "name": "李四", "id_number":
                                               id_number(), "address": "人民路1号"},
        "penalty": {"kind": "fine", "amount": "200.00"}, "officer_ids": w.officers[:2],
        "facts": "占道摆摊经营", "decided_at": "2026-11-20T02:00:00Z", "place": "人民路"})
    assert resp.status_code == 201, resp.text
    dept = await w.create_agency("500112")
    dept_admin = zhifa.headers("agency_admin", agency_id=dept["id"], region_code="500112")
    body = {**w.lead_body(), "agency_id": dept["id"]}
    matter = await c.post(f"{C}/matters", headers=dept_admin, json={
        "code": f"E{uuid.uuid4().hex[:6]}", "name": "占道经营", "kind": "penalty",
        "source": "entrusted", "domain": "urban_management", "legal_basis": "某条例第十四条",
        "penalty_basis": "某条例第三十六条", "agency_id": dept["id"],
        "effective_from": "2020-01-01", "discretion_tiers": []})
    assert matter.status_code == 201, matter.text
    del body
    resp = await c.post(f"{C}/entrustment-agreements", headers=w.admin_headers(), json={
        "number": f"委〔2026〕{uuid.uuid4().hex[:4]}号", "delegating_agency_id": dept["id"],
        "delegating_agency_name": "区城市管理局", "agency_name": "镇综合执法大队",
        "matter_ids": [matter.json()["id"]], "powers": "以区城市管理局名义实施处罚",
        "valid_from": "2026-01-01", "valid_until": "2027-12-31"})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{REV}/events", headers=zhifa.headers("service"), json={
        "id": str(uuid.uuid4()), "type": "case.review_requested", "source": "cases",
        "payload": {"case_id": case["id"], "round": 1, "agency_id": w.agency_id,
                    "region_code": region, "case_number": "罚〔2026〕1号",
                    "matter": {"id": w.matter["id"], "code": "M1", "name": "占道经营",
                               "domain": "urban_management"},
                    "party": {"kind": "organization", "name": "某某公司"}, "facts": "占道经营",
                    "proposed": {"outcome": "penalty", "penalties": [
                        {"kind": "fine", "amount_fen": 20_000_000}]},
                    "discretion_tier": "较重", "reasons": ["罚款达到目录标准"], "evidence": [],
                    "hearing": None, "officer_ids": w.officers[:2],
                    "requested_at": "2026-11-02T02:00:00+00:00"}})
    assert resp.status_code in (200, 202, 204), resp.text
    licence_matter = await c.post(f"{C}/licence-matters", headers=w.admin_headers(), json={
        "code": f"XK{uuid.uuid4().hex[:6]}", "name": "乡村建设规划许可", "agency_id": w.agency_id,
        "issuing_authority": "镇人民政府", "legal_basis": ["《城乡规划法》第四十一条"],
        "materials": [{"name": "申请报告"}], "publish": True,
        # one prefix for both worlds: two agencies issue the same number (unique per agency)
        "certificate": {"name": "乡村建设规划许可证", "prefix": "村建字",
                        "number_pattern": "{prefix}{year}{seq:05d}"}})
    assert licence_matter.status_code == 201, licence_matter.text
    resp = await c.post(f"{C}/licence-applications", headers=w.officer_headers(), json={
        "matter_id": licence_matter.json()["id"], "received_on": "2026-11-02",
        "applicant": {"kind": "person", "name": "张三", "id_number": id_number()}})
    assert resp.status_code == 201, resp.text
    app = f"{C}/licence-applications/{resp.json()['id']}"  # one licence issued
    resp = await c.post(f"{app}/materials", headers=w.officer_headers(), data={"name": "申请报告"},
                        files={"file": ("a.pdf", b"%PDF-1.4 x", "application/pdf")})
    assert resp.status_code == 201, resp.text
    for action, body in (("accept", {"on": "2026-11-02"}),
                         ("review", {"reviewer_ids": w.officers[:2], "findings": "符合",
                                     "on": "2026-11-03"}),
                         ("decide", {"granted": True, "reasons": "符合", "on": "2026-11-04"}),
                         ("issue-certificate", {"on": "2026-11-04"})):
        resp = await c.post(f"{app}/{action}", headers=w.officer_headers(), json=body)
        assert resp.status_code == 200, resp.text
    resp = await c.post(f"{REV}/reviewers", headers=w.admin_headers(), json={
        "user_id": f"rv-{uuid.uuid4().hex[:6]}", "name": "审核员", "agency_id": w.agency_id,
        "region_code": region, "has_legal_qualification": True})
    assert resp.status_code == 201, resp.text
    resp = await c.put(f"{C}/inspection-caps", headers=w.admin_headers(), json={
        "agency_id": w.agency_id, "target_class": "*", "annual_limit": 2})
    assert resp.status_code == 200, resp.text
    x = Inspections(w)  # inspection target, inspection (with a record chain) and plan
    item = await x.item()
    await x.create(item, await x.target())
    resp = await c.post(f"{C}/spot-check-plans", headers=w.officer_headers(), json={
        "name": "抽查计划", "year": 2026, "item_ids": [item["id"]],
        "inspector_ids": w.officers[:2]})
    assert resp.status_code == 201, resp.text
    return w


def _principals(zhifa: Platform, a: World, b: World) -> dict[str, tuple[set[str], str | None,
                                                                       str | None]]:
    return {
        "officer A": ({"officer"}, a.agency_id, TOWN),
        "admin A": ({"agency_admin"}, a.agency_id, TOWN),
        "officer B": ({"officer"}, b.agency_id, TOWN_B),
        "admin B": ({"agency_admin"}, b.agency_id, TOWN_B),
        "supervisor R": ({"supervisor"}, None, TOWN),
        "supervisor S": ({"supervisor"}, None, TOWN_B),
        "legal reviewer A": ({"legal_reviewer"}, a.agency_id, TOWN),
        "service": ({"service"}, None, None),
        "sysadmin": ({"sysadmin"}, None, None),
        "no agency": ({"officer"}, None, TOWN),
        # 特邀监督员: sees no agency row anywhere; routes not admitting it answer 404
        "invited supervisor": ({"invited_supervisor"}, None, TOWN),
    }


def _row_scope(item: dict[str, Any], regions: dict[str, str],
               cases: dict[str, str]) -> tuple[str | None, str | None]:
    """The row's agency (its own field, else its case's agency) and region."""
    agency = next((str(item[f]) for f in AGENCY_FIELDS if item.get(f)), None) \
        or cases.get(str(item.get("case_id")))
    region = item.get("region_code") or regions.get(agency or "")
    return agency, region


def _ident(item: dict[str, Any]) -> str:
    return str(item.get("id") or item.get("decision_id") or item.get("case_id"))


async def _list_all(zhifa: Platform, path: str, headers: dict[str, str]) -> tuple[int, list]:
    items, cursor = [], None
    for _ in range(20):
        params = {"limit": 200} | ({"cursor": cursor} if cursor else {})
        resp = await zhifa.client.get(path, headers=headers, params=params)
        if resp.status_code != 200:
            return resp.status_code, []
        body = resp.json()
        items += body["items"] if isinstance(body, dict) else body
        cursor = body.get("next_cursor") if isinstance(body, dict) else None
        if not cursor:
            break
    return 200, items


@pytest.mark.filterwarnings("ignore")
async def test_scope_matrix(zhifa: Platform) -> None:
    a, b = await _world(zhifa, TOWN), await _world(zhifa, TOWN_B)
    await zhifa.drain()
    regions = {a.agency_id: TOWN, b.agency_id: TOWN_B}
    sys = zhifa.headers("sysadmin")
    rows: dict[str, list[tuple[str, str | None, str | None]]] = {}
    _, all_cases = await _list_all(zhifa, f"{C}/cases", sys)
    cases = {c["id"]: c["agency_id"] for c in all_cases}
    for path, (kind, _) in ROUTES.items():
        if kind != "list":
            continue
        status, items = await _list_all(zhifa, path, sys)
        assert status == 200, (path, status)
        rows[path] = [(_ident(i), *_row_scope(i, regions, cases)) for i in items]
        assert {r[1] for r in rows[path]} >= {a.agency_id, b.agency_id}, \
            f"{path}: the fixture must have rows in both agencies"
    failures: list[str] = []
    for name, (roles, agency, region) in _principals(zhifa, a, b).items():
        headers = zhifa.headers(*roles, agency_id=agency, region_code=region)
        for path, (kind, source) in ROUTES.items():
            if kind == "list":
                status, items = await _list_all(zhifa, path, headers)
                if status == 403 or (status == 404 and roles == {"invited_supervisor"}):
                    continue  # the role may not use this list at all
                want = {i for i, ra, rr in rows[path] if expected(roles, agency, region, ra, rr)}
                got = {_ident(i) for i in items}
                if status != 200 or got != want:
                    failures.append(f"{name} GET {path}: {status}, {len(got)} rows, "
                                    f"{len(got - want)} out of scope, {len(want - got)} missing")
            elif kind in ("byid", "sub"):
                list_status, _ = await _list_all(zhifa, source, headers)
                for ident, ra, rr in rows[source]:
                    url = re.sub(r"\{[^}]+\}", ident, path)
                    resp = await zhifa.client.get(url, headers=headers)
                    want_ok = expected(roles, agency, region, ra, rr)
                    if resp.status_code == 403 and list_status == 403:
                        continue
                    if roles == {"invited_supervisor"} and list_status == 404:
                        assert resp.status_code == 404, url
                    ok = resp.status_code == 200
                    if ok != want_ok or (not ok and resp.status_code != 404):
                        failures.append(f"{name} GET {url}: {resp.status_code}, expected "
                                        f"{'200' if want_ok else '404'}")
    assert not failures, "\n".join(failures)
