"""Licensing links and staff, on both databases: the licence list (scoped, keyset-paged,
filters), reviewers and the hearing host checked against personnel (行政许可法第三十四条第三款,
第四十八条第一款第三项), the 现场核查 link to an existing inspection, and a penalty case naming
the licence it concerns (城乡规划法第六十五条)."""

from __future__ import annotations

import uuid

from factories_extra import create_agency, create_matter, create_officer, make_id_number
from harness import Platform
from licensing_world import L, Lic, problem

REVIEW = "行政许可法第三十四条第三款（行政机关应当指派工作人员进行核查）"
HOST = "行政许可法第四十八条第一款第三项（行政机关指定的审查人员以外的工作人员主持听证）"


class TestLicenceList:
    async def test_list_filters_pages_and_scope(self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        first = await lic.licence(decided="2026-03-10")
        second = await lic.licence(received="2026-03-03", decided="2026-03-11")
        url = f"{L}/licences"
        page = (await zhifa.client.get(url, params={"limit": 1}, headers=lic.officer())).json()
        assert [x["id"] for x in page["items"]] == [second["id"]] and page["next_cursor"]
        rest = (await zhifa.client.get(url, params={"limit": 1, "cursor": page["next_cursor"]},
                                       headers=lic.officer())).json()
        assert [x["id"] for x in rest["items"]] == [first["id"]] and rest["next_cursor"] is None
        assert "****" in rest["items"][0]["holder"]["id_number"]  # masked, as by id
        resp = await zhifa.client.post(f"{L}/licences/{first['id']}/revoke",
                                       headers={**lic.officer(),
                                                "If-Match": f'W/"{first["version"]}"'},
                                       json={"ground": "fraud_or_bribery",
                                             "decided_on": "2026-04-01",
                                             "reason": "以欺骗手段取得"})
        assert resp.status_code == 200, resp.text
        for params, expected in (({"status": "revoked"}, [first["id"]]),
                                 ({"status": "active"}, [second["id"]]),
                                 ({"matter_id": lic.matter["series_id"]},
                                  [second["id"], first["id"]]),
                                 ({"holder": first["holder"]["name"][:2]},
                                  [second["id"], first["id"]]),
                                 ({"valid_to_before": "2028-03-10"}, [first["id"]])):
            got = (await zhifa.client.get(url, params=params, headers=lic.officer())).json()
            assert [x["id"] for x in got["items"]] == expected, params
        other = await create_agency(zhifa, "500112101")
        seen = (await zhifa.client.get(url, headers=other.headers(zhifa))).json()
        assert seen["items"] == []
        problem(await zhifa.client.get(url, params={"cursor": "nonsense"},
                                       headers=lic.officer()), 400, "invalid-cursor")


class TestStaffAndLinks:
    async def test_reviewers_host_inspection_and_case_links(self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        app = await lic.accepted()
        stranger_agency = await create_agency(zhifa, "500112101")
        stranger = await create_officer(zhifa, stranger_agency)
        left = await create_officer(zhifa, lic.agency, position="staff")
        resp = await zhifa.client.post(f"/api/v1/personnel/officers/{left}/status-changes",
                                       headers=zhifa.headers("sysadmin"),
                                       json={"kind": "transfer", "effective_on": "2026-02-01",
                                             "reason": "调离"})
        assert resp.status_code == 201, resp.text
        for bad in ([lic.o[0], stranger], [lic.o[0], str(uuid.uuid4())], [lic.o[0], left]):
            body = problem(await lic.act(app["id"], "review", {
                "reviewer_ids": bad, "findings": "核查", "on": "2026-03-03"}),
                422, "staff-not-eligible", REVIEW)
            assert [s["officer_id"] for s in body["staff"]] == [bad[1]]
        body = problem(await lic.act(app["id"], "review", {
            "reviewer_ids": lic.o[:2], "findings": "核查", "on": "2026-03-03",
            "inspection_id": str(uuid.uuid4())}), 422, "link-invalid", "行政许可法第三十四条第三款")
        assert body["inspection_id"]
        app = await lic.ok(app["id"], "review", {"reviewer_ids": lic.o[:2], "findings": "核查",
                                                 "on": "2026-03-03",
                                                 "hearing_right_told_on": "2026-03-03"})
        app = await lic.ok(app["id"], "hearing-request", {"requested_on": "2026-03-04",
                                                          "requested_by": "张三"})
        hearing = {"notice_on": "2026-03-05", "held_on": "2026-03-16", "record": "听证笔录",
                   "participants": ["张三"]}
        problem(await lic.act(app["id"], "hearing", {**hearing, "host_id": stranger}),
                422, "staff-not-eligible", HOST)
        await lic.ok(app["id"], "hearing", {**hearing, "host_id": lic.o[2]})

        licence = await lic.licence()
        matter = await create_matter(zhifa, lic.agency)
        case = {"matter_id": str(matter.id), "source": "inspection", "act_date": "2026-05-01",
                "discovered_on": "2026-05-02", "facts": "超出许可范围建设",
                "party": {"kind": "person", "name": "张三", "id_number": make_id_number()}}
        made = await zhifa.client.post("/api/v1/cases/cases", headers=lic.officer(),
                                       json={**case, "licence_id": licence["id"]})
        assert made.status_code == 201, made.text
        assert made.json()["licence_id"] == licence["id"]
        for wrong in (str(uuid.uuid4()), licence["id"]):
            headers = lic.officer() if wrong != licence["id"] else \
                stranger_agency.headers(zhifa)
            if wrong == licence["id"]:
                m2 = await create_matter(zhifa, stranger_agency)
                body = {**case, "matter_id": str(m2.id), "licence_id": wrong}
            else:
                body = {**case, "licence_id": wrong}
            problem(await zhifa.client.post("/api/v1/cases/cases", headers=headers, json=body),
                    422, "link-invalid")


class TestDisclosureHoldAndRefusals:
    async def test_region_hold_then_release_and_refusal_published(self, zhifa: Platform) -> None:
        P = "/api/v1/publicity"
        resp = await zhifa.client.put(f"{P}/region-settings/500112100",
                                      json={"hold_for_review": True},
                                      headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 200, resp.text
        lic = await Lic(zhifa).setup()
        licence = await lic.licence()
        refused = await lic.reviewed()
        await lic.ok(refused["id"], "decide", {"granted": False, "on": "2026-03-20",
                                               "reasons": "拟建位置占用永久基本农田"})
        await zhifa.drain()
        feed = f"{P}/licences?agency_id={lic.agency.id}"
        assert (await zhifa.client.get(feed)).json()["items"] == []  # both held
        from sqlalchemy import select

        from services.publicity.licences.models import LicenceDisclosure
        async with zhifa.session("publicity") as session:
            held = {str(r.application_id): r for r in (await session.scalars(select(
                LicenceDisclosure).where(LicenceDisclosure.status == "pending"))).all()}
        grant_row = held[licence["application_id"]]
        refusal_row = held[refused["id"]]
        url = f"{P}/licences/{grant_row.id}/publish"
        other = await create_agency(zhifa, "500112101")
        problem(await zhifa.client.post(url, headers=other.headers(zhifa, "agency_admin")),
                404, "disclosure-not-found")
        for row in (grant_row, refusal_row):
            resp = await zhifa.client.post(f"{P}/licences/{row.id}/publish", headers=lic.admin())
            assert resp.status_code == 200, resp.text
        problem(await zhifa.client.post(url, headers=lic.admin()), 409, "disclosure-not-pending")
        items = {i["id"]: i for i in (await zhifa.client.get(feed)).json()["items"]}
        assert items[str(grant_row.id)]["granted"] is True
        refusal = items[str(refusal_row.id)]
        assert (refusal["granted"], refusal["document_name"]) == (False, "不予行政许可决定书")
        assert "永久基本农田" in refusal["content"] and refusal["licence_number"] == ""
        csv_text = (await zhifa.client.get(f"{P}/exports/licences.csv?template=natural")).text
        assert licence["number"] in csv_text and "不予行政许可" not in csv_text
