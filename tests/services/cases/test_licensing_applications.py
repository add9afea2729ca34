"""行政许可 applications through the gateway (行政许可法第二十九条–第四十八条): every state move,
every refusal with its problem type and article, the working-day timers of 第八十二条 on the
kit calendar (chinese-calendar 2026: 国庆 10-01..10-07, 10-10 a working Saturday; 清明
04-04..06)."""

from __future__ import annotations

import uuid
from datetime import date

from harness import Platform
from licensing_world import MATERIALS, L, Lic, deadline, problem

from services.cases.licensing.licences.service import settle_acceptances
from services.cases.licensing.models import LicenceApplication

ART32_4 = "行政许可法第三十二条第一款第四项"


class TestMatterPublication:
    async def test_unpublished_matter_takes_no_application_until_published(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup(publish=False)
        problem(await lic.receive(), 409, "licence-matter-not-published",
                "行政许可法第三十条、第三十三条")
        public = await zhifa.client.get(f"{L}/licence-matters?published=true")
        assert lic.matter["id"] not in [m["id"] for m in public.json()["items"]]
        resp = await zhifa.client.post(f"{L}/licence-matters/{lic.matter['id']}/publish",
                                       headers=lic.admin())
        assert resp.status_code == 200, resp.text
        # the public list (no token) shows it with its full material list and templates
        public = await zhifa.client.get(f"{L}/licence-matters?published=true")
        listed = next(m for m in public.json()["items"] if m["id"] == lic.matter["id"])
        assert [m["name"] for m in listed["materials"]] == [m["name"] for m in MATERIALS]
        assert (await lic.receive()).status_code == 201
        # a new version supersedes the old one once published: the old one takes nothing
        v2 = await lic.create_matter(code=lic.matter["code"], name="乡村建设规划许可（2026版）")
        assert v2["version"] == 2 and v2["series_id"] == lic.matter["series_id"]
        refusal = problem(await lic.receive(), 409, "licence-matter-not-published")
        assert refusal["rule"] == "行政许可法第三十条、第三十三条"
        assert (await lic.receive(matter_id=v2["id"])).status_code == 201
        # certificate numbers: only {prefix} {year} {seq}, a bounded pad; admins only
        cert = {"name": "证", "number_pattern": "{prefix}{agency.__class__}{seq}"}
        resp = await zhifa.client.post(f"{L}/licence-matters", headers=lic.admin(),
                                       json={**_body(lic), "certificate": cert})
        problem(resp, 422, "licence-matter-invalid")
        cert["number_pattern"] = "{year}-{seq:099d}"
        resp = await zhifa.client.post(f"{L}/licence-matters", headers=lic.admin(),
                                       json={**_body(lic), "certificate": cert})
        problem(resp, 422, "licence-matter-invalid")
        resp = await zhifa.client.post(f"{L}/licence-matters", headers=lic.officer(),
                                       json=_body(lic))
        assert resp.status_code == 403


def _today() -> str:
    from common.calendar import today_legal
    return today_legal().isoformat()


def _body(lic: Lic) -> dict[str, object]:
    from licensing_world import matter_body
    return matter_body(lic.agency)


class TestReceiptToCertificate:
    async def test_full_flow_with_one_correction_and_every_refusal_on_the_way(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        await self._receive_is_idempotent(zhifa, lic)
        problem(await lic.receive(id_number="500112198001010000"), 422, "applicant-invalid")
        problem(await lic.receive(kind="organization", uscc="91500112MA5U000000"), 422,
                "applicant-invalid")
        app = await lic.new("2026-03-02")
        assert app["applicant"]["id_number"].count("*") == 8  # masked
        # as of today (long after 03-09) nothing recorded means deemed accepted on 03-02;
        # the read shows it without writing it, so a notice served in time can still be recorded
        assert (app["status"], app["accepted_on"], app["deemed_accepted"]) == (
            "accepted", "2026-03-02", True)
        fresh = await lic.new(_today())
        assert fresh["status"] == "received" and deadline(fresh, "补正告知期限")["overdue"] is False
        up = await lic.upload(app["id"], "申请报告", b"%PDF-1.4 report")
        assert up.status_code == 201, up.text
        import hashlib
        assert up.json()["sha256"] == hashlib.sha256(b"%PDF-1.4 report").hexdigest()
        problem(await lic.upload(app["id"], "无关材料"), 422, "material-rejected",
                "行政许可法第三十一条")
        problem(await lic.act(app["id"], "accept", {"on": "2026-03-03"}), 409,
                "materials-incomplete", ART32_4)
        app = await lic.ok(app["id"], "correction-notice",
                           {"items": ["村民委员会书面意见"], "served_on": "2026-03-04"})
        assert app["status"] == "correction_pending"
        assert app["receipts"][-1]["kind"] == "补正材料通知书"
        problem(await lic.act(app["id"], "correction-notice",
                              {"items": ["设计方案"], "served_on": "2026-03-05"}),
                409, "correction-already-served", ART32_4)
        assert (await lic.upload(app["id"], "村民委员会书面意见")).status_code == 201
        app = await lic.ok(app["id"], "accept", {"on": "2026-03-10"})
        assert app["status"] == "accepted" and app["accepted_on"] == "2026-03-10"
        assert app["deemed_accepted"] is False and app["receipts"][-1]["kind"] == "受理通知书"
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-04-08"  # 清明 crossed
        refusal = problem(await lic.upload(app["id"], "身份证"), 409,
                          "application-action-not-allowed")
        assert refusal["rule"] == "行政许可法第三十二条"
        problem(await lic.act(app["id"], "decide", {"granted": True, "on": "2026-03-11"}),
                409, "decision-invalid", "行政许可法第三十四条")
        problem(await lic.act(app["id"], "review", {"reviewer_ids": [lic.o[0]],
                                                    "findings": "核查"}),
                422, "reviewers-insufficient", "行政许可法第三十四条第三款")
        app = await lic.ok(app["id"], "review", {
            "reviewer_ids": lic.o[:2], "findings": "现场核查，符合规划",
            "on": "2026-03-12",
            "stakeholders": [{"name": "邻户王五", "told_on": "2026-03-12", "statement": "无异议"}]})
        assert app["status"] == "under_review"
        # If-Match: a stale version is refused
        stale = await lic.act(app["id"], "decide", {"granted": True, "on": "2026-03-13"},
                              {**lic.officer(), "If-Match": 'W/"1"'})
        assert stale.status_code == 412
        problem(await lic.act(app["id"], "issue-certificate", {"on": "2026-03-13"}), 409,
                "application-action-not-allowed", "行政许可法第四十四条")
        resp = await lic.act(app["id"], "decide", {"granted": True, "reasons": "符合条件",
                                                   "on": "2026-03-13"},
                             {**lic.officer(), "If-Match": f'W/"{app["version"]}"'})
        assert resp.status_code == 200, resp.text
        app = resp.json()
        assert app["status"] == "granted" and app["decision"]["late"] is False
        assert deadline(app, "颁发、送达许可证件期限")["due_on"] == "2026-03-27"
        app = await lic.ok(app["id"], "issue-certificate", {"on": "2026-03-16"})
        assert app["status"] == "certificate_issued" and app["allowed_actions"] == []
        licence = (await zhifa.client.get(f"{L}/licences/{app['licence_id']}",
                                          headers=lic.officer())).json()
        assert licence["number"] == "乡字第500112202600001号"
        assert (licence["status"], licence["valid_from"], licence["valid_to"]) == (
            "active", "2026-03-16", "2028-03-15")

    @staticmethod
    async def _receive_is_idempotent(zhifa: Platform, lic: Lic) -> None:
        from factories_extra import make_id_number
        body = {"matter_id": lic.matter["id"], "received_on": "2026-03-02",
                "applicant": {"kind": "person", "name": "张三", "id_number": make_id_number()}}
        h = {**lic.officer(), "Idempotency-Key": "lic-receive-1"}
        first = await zhifa.client.post(f"{L}/licence-applications", headers=h, json=body)
        again = await zhifa.client.post(f"{L}/licence-applications", headers=h, json=body)
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]


class TestCorrectionWindow:
    async def test_notice_on_working_day_six_across_national_day_is_deemed_accepted(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        # received Tue 2026-09-29; working days 09-30, 10-08, 10-09, 10-10 (Sat), 10-12
        on_time = await lic.new("2026-09-29")
        app = await lic.ok(on_time["id"], "correction-notice",
                           {"items": ["村民委员会书面意见"], "served_on": "2026-10-12"})
        assert app["status"] == "correction_pending"
        late = await lic.new("2026-09-29")
        body = problem(await lic.act(late["id"], "correction-notice",
                                     {"items": ["村民委员会书面意见"],
                                      "served_on": "2026-10-13"}),
                       409, "application-deemed-accepted", ART32_4)
        assert body["accepted_on"] == "2026-09-29" and body["due_on"] == "2026-10-12"
        app = await lic.get(late["id"])  # the refusal keeps the deemed acceptance
        assert (app["status"], app["accepted_on"], app["deemed_accepted"]) == (
            "accepted", "2026-09-29", True)
        async with zhifa.session("cases") as session:  # written, not only shown
            row = await session.get(LicenceApplication, uuid.UUID(late["id"]))
            assert (row.status, row.deemed_accepted) == ("accepted", True)
        # 20 working days from 09-29: 09-30, 10-08, 10-09, 10-10, then 16 from 10-12 → 11-02
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-11-02"
        refusal = problem(await lic.act(late["id"], "not-accept", {"reason": "不属本机关",
                                                         "refer_to": "区规划局"}),
                409, "application-action-not-allowed")
        assert refusal["rule"] == "行政许可法第三十二条第一款第一项、第二项"
        # the settlement job writes the same acceptance for an application left untouched
        untouched = await lic.new("2026-09-29")
        cal = zhifa.apps["cases"].state.calendar
        async with zhifa.session("cases") as session:
            assert await settle_acceptances(session, cal, date(2026, 10, 12)) == 0
            assert await settle_acceptances(session, cal, date(2026, 10, 13)) == 1
            await session.commit()
        app = await lic.get(untouched["id"])
        assert (app["accepted_on"], app["receipts"][-1]["rule"]) == ("2026-09-29", ART32_4)
        # 不予受理 on time names the right agency (第三十二条第一款第二项)
        app = await lic.new("2026-03-02")
        problem(await lic.act(app["id"], "not-accept", {"kind": "not_ours", "reason": "非本机关",
                                                        "on": "2026-03-03"}),
                422, "unprocessable-entity", "行政许可法第三十二条第一款第二项")
        app = await lic.ok(app["id"], "not-accept", {"kind": "not_ours", "reason": "属区林业局职权",
                                                     "refer_to": "重庆市巴南区林业局",
                                                     "on": "2026-03-03"})
        assert app["status"] == "not_accepted" and app["receipts"][-1]["kind"] == "不予受理决定书"
        assert app["receipts"][-1]["refer_to"] == "重庆市巴南区林业局"


class TestDecisionClock:
    async def test_overdue_extension_and_excluded_periods(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        app = await lic.reviewed()  # accepted 2026-03-03
        d = deadline(app, "作出许可决定期限")
        assert (d["due_on"], d["overdue"], d["basis"]) == (
            "2026-03-31", True, "行政许可法第四十二条、第四十五条")
        other = await lic.new(_today())  # inside its 补正 window: not overdue
        listed = await zhifa.client.get(f"{L}/licence-applications?overdue=true",
                                        headers=lic.officer())
        ids = [a["id"] for a in listed.json()["items"]]
        assert app["id"] in ids and other["id"] not in ids
        # extension: only approved by the head (负责人, personnel position), only before the end
        for approver in (lic.o[0], "not-an-officer"):
            body = problem(await lic.act(app["id"], "extend", {
                "approver_id": approver, "reason": "复杂", "told_on": "2026-03-30"}),
                409, "approver-not-head")
            assert body["rule"].startswith("行政许可法第四十二条第一款"), body
        problem(await lic.act(app["id"], "extend", {"approver_id": lic.o[2], "reason": "复杂",
                                                    "told_on": "2026-04-01"}),
                409, "extension-not-allowed", "行政许可法第四十二条第一款")
        app = await lic.ok(app["id"], "decide", {"granted": False, "reasons": "不符合村庄规划",
                                                 "on": "2026-04-01"})
        assert app["decision"]["late"] is True and app["decision"]["remedies"]
        assert app["status"] == "refused" and app["deadlines"] == []
        # an extension and a 7-day village 公示 move the deadline by their working days
        app = await lic.reviewed()
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-03-31"
        # 7 calendar days of village 公示 [03-16, 03-23) hold exactly 5 working days
        app = await lic.ok(app["id"], "suspend", {"reason": "public_notice", "start": "2026-03-16",
                                                  "end": "2026-03-23", "notice_on": "2026-03-13"})
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-04-08"  # 25 wd, 清明 skipped
        app = await lic.ok(app["id"], "extend", {"approver_id": lic.o[2], "reason": "需专家论证",
                                                 "told_on": "2026-03-30"})
        assert app["extension"]["approver_id"] == lic.o[2], app["extension"]
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-04-22"  # + 10 wd
        refusal = problem(await lic.act(app["id"], "extend", {"approver_id": lic.o[2],
                                                              "reason": "再延"},
                              lic.admin()), 409, "application-action-not-allowed")
        assert refusal["rule"] == "行政许可法第四十二条第一款"
        # an open expert review stops the clock until resumed: 04-01..04-02 (2 working days)
        app = await lic.ok(app["id"], "suspend", {"reason": "expert_review", "start": "2026-04-01",
                                                  "notice_on": "2026-04-01"})
        assert app["status"] == "suspended" and app["allowed_actions"] == ["resume"]
        assert deadline(app, "作出许可决定期限")["overdue"] is False
        app = await lic.ok(app["id"], "resume", {"end": "2026-04-03"})
        assert app["status"] == "under_review"
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-04-24"


class TestHearing:
    async def test_hearing_rules(self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        app = await lic.accepted()
        refusal = problem(await lic.act(app["id"], "hearing", {"notice_on": "2026-03-04",
                                                     "held_on": "2026-03-16", "host_id": lic.o[2],
                                                     "record": "笔录"}),
                409, "application-action-not-allowed")
        assert refusal["rule"] == "行政许可法第四十六条至第四十八条"
        app = await lic.ok(app["id"], "review", {"reviewer_ids": lic.o[:2],
                                                 "findings": "涉及邻户采光", "on": "2026-03-04",
                                                 "hearing_right_told_on": "2026-03-04"})
        problem(await lic.act(app["id"], "hearing-request", {"requested_on": "2026-03-12",
                                                             "requested_by": "邻户王五"}),
                409, "hearing-not-allowed", "行政许可法第四十七条第一款")
        app = await lic.ok(app["id"], "hearing-request", {"requested_on": "2026-03-11",
                                                          "requested_by": "邻户王五"})
        assert deadline(app, "组织听证期限")["due_on"] == "2026-04-09"
        refusal = problem(await lic.act(app["id"], "decide", {"granted": True, "on": "2026-03-12"}),
                409, "application-action-not-allowed")
        assert refusal["rule"] == "行政许可法第三十八条、第四十二条"
        problem(await lic.act(app["id"], "hearing", {"notice_on": "2026-03-12",
                                                     "held_on": "2026-03-20", "host_id": lic.o[2],
                                                     "record": "笔录"}),
                409, "hearing-not-allowed", "行政许可法第四十八条第一款第一项")
        problem(await lic.act(app["id"], "hearing", {"notice_on": "2026-03-12",
                                                     "held_on": "2026-03-23", "host_id": lic.o[0],
                                                     "record": "笔录"}),
                409, "hearing-not-allowed", "行政许可法第四十八条第一款第三项")
        app = await lic.ok(app["id"], "hearing", {"notice_on": "2026-03-12",
                                                  "held_on": "2026-03-23", "host_id": lic.o[2],
                                                  "record": "听证笔录：双方陈述……"})
        assert app["status"] == "hearing_held" and app["hearing"]["held_late"] is False
        # the hearing time [03-11, 03-23] is excluded: 9 working days → 20 + 9 from 03-03
        assert deadline(app, "作出许可决定期限")["due_on"] == "2026-04-14"
        app = await lic.ok(app["id"], "decide", {"granted": True, "reasons": "依听证笔录",
                                                 "on": "2026-03-24"})
        assert app["decision"]["based_on_hearing_record"] is True

    async def test_onsite_check_required_before_decision(self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup(onsite_check_required=True, hearing_required=True)
        app = await lic.reviewed()
        assert "hearing-request" not in app["allowed_actions"] and "hearing" in app[
            "allowed_actions"]  # 第四十六条: heard without a request
        problem(await lic.act(app["id"], "decide", {"granted": True, "on": "2026-03-05"}),
                409, "decision-invalid", "行政许可法第三十四条第三款")
        problem(await lic.act(app["id"], "review", {
            "reviewer_ids": lic.o[:2], "findings": "现场核查完毕", "on": "2026-03-05",
            "inspection_id": str(uuid.uuid4())}), 422, "link-invalid", "行政许可法第三十四条第三款")
        inspection = await lic.onsite_inspection()  # a real inspection of this agency
        app = await lic.ok(app["id"], "review", {"reviewer_ids": lic.o[:2],
                                                 "findings": "现场核查完毕", "on": "2026-03-05",
                                                 "inspection_id": inspection})
        problem(await lic.act(app["id"], "decide", {"granted": True, "on": "2026-03-05"}),
                409, "decision-invalid", "行政许可法第四十六条、第四十八条第二款")
        app = await lic.ok(app["id"], "hearing", {"notice_on": "2026-03-05",
                                                  "held_on": "2026-03-16", "host_id": lic.o[2],
                                                  "record": "公开听证笔录"})
        assert app["hearing"]["basis"] == "行政许可法第四十六条"
        app = await lic.ok(app["id"], "decide", {"granted": True, "on": "2026-03-17"})
        assert app["inspection_id"] == inspection and app["status"] == "granted"
