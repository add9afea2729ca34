"""Strict request types (issue 10, point 19; kit.strict): the schema says integer, boolean,
`YYYY-MM-DD`; a string number, `0` for `false` or a Unix timestamp for a date is refused with
422 validation-error instead of being coerced. Found by schemathesis (negative_data_rejection)."""

from __future__ import annotations

from harness import Platform

P = "https://zhifa.dev/problems/"


async def _refused(resp) -> None:
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["type"] == P + "validation-error"


async def test_body_booleans_numbers_and_dates_are_not_coerced(zhifa: Platform) -> None:
    admin = zhifa.headers("sysadmin")
    url = "/api/v1/publicity/region-settings/500112"
    for bad in ({"publish_minor": 0}, {"hold_for_review": "yes"}, {"mask_person_name": "true"}):
        await _refused(await zhifa.client.put(url, headers=admin, json=bad))
    ok = await zhifa.client.put(url, headers=admin, json={"publish_minor": False})
    assert ok.status_code == 200 and ok.json()["publish_minor"] is False
    check = await zhifa.client.post(  # `date | None`: null is still null
        "/api/v1/personnel/qualifications/check", headers=admin,
        json={"officer_ids": ["6f1c3a52-0000-4000-8000-000000000001"], "domain": "x",
              "region_code": "500112", "on_date": None})
    assert check.status_code == 200, check.text
    exams = "/api/v1/personnel/officers/6f1c3a52-0000-4000-8000-000000000001/exams"
    for bad in ({"subject": "general_law", "passed_on": "2026-01-05", "score": "90"},
                {"subject": "general_law", "passed_on": 0, "score": 90},
                {"subject": "general_law", "passed_on": "1767571200", "score": 90},
                {"subject": "general_law", "passed_on": "2026-01-05", "score": 90.5},
                {"subject": "general_law", "passed_on": "2026-01-05", "score": True}):
        await _refused(await zhifa.client.post(exams, headers=admin, json=bad))
    # JSON Schema's integer includes 90.0: it passes validation (the officer is unknown: 404)
    whole = await zhifa.client.post(exams, headers=admin, json={
        "subject": "general_law", "passed_on": "2026-01-05", "score": 90.0})
    assert whole.status_code == 404, whole.text


async def test_query_dates_take_iso_strings_only(zhifa: Platform) -> None:
    admin = zhifa.headers("sysadmin")
    for bad in ("0", "20261201", "1767571200"):
        await _refused(await zhifa.client.get("/api/v1/cases/cases", headers=admin,
                                              params={"filed_to": bad}))
    ok = await zhifa.client.get("/api/v1/cases/cases", headers=admin,
                                params={"filed_to": "2026-12-01", "limit": "5"})
    assert ok.status_code == 200, ok.text


async def test_allow_lists_only_routes_whose_path_parameters_fit(zhifa: Platform) -> None:
    """`/inspection-targets/imports` is matched by `/inspection-targets/{target_id}` only as a
    string; the id is a UUID, so its GET is no method of the literal path (RFC 9110 §10.2.1)."""
    admin = zhifa.headers("sysadmin")
    resp = await zhifa.client.request("DELETE", "/api/v1/cases/inspection-targets/imports",
                                      headers=admin)
    assert resp.status_code == 405
    assert resp.headers["allow"] == "POST"
    assert resp.headers["content-type"].startswith("application/problem+json")
    # GET falls through to `{target_id}`, which does not fit: 405 with Allow, not a 422 on the id
    get = await zhifa.client.get("/api/v1/cases/inspection-targets/imports", headers=admin)
    assert get.status_code == 405 and get.headers["allow"] == "POST"
    assert get.json()["type"] == P + "method-not-allowed"
    # a real id that does not fit stays a validation error (no resource of other methods there)
    bad_id = await zhifa.client.get("/api/v1/cases/inspection-targets/not-a-uuid", headers=admin)
    assert bad_id.status_code == 422


async def test_login_form_grant_type_is_password_or_absent(zhifa: Platform) -> None:
    form = {"username": "nobody", "password": "x"}
    bad = await zhifa.client.post("/api/v1/auth/token", data={**form, "grant_type": "code"})
    await _refused(bad)
    absent = await zhifa.client.post("/api/v1/auth/token", data=form)
    assert absent.status_code == 401
