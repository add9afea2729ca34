"""Case reads, scope, auth, concurrency (ETag/If-Match), idempotency and the event consumers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from factories import DISTRICT, PER, C, World, problem, world
from harness import Databases, Platform, platform

ACTIONS = ("file", "decline", "records", "conclude", "notify", "statements", "hearing-request",
           "hearing", "decide", "serve", "payments", "payment-arrangement", "remedy",
           "extend-deadline", "close", "archive", "revoke-decision")


class TestAuth:
    async def test_every_route_needs_a_token(self, zhifa: Platform) -> None:
        cid = uuid.uuid4()
        paths = [("GET", f"{C}/cases"), ("POST", f"{C}/cases"), ("GET", f"{C}/cases/{cid}"),
                 ("GET", f"{C}/cases/{cid}/timeline"), ("GET", f"{C}/cases/{cid}/dossier"),
                 ("GET", f"{C}/cases/{cid}/timeline/verify"), ("POST", f"{C}/matters"),
                 ("GET", f"{C}/matters"), ("GET", f"{C}/hearing-thresholds"),
                 ("POST", f"{C}/cases/{cid}/evidence")]
        paths += [("POST", f"{C}/cases/{cid}/{a}") for a in ACTIONS]
        for method, path in paths:
            resp = await zhifa.client.request(method, path, json={})
            assert resp.status_code == 401, (path, resp.text)
            assert resp.json()["type"].endswith("/unauthorized")

    async def test_wrong_role_is_403(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        sup = zhifa.headers("supervisor", region_code=DISTRICT)
        for action in ACTIONS:
            resp = await zhifa.client.post(f"{C}/cases/{case['id']}/{action}", headers=sup,
                                           json={})
            problem(resp, 403, "forbidden")
        resp = await zhifa.client.post(f"{C}/cases", headers=zhifa.headers(
            "legal_reviewer", agency_id=w.agency_id), json=w.lead_body())
        problem(resp, 403, "forbidden")
        resp = await zhifa.client.get(f"{C}/cases", headers=zhifa.headers("publicity_bot"))
        problem(resp, 403, "forbidden")


class TestScope:
    async def test_other_agency_gets_404(self, zhifa: Platform) -> None:
        w, other = await world(zhifa), await world(zhifa)
        case = await w.lead()
        for path in ("", "/timeline", "/dossier"):
            resp = await zhifa.client.get(f"{C}/cases/{case['id']}{path}",
                                          headers=other.officer_headers())
            problem(resp, 404, "case-not-found")
        resp = await zhifa.client.post(f"{C}/cases/{case['id']}/decline",
                                       headers=other.officer_headers(), json={"reason": "x"})
        problem(resp, 404, "case-not-found")
        resp = await zhifa.client.get(f"{C}/cases", headers=other.officer_headers())
        assert resp.json()["items"] == []

    async def test_supervisor_sees_region_only(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        mine = zhifa.headers("supervisor", region_code=DISTRICT)
        elsewhere = zhifa.headers("supervisor", region_code="500113")
        resp = await zhifa.client.get(f"{C}/cases", headers=mine)
        assert [c["id"] for c in resp.json()["items"]] == [case["id"]]
        assert (await zhifa.client.get(f"{C}/cases/{case['id']}/dossier",
                                       headers=mine)).status_code == 200
        resp = await zhifa.client.get(f"{C}/cases/{case['id']}", headers=elsewhere)
        problem(resp, 404, "case-not-found")
        resp = await zhifa.client.get(f"{C}/cases", headers=elsewhere)
        assert resp.json()["items"] == []

    async def test_service_principal_reads_dossier_and_registers_leads(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        svc = zhifa.headers("service", subject="service:review")
        resp = await zhifa.client.post(f"{C}/cases", headers=svc,
                                       json=w.lead_body(source="complaint", source_ref="TS-1",
                                                        agency_id=w.agency_id))
        assert resp.status_code == 201, resp.text
        assert resp.json()["region_code"] == w.agency["region_code"]
        cid = resp.json()["id"]
        resp = await zhifa.client.post(f"{C}/cases", headers=svc, json=w.lead_body())
        problem(resp, 422, "unprocessable-entity")
        resp = await zhifa.client.get(f"{C}/cases/{cid}/dossier", headers=svc)
        assert resp.status_code == 200
        body = resp.json()
        assert body["case"]["id"] == cid and body["timeline_verification"]["valid"] is True
        assert body["case"]["party"]["id_number"].count("*") == 8
        resp = await zhifa.client.get(f"{C}/cases?status=lead&agency_id={w.agency_id}",
                                      headers=svc)
        assert [c["id"] for c in resp.json()["items"]] == [cid]


class TestList:
    async def test_filters_and_keyset_pages(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        a = await w.filed()
        b = await w.lead(party={"kind": "organization", "name": "某某餐饮有限公司",
                                "uscc": "91350100M000100Y43"})
        c = await w.lead()
        h = w.officer_headers()
        get = zhifa.client.get
        assert [x["id"] for x in (await get(f"{C}/cases?status=investigating",
                                            headers=h)).json()["items"]] == [a["id"]]
        assert [x["id"] for x in (await get(f"{C}/cases?officer_id={w.officers[0]}",
                                            headers=h)).json()["items"]] == [a["id"]]
        assert [x["id"] for x in (await get(f"{C}/cases?party=某某",
                                            headers=h)).json()["items"]] == [b["id"]]
        assert len((await get(f"{C}/cases?matter_id={w.matter['id']}",
                              headers=h)).json()["items"]) == 3
        assert [x["id"] for x in (await get(f"{C}/cases?filed_from=2026-03-01",
                                            headers=h)).json()["items"]] == [a["id"]]
        page1 = (await get(f"{C}/cases?limit=2", headers=h)).json()
        assert [x["id"] for x in page1["items"]] == [c["id"], b["id"]]
        page2 = (await get(f"{C}/cases?limit=2&cursor={page1['next_cursor']}",
                           headers=h)).json()
        assert [x["id"] for x in page2["items"]] == [a["id"]] and page2["next_cursor"] is None

    async def test_bad_cursor_is_400(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.get(f"{C}/cases?cursor=bogus", headers=w.officer_headers())
        problem(resp, 400, "invalid-cursor")


class TestRegister:
    async def test_invalid_id_number_is_422(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        resp = await zhifa.client.post(f"{C}/cases", headers=w.officer_headers(),
                                       json=w.lead_body(party={"kind": "person", "name": "王五",
                                                               "id_number": "110105194912310021"}))
        problem(resp, 422, "validation-error")

    async def test_idempotency_key_replays(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        h = {**w.officer_headers(), "Idempotency-Key": "lead-1"}
        body = w.lead_body()
        r1 = await zhifa.client.post(f"{C}/cases", headers=h, json=body)
        r2 = await zhifa.client.post(f"{C}/cases", headers=h, json=body)
        assert r1.status_code == r2.status_code == 201 and r1.json()["id"] == r2.json()["id"]
        resp = await zhifa.client.get(f"{C}/cases", headers=w.officer_headers())
        assert len(resp.json()["items"]) == 1


class TestConcurrency:
    async def test_etag_and_stale_if_match(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead()
        resp = await zhifa.client.get(f"{C}/cases/{case['id']}", headers=w.officer_headers())
        etag = resp.headers["etag"]
        assert etag == f'W/"{resp.json()["version"]}"'
        ok = await zhifa.client.post(f"{C}/cases/{case['id']}/file",
                                     headers={**w.officer_headers(), "If-Match": etag},
                                     json={"officer_ids": w.officers[:2],
                                           "approver_id": w.officers[2],
                                           "filed_on": "2026-03-03"})
        assert ok.status_code == 200 and ok.headers["etag"] != etag
        stale = await zhifa.client.post(f"{C}/cases/{case['id']}/conclude",
                                        headers={**w.officer_headers(), "If-Match": etag},
                                        json={"outcome": "not_established"})
        problem(stale, 412, "precondition-failed")


class TestEvidence:
    async def test_type_not_allowed(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        resp = await zhifa.client.post(
            f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
            files={"file": ("x.exe", b"MZ", "application/x-msdownload")},
            data={"kind": "electronic", "officer_ids": w.officers[:2]})
        problem(resp, 422, "evidence-rejected")

    async def test_officers_must_be_qualified(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        resp = await zhifa.client.post(
            f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
            files={"file": ("a.pdf", b"%PDF-", "application/pdf")},
            data={"kind": "documentary", "officer_ids": [w.officers[0]]})
        refusal = problem(resp, 409, "officers-not-qualified")
        assert refusal["rule"] == "行政处罚法第四十二条"

    async def test_listed_with_hash(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        await zhifa.client.post(
            f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
            files={"file": ("a.pdf", b"%PDF-1", "application/pdf")},
            data={"kind": "documentary", "officer_ids": w.officers[:2]})
        resp = await zhifa.client.get(f"{C}/cases/{case['id']}/evidence",
                                      headers=w.officer_headers())
        assert [e["size"] for e in resp.json()] == [6]


@pytest.fixture
async def small_uploads(databases: Databases, tmp_path: Path,
                        keys_dir: Path) -> AsyncIterator[Platform]:
    async with platform(databases, tmp_path, keys_dir,
                        {"cases": {"evidence_max_bytes": 8}}) as p:
        yield p


class TestEvidenceLimit:
    async def test_too_large_is_413(self, small_uploads: Platform) -> None:
        w: World = await world(small_uploads)
        case = await w.filed()
        resp = await small_uploads.client.post(
            f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
            files={"file": ("a.pdf", b"%PDF-123456789", "application/pdf")},
            data={"kind": "documentary", "officer_ids": w.officers[:2]})
        problem(resp, 413, "evidence-too-large")


class TestEvents:
    async def test_certificate_revoked_flags_open_cases(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.filed()
        done = await w.lead()
        await w.act(done["id"], "decline", {"reason": "不予立案"})
        certs = (await zhifa.client.get(f"{PER}/officers/{w.officers[0]}/certificates",
                                        headers=w.sys)).json()
        resp = await zhifa.client.post(f"{PER}/certificates/{certs[0]['id']}/revoke",
                                       headers=w.sys, json={"reason": "违法违纪"})
        assert resp.status_code == 200, resp.text
        await zhifa.drain()
        flags = (await w.get(case["id"]))["flags"]
        assert flags and flags[0]["kind"] == "certificate_revoked"
        assert flags[0]["officer_id"] == w.officers[0]
        assert (await w.get(done["id"]))["flags"] == []

    async def test_stale_review_round_is_ignored(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.concluded("20000.00")
        svc = zhifa.headers("service", subject="service:review")
        event = {"id": str(uuid.uuid4()), "type": "review.completed", "source": "review",
                 "payload": {"review_id": str(uuid.uuid4()), "case_id": case["id"],
                             "round": 7, "outcome": "approved", "opinion": "同意",
                             "reviewer_name": "x", "completed_at": "2026-03-10T00:00:00Z"}}
        resp = await zhifa.service("cases").post(f"{C}/events", headers=svc, json=event)
        assert resp.status_code == 200, resp.text
        assert (await w.get(case["id"]))["legal_review"]["status"] == "pending"
        event["id"] = str(uuid.uuid4())
        event["payload"]["round"] = 1
        resp = await zhifa.service("cases").post(f"{C}/events", headers=svc, json=event)
        assert (await w.get(case["id"]))["legal_review"]["status"] == "approved"
