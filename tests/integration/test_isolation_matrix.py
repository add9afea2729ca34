"""Isolation matrix for writes that name an agency (issue 10, points 1 and 3).

Two districts, each with a real agency in personnel. A supervisor of district 500113 names the
agency of district 500112 in every write that takes an agency — the region in the body says
500113 (the old check trusted it) — and each write is refused with `agency-out-of-scope`
(webhooks: `webhook-out-of-region`), leaving nothing written. The supervisor of 500112 may do
the same writes."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from check_digits import with_uscc_check
from harness import Platform

C, R, PER, PUB = "/api/v1/cases", "/api/v1/review", "/api/v1/personnel", "/api/v1/publicity"
PROBLEM = "https://zhifa.dev/problems/"
RUBRIC = {"code": "iso", "name": "评查标准", "veto_items": [],
          "scored_items": [{"code": "a", "stage": "卷面", "label": "卷面", "max_points": 100}]}


def _uscc(n: int) -> str:
    body = f"11500113{n:09d}"[:17]
    return with_uscc_check(body)


async def _agency(zhifa: Platform, region: str, n: int) -> str:
    resp = await zhifa.client.post(f"{PER}/agencies", headers=zhifa.headers("sysadmin"), json={
        "name": f"隔离测试执法大队{n}", "uscc": _uscc(n), "kind": "township_government",
        "region_code": region, "domains": ["urban_management"]})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


async def _complaint(zhifa: Platform, sup: dict[str, str], agency: str, region: str) -> str:
    """A public report naming `agency` but filed under `region`; returns its id."""
    receipt = await zhifa.client.post(f"{R}/complaints", json={
        "category": "violation_report", "content": "有人占道经营", "region_code": region,
        "target_agency_id": agency})
    assert receipt.status_code == 201, receipt.text
    items = (await zhifa.client.get(f"{R}/complaints", headers=sup)).json()["items"]
    return next(c["id"] for c in items
                if c["tracking_code"] == receipt.json()["tracking_code"])


def _writes(agency: str, region: str, ctx: dict[str, Any]) -> list[tuple[str, str, dict]]:
    soon = (date.today() + timedelta(days=30)).isoformat()
    return [
        ("matter", f"{C}/matters", {
            "code": f"ISO-{uuid.uuid4().hex[:6]}", "name": "占道经营", "domain": "urban_management",
            "legal_basis": "某条例第十条", "agency_id": agency, "region_code": region,
            "effective_from": "2026-01-01"}),
        ("hearing threshold", f"{C}/hearing-thresholds", {
            "agency_id": agency, "region_code": region, "person": "1.00",
            "organization": "1.00"}),
        ("supervision instrument", f"{R}/supervision-instruments", {
            "kind": "decision", "agency_id": agency, "region_code": region,
            "facts": "执法程序不规范", "legal_basis": "《行政执法监督条例》",
            "required_action": "整改"}),
        ("supervision opinion", f"{R}/supervision-opinions", {
            "agency_id": agency, "region_code": region, "findings": "执法程序不规范",
            "legal_basis": "监督条例", "required_actions": "整改", "rectify_by": soon}),
        ("reviewer profile", f"{R}/reviewers", {
            "user_id": f"u-{uuid.uuid4().hex[:8]}", "name": "王审核", "agency_id": agency,
            "region_code": region, "has_legal_qualification": True}),
        ("major-decision catalogue", f"{R}/major-decision-catalogues", {
            "name": "重大执法决定目录", "agency_id": agency, "rules": {}}),
        ("evaluation batch", f"{R}/evaluation-batches", {
            "rubric_id": ctx["rubric_id"], "agency_ids": [agency], "sample_size": 1}),
        ("complaint reassignment", f"{R}/complaints/{ctx['complaint_id']}/assign", {
            "handler": "张监督", "target_agency_id": agency}),
    ]


async def test_every_write_naming_an_agency_checks_its_real_region(zhifa: Platform) -> None:
    a112 = await _agency(zhifa, "500112100", 1)
    own = await _agency(zhifa, "500113100", 2)
    sup113 = zhifa.headers("supervisor", region_code="500113")
    sup112 = zhifa.headers("supervisor", region_code="500112")
    rubric = await zhifa.client.post(f"{R}/evaluation-rubrics", json=RUBRIC, headers=sup113)
    assert rubric.status_code == 201, rubric.text
    ctx = {"rubric_id": rubric.json()["id"],
           "complaint_id": await _complaint(zhifa, sup113, own, "500113")}

    refused = {}
    for name, url, body in _writes(a112, "500113", ctx):
        resp = await zhifa.client.post(url, json=body, headers=sup113)
        refused[name] = (resp.status_code, resp.json().get("type"))
    assert refused == {name: (403, PROBLEM + "agency-out-of-scope") for name in refused}

    # a report naming the other district's agency, filed under 500113: no lead there
    report = await _complaint(zhifa, sup113, a112, "500113")
    lead = await zhifa.client.post(f"{R}/complaints/{report}/lead", headers=sup113, json={
        "matter_id": str(uuid.uuid4()), "party": {"kind": "person", "name": "赵六"},
        "act_date": "2026-11-01"})
    assert (lead.status_code, lead.json()["type"]) == (403, PROBLEM + "agency-out-of-scope")

    # webhooks: a subscription for the other district's region is refused
    hook = await zhifa.client.post(f"{PUB}/webhooks", headers=sup113, json={
        "url": "https://hooks.example.com/in", "secret": "s" * 20, "region_code": "500112"})
    assert (hook.status_code, hook.json()["type"]) == (403, PROBLEM + "webhook-out-of-region")

    # nothing was written for the other district
    for url in (f"{C}/hearing-thresholds", f"{R}/supervision-opinions"):
        listed = (await zhifa.client.get(url, headers=sup112)).json()
        rows = listed if isinstance(listed, list) else listed["items"]
        assert [r for r in rows if r.get("agency_id") == a112] == [], url

    # the other district's own supervisor may do the same writes (the matrix's other side)
    rubric112 = await zhifa.client.post(f"{R}/evaluation-rubrics", json=RUBRIC | {
        "code": "iso112"}, headers=sup112)
    ctx112 = {"rubric_id": rubric112.json()["id"],
              "complaint_id": await _complaint(zhifa, sup112, a112, "500112")}
    allowed = {}
    for name, url, body in _writes(a112, "500112100", ctx112):
        resp = await zhifa.client.post(url, json=body, headers=sup112)
        allowed[name] = resp.status_code
    assert allowed == {"matter": 201, "hearing threshold": 201, "supervision opinion": 201,
                       "supervision instrument": 201,
                       "reviewer profile": 201, "major-decision catalogue": 201,
                       "evaluation batch": 201, "complaint reassignment": 200}


async def test_invited_supervisor_sees_only_their_actions_redacted(zhifa: Platform) -> None:
    """特邀行政执法监督员 (issue 15 point 3): read-only, exactly the redacted records of the
    actions they take part in; 404 on everything else (cases, complaints, officers, other
    actions, instruments, any write)."""
    a112 = await _agency(zhifa, "500112100", 7)
    sup = zhifa.headers("supervisor", region_code="500112")
    c = zhifa.client
    cohort = (await c.post(f"{R}/invited-cohorts", headers=sup, json={
        "name": "第五届", "term_start": "2025-01-01", "term_end": "2029-12-31"})).json()
    account = f"invited-{uuid.uuid4().hex[:8]}"
    member = (await c.post(f"{R}/invited-cohorts/{cohort['id']}/members", headers=sup, json={
        "name": "周监督", "user_id": account, "source_category": "cppcc_member",
        "attestations": [{"condition": k, "attested_by": "区司法局", "attested_on": "2025-01-02"}
                         for k in ("age_18_or_over", "college_education", "no_criminal_record",
                                   "no_disciplinary_record", "not_dishonest_debtor")]})).json()
    start = {"starts_on": "2026-03-01", "target_agency_ids": [a112]}
    mine = (await c.post(f"{R}/supervision-actions", headers=sup, json={
        "kind": "observation", "title": "执法现场观摩", **start})).json()
    other = (await c.post(f"{R}/supervision-actions", headers=sup, json={
        "kind": "special", "title": "专项监督", **start})).json()
    await c.post(f"{R}/supervision-actions/{mine['id']}/participants", headers=sup,
                 json={"kind": "invited", "name": "周监督", "member_id": member["id"]})
    complaint = await _complaint(zhifa, sup, a112, "500112100")
    resp = await c.post(f"{R}/supervision-actions/{mine['id']}/findings", headers=sup, json={
        "record_type": "complaint", "record_id": complaint,
        "summary": "投诉人张三（13812345678）反映执法人员未出示证件"})
    assert resp.status_code == 201, resp.text
    ins = await c.post(f"{R}/supervision-instruments", headers=sup, json={
        "kind": "suggestion", "agency_id": a112, "action_id": mine["id"],
        "facts": "现场观摩发现未出示证件", "legal_basis": "《行政处罚法》第五十五条",
        "required_action": "组织执法人员培训"})
    assert ins.status_code == 201, ins.text

    me = zhifa.headers("invited_supervisor", subject=account, region_code="500112")
    listed = (await c.get(f"{R}/my-supervision-actions", headers=me)).json()
    assert [a["id"] for a in listed["items"]] == [mine["id"]]
    view = await c.get(f"{R}/my-supervision-actions/{mine['id']}", headers=me)
    assert view.status_code == 200
    body = view.json()
    assert [f["summary"] for f in body["findings"]] == [
        "投诉人张三（138********）反映执法人员未出示证件"]
    assert [(i["kind"], i["status"]) for i in body["instruments"]] == [("suggestion", "issued")]
    assert "participants" not in body and "issued_by" not in body["instruments"][0]

    denied = {}
    for url in (f"{R}/my-supervision-actions/{other['id']}", f"{R}/supervision-actions",
                f"{R}/supervision-actions/{mine['id']}", f"{R}/complaints",
                f"{R}/complaints/{complaint}", f"{R}/supervision-instruments/{ins.json()['id']}",
                f"{R}/invited-members/{member['id']}", f"{C}/cases",
                f"{C}/cases/{uuid.uuid4()}", f"{PER}/officers", f"{PER}/agencies/{a112}"):
        resp = await c.get(url, headers=me)
        denied[url] = resp.status_code
    assert denied == {url: 404 for url in denied}
    write = await c.post(f"{R}/supervision-actions/{mine['id']}/findings", headers=me, json={
        "record_type": "complaint", "record_id": complaint, "summary": "x"})
    assert write.status_code == 404
    # nobody else's token sees the invited view either
    officer = zhifa.headers("officer", agency_id=a112, region_code="500112100")
    assert (await c.get(f"{R}/my-supervision-actions/{mine['id']}",
                        headers=officer)).status_code == 403
