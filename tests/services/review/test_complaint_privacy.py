"""Who sees complaint contact data (issue 10, point 4): conduct complaints are not shown to the
officers of the agency complained about (its admin sees them masked); the complainant's name and
phone are masked for everyone but the handling supervisor."""

from __future__ import annotations

URL = "/api/v1/review/complaints"


async def _submit(review, helpers, category: str) -> str:
    resp = await review.post(URL, json={
        "category": category, "content": "执法人员态度粗暴，索要好处" if category ==
        "enforcement_conduct" else "某餐馆夜间占道经营", "contact_name": "张三丰",
        "contact_phone": "13800001234", "target_agency_id": str(helpers.AGENCY),
        "region_code": "500112100"})
    assert resp.status_code == 201, resp.text
    return resp.json()["tracking_code"]


def _contacts(listing: dict, code: str) -> tuple[str | None, str | None] | None:
    found = [c for c in listing["items"] if c["tracking_code"] == code]
    return (found[0]["contact_name"], found[0]["contact_phone"]) if found else None


async def test_conduct_complaints_and_contact_data_by_role(zhifa, review, helpers) -> None:
    conduct = await _submit(review, helpers, "enforcement_conduct")
    report = await _submit(review, helpers, "violation_report")
    officer = helpers.agency_headers(zhifa, "officer")
    admin = helpers.agency_headers(zhifa, "agency_admin")
    handler = zhifa.headers("supervisor", region_code="500112", subject="sup-handler")
    other_sup = zhifa.headers("supervisor", region_code="500112", subject="sup-other")
    masked = ("张**", "138****1234")

    seen = {}
    for who, headers in (("officer", officer), ("admin", admin), ("supervisor", handler)):
        listing = (await review.get(URL, headers=headers)).json()
        seen[who] = (_contacts(listing, conduct), _contacts(listing, report))
    assert seen == {"officer": (None, masked), "admin": (masked, masked),
                    "supervisor": (masked, masked)}  # nobody handles it yet

    cid = next(c["id"] for c in (await review.get(URL, headers=handler)).json()["items"]
               if c["tracking_code"] == conduct)
    assert (await review.get(f"{URL}/{cid}", headers=officer)).status_code == 404
    assigned = await review.post(f"{URL}/{cid}/assign", headers=handler,
                                 json={"handler": "sup-handler"})
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["contact_name"], assigned.json()["contact_phone"]) == (
        "张三丰", "13800001234")
    for headers, expected in ((handler, ("张三丰", "13800001234")), (other_sup, masked),
                              (admin, masked), (zhifa.headers("sysadmin"), masked)):
        got = (await review.get(f"{URL}/{cid}", headers=headers)).json()
        assert (got["contact_name"], got["contact_phone"]) == expected
