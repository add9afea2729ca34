"""执法文书 of inspections and licence applications, issued from records built through the API
(gateway, real personnel) on both databases: 行政检查审批表, 行政检查通知书 (with the 五个严禁/
八个不得 discipline text, 国办发〔2024〕54号) and 行政检查结果告知书; the licence receipts and
decisions (受理, 补正, 不予受理, 准予, 不予许可; 行政许可法第三十二条、第三十八条). Each .docx is
re-opened with python-docx: every required element's value present, no template tag left; the
numbers come from the per-agency sequences; `document.issued` is in the subject's own hash chain;
送达 renders the 送达回证; a document the record does not support yet is refused naming the
article; another agency sees none of it."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from factories import C, problem, world
from harness import Platform
from inspection_factories import Inspections
from licensing_world import Lic

from services.cases.documents import render
from services.cases.documents.catalogue import SPECS
from services.cases.documents.subjects.service import LICENCE_CHAIN
from services.cases.licensing.models import LicenceApplication
from services.cases.timeline.service import verify

APPLICANT = "李 & <王> 建房户"


def value_at(ctx: dict[str, Any], path: str) -> Any:
    value: Any = ctx
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


async def issue_and_check(client: Any, base: str, headers: dict[str, str], code: str,
                          expect: int = 201) -> dict[str, Any]:
    resp = await client.post(f"{base}/documents", headers=headers, json={"code": code})
    assert resp.status_code == expect, resp.text
    doc = resp.json()
    if expect != 201:
        return doc
    url = f"{base}/documents/{doc['id']}"
    data = (await client.get(f"{url}/docx", headers=headers)).content
    ctx = (await client.get(f"{url}/context", headers=headers)).json()
    assert hashlib.sha256(data).hexdigest() == doc["docx_sha256"]
    assert not render.leftover_tags(data), code
    text = "\n".join(render.texts(data))
    for req in SPECS[code].required:
        want = value_at(ctx, req.path)
        assert want and str(want) in text, (code, req.path, want)
    return {**doc, "text": text}


class TestInspectionDocuments:
    async def test_approval_notice_result_numbered_chained_and_served(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(), await x.target(name="木耳 & <星> 商贸有限公司")
        i = await x.create(item, target)
        base, h = f"{C}/inspections/{i['id']}", w.officer_headers()
        # the result notice before any result: refused with the missing element named
        body = problem(await zhifa.client.post(f"{base}/documents", headers=h,
                                               json={"code": "inspection_result"}),
                       422, "document-fields-missing")
        assert {m["field"] for m in body["missing"]} == {"inspection.result"}
        assert body["rule"] == "国办发〔2024〕54号"
        approval = await issue_and_check(zhifa.client, base, h, "inspection_approval")
        await x.walk(i, "notify")
        notice = await issue_and_check(zhifa.client, base, h, "inspection_notice")
        assert "严禁逐利检查" in notice["text"] and "不得刻意要求法定代表人到场" in notice["text"]
        assert "有权申请回避" in notice["text"]
        await x.act(i, "start")
        await x.act(i, "finish")
        result = await issue_and_check(zhifa.client, base, h, "inspection_result")
        assert "门前占道堆放货物" in result["text"] and "2026年3月20日" in result["text"]
        assert approval["number"] is None  # an internal form
        assert notice["number"] == "木耳综执检通〔2026〕1号"
        assert result["number"] == "木耳综执检果〔2026〕1号"
        # a case template is not issued under an inspection
        body = problem(await zhifa.client.post(f"{base}/documents", headers=h,
                                               json={"code": "penalty_decision"}),
                       409, "document-not-issuable")
        assert body["detail"] == "行政处罚决定书用于case，不能在inspection下制作"

        # 送达 of the result notice: the 送达回证 under the inspection, both in its chain
        resp = await zhifa.client.post(f"{base}/documents/{result['id']}/services", headers=h,
                                       json={"method": "direct", "delivered_on": "2026-03-11",
                                             "recipient": "木耳 & <星> 商贸有限公司",
                                             "place": "木耳镇人民路8号",
                                             "server_ids": w.officers[:2]})
        assert resp.status_code == 201, resp.text
        receipt_id = resp.json()["receipt_document_id"]
        data = (await zhifa.client.get(f"{base}/documents/{receipt_id}/docx",
                                       headers=h)).content
        receipt = "\n".join(render.texts(data))
        assert result["number"] in receipt and "直接送达" in receipt
        listed = (await zhifa.client.get(f"{base}/documents", headers=h)).json()
        assert [d["code"] for d in listed] == ["inspection_approval", "inspection_notice",
                                               "inspection_result", "service_receipt"]
        chain = (await zhifa.client.get(f"{base}/timeline", headers=h)).json()
        actions = [e["action"] for e in chain]
        assert actions.count("document.issued") == 4 and "document.served" in actions
        issued = [e for e in chain if e["action"] == "document.issued"]
        assert issued[1]["payload"]["docx_sha256"] == notice["docx_sha256"]
        resp = await zhifa.client.get(f"{base}/timeline/verify", headers=h)
        assert resp.json()["valid"] is True, resp.text

        # another agency's officer: 404 on every read and on issuing
        other = await world(zhifa, officers=0)
        stranger = other.officer_headers()
        for path in ("documents", f"documents/{notice['id']}/docx",
                     f"documents/{notice['id']}/context"):
            assert "不存在" in problem(await zhifa.client.get(f"{base}/{path}", headers=stranger),
                                    404, "inspection-not-found")["detail"]
        assert "不存在" in problem(await zhifa.client.post(f"{base}/documents", headers=stranger,
                                                        json={"code": "inspection_notice"}),
                                404, "inspection-not-found")["detail"]


class TestLicenceDocuments:
    async def test_receipts_and_decisions_from_real_applications(
            self, zhifa: Platform) -> None:
        lic = await Lic(zhifa).setup()
        h, docs = lic.officer(), f"{C}/licence-applications"

        # 补正 then 受理 then 准予 on one application
        app = await lic.new(name=APPLICANT)
        base = f"{docs}/{app['id']}"
        body = problem(await zhifa.client.post(f"{base}/documents", headers=h,
                                               json={"code": "license_acceptance"}),
                       409, "document-not-issuable")
        assert body["rule"] == "行政许可法第三十二条、第三十八条"
        await lic.ok(app["id"], "correction-notice", {"items": ["村民委员会书面意见"],
                                                      "served_on": "2026-03-03"})
        correction = await issue_and_check(zhifa.client, base, h, "license_correction_notice")
        assert "村民委员会书面意见" in correction["text"]
        for m in ("申请报告", "村民委员会书面意见"):
            assert (await lic.upload(app["id"], m)).status_code == 201
        await lic.ok(app["id"], "accept", {"on": "2026-03-04"})
        acceptance = await issue_and_check(zhifa.client, base, h, "license_acceptance")
        await lic.ok(app["id"], "review", {"reviewer_ids": lic.o[:2],
                                           "findings": "现场核查，符合规划", "on": "2026-03-04"})
        await lic.ok(app["id"], "decide", {"granted": True, "reasons": "符合条件",
                                           "on": "2026-03-10", "content": "新建住房一栋"})
        grant = await issue_and_check(zhifa.client, base, h, "license_grant")
        assert APPLICANT in grant["text"] and "新建住房一栋" in grant["text"]
        assert lic.matter["name"] in acceptance["text"]
        assert [d["number"] for d in (correction, acceptance, grant)] == [
            "木耳综执许补〔2026〕1号", "木耳综执许受〔2026〕1号", "木耳综执许准〔2026〕1号"]

        # 不予受理 and 不予许可 (with the remedy lines) on two more
        refused = await lic.new()
        await lic.ok(refused["id"], "not-accept", {"kind": "not_ours", "reason": "不属于本机关职权",
                                                   "refer_to": "区规划自然资源局",
                                                   "on": "2026-03-03"})
        rejection = await issue_and_check(zhifa.client, f"{docs}/{refused['id']}", h,
                                          "license_rejection_notice")
        assert "区规划自然资源局" in rejection["text"] and "行政复议" in rejection["text"]
        denied = await lic.reviewed()
        await lic.ok(denied["id"], "decide", {"granted": False, "reasons": "不符合村庄规划",
                                              "on": "2026-03-10"})
        denial = await issue_and_check(zhifa.client, f"{docs}/{denied['id']}", h,
                                       "license_denial")
        assert "不符合村庄规划" in denial["text"] and "行政诉讼" in denial["text"]
        body = problem(await zhifa.client.post(f"{docs}/{denied['id']}/documents", headers=h,
                                               json={"code": "license_grant"}),
                       409, "document-not-issuable")
        assert body["rule"] == "行政许可法第三十二条、第三十八条"
        assert "尚未作出准予行政许可决定书所记载的行为" in body["detail"]

        # 送达 of the grant; the chain of the application holds both entries and verifies
        resp = await zhifa.client.post(f"{base}/documents/{grant['id']}/services", headers=h,
                                       json={"method": "post", "delivered_on": "2026-03-12",
                                             "post_receipt_number": "EMS0001",
                                             "recipient": APPLICANT, "place": "木耳镇木耳村",
                                             "server_ids": ["off-1"]})
        assert resp.status_code == 201, resp.text
        assert resp.json()["served_on"] == "2026-03-12"
        async with zhifa.session("cases") as session:
            row = await session.get(LicenceApplication, uuid.UUID(app["id"]))
            result = await verify(session, row, chain=LICENCE_CHAIN)
        assert result == {"valid": True, "entries": 5, "first_invalid": None}
