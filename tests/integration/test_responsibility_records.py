"""责任追究 (issue 15 point 7): a record of subject, grounds (行政处罚法第七十六条至第八十三条,
the 条例's conduct list), procedure and outcome; a 处分 on an officer goes to personnel's
sanctions endpoint over HTTP, and the officer becomes ineligible for a new 执法证 when
personnel's rule says so (a blocking kind within its period, 行政处罚法第四十二条) — a warning
does not block."""

from __future__ import annotations

import random
from datetime import timedelta

from check_digits import id_check as id_check_char
from check_digits import uscc_check as uscc_check_char
from harness import Platform

from common.calendar import today_legal

PER, R = "/api/v1/personnel", "/api/v1/review"
P = "https://zhifa.dev/problems/"


async def _agency(zhifa: Platform, region: str) -> str:
    first = f"11500112MB{random.randrange(10**7):07d}"[:17]
    resp = await zhifa.client.post(f"{PER}/agencies", headers=zhifa.headers("sysadmin"), json={
        "name": f"追责测试执法大队{first[-4:]}", "uscc": first + uscc_check_char(first),
        "kind": "township_government", "region_code": region, "domains": ["urban_management"]})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


async def _officer(zhifa: Platform, agency: str) -> str:
    sys = zhifa.headers("sysadmin")
    first = f"11010519800101{random.randrange(1000):03d}"
    resp = await zhifa.client.post(f"{PER}/officers", headers=sys, json={
        "name": "执法员甲", "id_number": first + id_check_char(first), "agency_id": agency,
        "employment_type": "established", "on_post": True, "has_legal_qualification": False})
    assert resp.status_code == 201, resp.text
    officer = resp.json()["id"]
    for subject in ("general_law", "special_law"):
        exam = await zhifa.client.post(f"{PER}/officers/{officer}/exams", headers=sys, json={
            "subject": subject, "passed_on": "2025-06-01", "score": 90})
        assert exam.status_code == 201, exam.text
    return officer


async def _sanctioned(zhifa: Platform, sup: dict, officer: str, kind: str) -> dict:
    c = zhifa.client
    record = await c.post(f"{R}/responsibility-records", headers=sup, json={
        "subject_kind": "officer", "officer_id": officer,
        "grounds": ["procedure_violated", "arbitrary_fines"],
        "facts": "未经集体讨论作出较大数额罚款，且未告知陈述申辩权利"})
    assert record.status_code == 201, record.text
    rid = record.json()["id"]
    step = await c.post(f"{R}/responsibility-records/{rid}/procedure", headers=sup, json={
        "step": "statement_heard", "on": today_legal().isoformat(), "note": "当事人陈述申辩"})
    assert step.status_code == 200, step.text
    today = today_legal()
    decided = await c.post(f"{R}/responsibility-records/{rid}/decision", headers=sup, json={
        "outcome": "sanction", "reason": "经集体讨论给予处分",
        "sanction": {"kind": kind, "starts_on": (today - timedelta(days=1)).isoformat(),
                     "ends_on": (today + timedelta(days=365)).isoformat()}})
    assert decided.status_code == 200, decided.text
    return decided.json()


async def _certificate(zhifa: Platform, officer: str, number: str):
    return await zhifa.client.post(f"{PER}/officers/{officer}/certificates",
                                   headers=zhifa.headers("sysadmin"), json={
        "number": number, "domains": ["urban_management"],
        "issued_on": today_legal().isoformat()})


async def test_a_blocking_sanction_makes_the_officer_ineligible(zhifa: Platform) -> None:
    agency = await _agency(zhifa, "500112100")
    sup = zhifa.headers("supervisor", region_code="500112")
    demerit, warned = await _officer(zhifa, agency), await _officer(zhifa, agency)
    record = await _sanctioned(zhifa, sup, demerit, "demerit")
    assert (record["status"], record["outcome"], record["agency_id"], record["region_code"]) == (
        "decided", "sanction", agency, "500112100")
    assert [s["step"] for s in record["procedure"]] == ["statement_heard"]
    sanctions = (await zhifa.client.get(f"{PER}/officers/{demerit}",
                                        headers=zhifa.headers("sysadmin"))).json()
    assert sanctions["id"] == demerit
    refused = await _certificate(zhifa, demerit, "CQ90000001")
    assert refused.status_code == 422
    assert refused.json()["type"] == P + "certificate-not-allowed"
    assert refused.json()["rule"] == "行政处罚法第四十二条"
    assert [r for r in refused.json()["reasons"] if r.startswith("处分期内（记过")]
    await _sanctioned(zhifa, sup, warned, "warning")  # 警告 is not a blocking kind
    assert (await _certificate(zhifa, warned, "CQ90000002")).status_code == 201


async def test_refusals_name_their_rule(zhifa: Platform) -> None:
    agency = await _agency(zhifa, "500112100")
    officer = await _officer(zhifa, agency)
    other = zhifa.headers("supervisor", region_code="500113")
    resp = await zhifa.client.post(f"{R}/responsibility-records", headers=other, json={
        "subject_kind": "officer", "officer_id": officer, "grounds": ["failure_to_act"],
        "facts": "x"})
    assert (resp.status_code, resp.json()["type"]) == (403, P + "agency-out-of-scope")
    sup = zhifa.headers("supervisor", region_code="500112")
    rec = await zhifa.client.post(f"{R}/responsibility-records", headers=sup, json={
        "subject_kind": "agency", "agency_id": agency, "grounds": ["profit_driven"],
        "facts": "下达罚没收入指标"})
    assert rec.status_code == 201, rec.text
    bad = await zhifa.client.post(f"{R}/responsibility-records/{rec.json()['id']}/decision",
                                  headers=sup, json={"outcome": "sanction", "reason": "x",
                                                     "sanction": {"kind": "demerit",
                                                                  "starts_on": "2026-01-01",
                                                                  "ends_on": "2026-12-31"}})
    assert bad.status_code == 422 and bad.json()["type"] == P + "sanction-not-applicable"
    assert "政务处分法" in bad.json()["rule"]
    ok = await zhifa.client.post(f"{R}/responsibility-records/{rec.json()['id']}/decision",
                                 headers=sup, json={"outcome": "circular_criticism",
                                                    "reason": "通报批评"})
    assert ok.json()["status"] == "decided"
    again = await zhifa.client.post(f"{R}/responsibility-records/{rec.json()['id']}/decision",
                                    headers=sup, json={"outcome": "criticism", "reason": "y"})
    assert again.status_code == 409 and again.json()["type"] == P + "record-already-decided"
