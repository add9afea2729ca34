"""Licences (行政许可法第八条、第四十九条、第五十条、第六十九条、第七十条、第七十八条、第七十九条)
and the 统计年报 statistics, through the gateway on real databases."""

from __future__ import annotations

import io
from datetime import date, timedelta

from factories_extra import create_agency, make_id_number
from harness import Platform
from licensing_world import L, Lic, problem
from openpyxl import load_workbook

from common.calendar import today_legal
from services.cases.licensing.licences.service import settle_all
from services.cases.licensing.service import add_years


async def settle(zhifa: Platform, on: date) -> tuple[int, int]:
    async with zhifa.session("cases") as session:
        out = await settle_all(session, on)
        await session.commit()
    return out


class TestLicenceLife:
    async def test_change_renewal_deemed_renewal_withdraw_revoke_cancel(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        licence = await lic.licence()  # issued 2026-03-10, valid two years
        assert (licence["valid_to"], licence["allowed_actions"]) == (
            "2028-03-09", ["change", "renewal", "withdraw", "revoke", "cancel"])
        url = f"{L}/licences/{licence['id']}"
        resp = await zhifa.client.post(f"{url}/change", headers=lic.officer(), json={
            "applied_on": "2026-04-01", "decided_on": "2026-04-08",
            "changes": {"content": "新建住房一栋（层数由二层改为三层）"}})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "changed"
        assert resp.json()["content"] == "新建住房一栋（层数由二层改为三层）"
        # 第五十条: at least 30 days before 2028-03-09, i.e. by 2028-02-08
        problem(await zhifa.client.post(f"{url}/renewal", headers=lic.officer(),
                                        json={"applied_on": "2028-02-09"}),
                409, "renewal-too-late", "行政许可法第五十条第一款")
        resp = await zhifa.client.post(f"{url}/renewal", headers=lic.officer(),
                                       json={"applied_on": "2028-02-08"})
        assert resp.status_code == 200 and resp.json()["status"] == "renewal_pending"
        # the expiry day itself still allows a decision; the next day it is deemed renewed
        assert await settle(zhifa, date(2028, 3, 9)) == (0, 0)
        assert (await zhifa.client.get(url, headers=lic.officer())).json()["status"] == \
            "renewal_pending"
        assert await settle(zhifa, date(2028, 3, 10)) == (1, 0)
        got = (await zhifa.client.get(url, headers=lic.officer())).json()
        assert (got["status"], got["valid_to"], got["renewal"]["deemed_renewed_on"]) == (
            "active", "2030-03-09", "2028-03-10")
        assert [e["kind"] for e in got["events"]] == ["change", "deemed_renewal"]
        assert await settle(zhifa, date(2028, 3, 11)) == (0, 0)  # settles once
        # a late decision is refused: it already stands renewed
        resp = await zhifa.client.post(f"{url}/renewal", headers=lic.officer(),
                                       json={"applied_on": "2030-01-02"})
        resp = await zhifa.client.post(f"{url}/renewal-decision", headers=lic.officer(),
                                       json={"granted": False, "decided_on": "2030-03-10"})
        problem(resp, 409, "licence-action-not-allowed", "行政许可法第五十条第二款")
        # and without a renewal a licence expires, then may be cancelled (第七十条第一项)
        other = await lic.licence()
        assert await settle(zhifa, date(2028, 3, 10)) == (0, 1)
        ourl = f"{L}/licences/{other['id']}"
        assert (await zhifa.client.get(ourl, headers=lic.officer())).json()["status"] == \
            "expired"
        resp = await zhifa.client.post(f"{ourl}/cancel", headers=lic.officer(), json={
            "ground": "expired_not_renewed", "decided_on": "2028-03-11"})
        assert resp.status_code == 200 and resp.json()["status"] == "cancelled"
        assert resp.json()["end_detail"]["rule"] == "行政许可法第七十条第一项"
        # the agency's own acts: 撤回 (第八条), 撤销 (第六十九条), 注销 (第七十条)
        a, b, c = [await lic.licence() for _ in range(3)]
        resp = await zhifa.client.post(f"{L}/licences/{a['id']}/withdraw", headers=lic.officer(),
                                       json={"basis": "law_changed", "reason": "村庄规划调整",
                                             "decided_on": "2026-05-06",
                                             "compensation_fen": 1_250_000})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "withdrawn"
        assert resp.json()["end_detail"]["compensation_fen"] == 1_250_000
        problem(await zhifa.client.post(f"{L}/licences/{b['id']}/revoke", headers=lic.officer(),
                                        json={"ground": "illegal_procedure", "reason": "未公示",
                                              "decided_on": "2026-05-06",
                                              "public_interest_harm": True}),
                409, "licence-action-not-allowed", "行政许可法第六十九条第三款")
        resp = await zhifa.client.post(f"{L}/licences/{b['id']}/revoke", headers=lic.officer(),
                                       json={"ground": "illegal_procedure", "reason": "未公示",
                                             "decided_on": "2026-05-06"})
        assert resp.json()["end_detail"] == {"ground": "illegal_procedure", "reason": "未公示",
                                             "rule": "行政许可法第六十九条第一款第三项",
                                             "compensation_due": True}
        problem(await zhifa.client.post(f"{L}/licences/{b['id']}/revoke", headers=lic.officer(),
                                        json={"ground": "other", "reason": "再次",
                                              "decided_on": "2026-05-07"}),
                409, "licence-action-not-allowed", "行政许可法第六十九条第一款第五项")
        problem(await zhifa.client.post(f"{L}/licences/{c['id']}/cancel", headers=lic.officer(),
                                        json={"ground": "entity_terminated",
                                              "decided_on": "2026-05-06"}),
                409, "licence-action-not-allowed", "行政许可法第七十条第三项")
        problem(await zhifa.client.post(f"{L}/licences/{c['id']}/cancel", headers=lic.officer(),
                                        json={"ground": "revoked_or_withdrawn",
                                              "decided_on": "2026-05-06"}),
                409, "licence-action-not-allowed", "行政许可法第七十条第四项")
        resp = await zhifa.client.post(f"{L}/licences/{b['id']}/cancel", headers=lic.officer(),
                                       json={"ground": "revoked_or_withdrawn",
                                             "decided_on": "2026-05-08"})
        assert resp.json()["status"] == "cancelled"
        outsider = Lic(zhifa)
        outsider.agency = await create_agency(zhifa, "500112101")
        resp = await zhifa.client.get(f"{L}/licences/{c['id']}", headers=outsider.officer())
        problem(resp, 404, "licence-not-found")


class TestBans:
    async def test_false_materials_ban_one_year_and_fraud_three_years(
            self, zhifa: Platform) -> None:
        # bans run from the decision date, and receipt dates cannot lie in the future: the
        # whole flow happens today (the clock of the service, Asia/Shanghai)
        now = today_legal().isoformat()
        lic = await Lic(zhifa).setup(safety_related=True)
        liar, cheat = make_id_number(), make_id_number()
        app = await lic.reviewed(now, now, id_number=liar)
        problem(await lic.act(app["id"], "decide", {"granted": True, "false_materials": True,
                                                    "reasons": "材料虚假", "on": now}),
                409, "decision-invalid", "行政许可法第七十八条")
        app = await lic.ok(app["id"], "decide", {"granted": False, "false_materials": True,
                                                 "reasons": "村委会意见系伪造", "on": now})
        assert app["decision"]["warning"] is True
        body = problem(await lic.receive(now, id_number=liar), 409, "applicant-banned",
                       "行政许可法第七十八条")
        assert body["until"] == (add_years(today_legal(), 1) - timedelta(days=1)).isoformat()
        licence = await lic.licence(now, now, id_number=cheat)
        resp = await zhifa.client.post(f"{L}/licences/{licence['id']}/revoke",
                                       headers=lic.officer(),
                                       json={"ground": "fraud_or_bribery", "reason": "行贿取得",
                                             "decided_on": now, "public_interest_harm": True})
        assert resp.status_code == 200 and resp.json()["end_detail"]["compensation_due"] is False
        body = problem(await lic.receive(now, id_number=cheat), 409, "applicant-banned",
                       "行政许可法第七十九条")
        assert body["until"] == (add_years(today_legal(), 3) - timedelta(days=1)).isoformat()
        # a matter that is not safety-related bars nobody (第七十八条、第七十九条)
        plain = await lic.create_matter()
        assert (await lic.receive(now, id_number=cheat, matter_id=plain["id"])).status_code == 201


class TestStatistics:
    async def test_yearly_counts_match_the_hand_count(self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        a1 = await lic.licence()                                   # 2026: app, acc, granted
        url = f"{L}/licences/{a1['id']}"
        assert (await zhifa.client.post(f"{url}/change", headers=lic.officer(), json={
            "applied_on": "2026-04-01", "decided_on": "2026-04-08",
            "changes": {"conditions": "限高三层"}})).status_code == 200   # granted change
        assert (await zhifa.client.post(f"{url}/renewal", headers=lic.officer(),
                                        json={"applied_on": "2026-05-01"})).status_code == 200
        assert (await zhifa.client.post(f"{url}/renewal-decision", headers=lic.officer(), json={
            "granted": False, "decided_on": "2026-05-10"})).status_code == 200  # refused
        a2 = await lic.reviewed()
        await lic.ok(a2["id"], "decide", {"granted": False, "reasons": "不符合规划",
                                          "on": "2026-03-20"})     # app, acc, refused
        a3 = await lic.new("2026-03-02")
        await lic.ok(a3["id"], "not-accept", {"kind": "not_licensable", "reason": "无需许可",
                                              "on": "2026-03-02"})  # app only
        a4 = await lic.licence()                                   # app, acc, granted
        assert (await zhifa.client.post(f"{L}/licences/{a4['id']}/revoke", headers=lic.officer(),
                                        json={"ground": "unqualified_applicant", "reason": "不符",
                                              "decided_on": "2026-06-01"})).status_code == 200
        forest = await lic.create_matter(name="林木采伐许可", code="LMCF")
        b1 = await lic.new("2025-12-30", matter_id=forest["id"])   # 2025: app; 2026: acc, granted
        for m in ("申请报告", "村民委员会书面意见"):
            assert (await lic.upload(b1["id"], m)).status_code == 201
        await lic.ok(b1["id"], "accept", {"on": "2026-01-05"})
        await lic.ok(b1["id"], "review", {"reviewer_ids": lic.o[:2],
                                          "findings": "伐区核查", "on": "2026-01-05"})
        await lic.ok(b1["id"], "decide", {"granted": True, "reasons": "符合采伐限额",
                                          "on": "2026-01-06"})
        supervisor = zhifa.headers("supervisor", region_code="500112")
        resp = await zhifa.client.get(f"{L}/licensing/statistics?year=2026&agency_id="
                                      f"{lic.agency.id}", headers=supervisor)
        assert resp.status_code == 200, resp.text
        stats = resp.json()
        cols = ("applications", "accepted", "granted", "refused", "revoked")
        assert [stats["total"][c] for c in cols] == [4, 4, 4, 2, 1]
        by = {r["matter_name"]: [r[c] for c in cols] for r in stats["by_matter"]}
        assert by == {"乡村建设规划许可": [4, 3, 3, 2, 1], "林木采伐许可": [0, 1, 1, 0, 0]}
        y2025 = (await zhifa.client.get(f"{L}/licensing/statistics?year=2025",
                                        headers=lic.officer())).json()
        assert [y2025["total"][c] for c in cols] == [1, 0, 0, 0, 0]
        other = await create_agency(zhifa, "500112101")
        foreign = (await zhifa.client.get(f"{L}/licensing/statistics?year=2026",
                                          headers=other.headers(zhifa))).json()
        assert foreign["by_matter"] == [] and foreign["total"]["applications"] == 0


class TestDisclosure:
    async def test_grant_is_published_with_its_number_and_revocation_withdraws_it(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        id_number = make_id_number()
        licence = await lic.licence(id_number=id_number)
        await zhifa.drain()
        P = "/api/v1/publicity"
        items = (await zhifa.client.get(f"{P}/licences?agency_id={lic.agency.id}")).json()["items"]
        assert len(items) == 1
        rec = items[0]
        assert (rec["licence_number"], rec["certificate_name"], rec["matter_name"]) == (
            licence["number"], "乡村建设规划许可证", "乡村建设规划许可")
        assert rec["document_number"].endswith("号") and rec["valid_to"] == "2028-03-09"
        csv_text = (await zhifa.client.get(f"{P}/exports/licences.csv?template=natural")).text
        assert licence["number"] in csv_text and id_number not in csv_text
        assert csv_text.lstrip("\ufeff").startswith("行政相对人名称,证件类型,证件号码,")
        xlsx = await zhifa.client.get(f"{P}/exports/licences.xlsx?template=natural")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert licence["number"] in [c.value for c in sheet[2]]
        resp = await zhifa.client.post(f"{L}/licences/{licence['id']}/revoke",
                                       headers=lic.officer(),
                                       json={"ground": "beyond_authority", "reason": "超越职权",
                                             "decided_on": "2026-05-06"})
        assert resp.status_code == 200, resp.text
        await zhifa.drain()
        items = (await zhifa.client.get(f"{P}/licences?agency_id={lic.agency.id}")).json()["items"]
        assert items == []
        gone = (await zhifa.client.get(f"{P}/licences?agency_id={lic.agency.id}"
                                       "&status=withdrawn")).json()["items"]
        assert gone[0]["withdraw_reason"].startswith(
            "许可已撤销（行政许可法第六十九条第一款第二项）")
        assert licence["number"] not in (
            await zhifa.client.get(f"{P}/exports/licences.csv?template=natural")).text
