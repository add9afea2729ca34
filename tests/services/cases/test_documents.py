"""执法文书 issued from real cases built through the API (gateway, real personnel): every case
template issued, re-opened with python-docx, every required element's value present and no tag
left; a party name with `&` and `<`; the law's list refused element by element; concurrent
issues numbered apart; corrections as new versions; the frozen context re-renders to the same
bytes; a tampered stored document fails timeline verification; 公告 service moves the payment
clock by 30 days; PDF through LibreOffice (pdftotext finds party and number), else 503."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import shutil
import zipfile
from datetime import date, timedelta
from typing import Any

from factories import C, World, id_number, problem, world
from harness import Platform

from services.cases.documents import render
from services.cases.documents.catalogue import SPECS
from services.cases.documents.pdf import PdfWorker
from services.cases.documents.service import storage

DECISION_RULE = "行政处罚法第五十一条、第五十七条、第五十九条"
PARTY = "张三 & <李四> 商行"
ITEMS = [{"name": "电动三轮车", "spec": "红色", "quantity": "1辆", "note": "完好"},
         {"name": "遮阳伞 <大>", "spec": "", "quantity": "2把", "note": ""}]
FIELDS: dict[str, dict[str, Any]] = {
    "rectification_notice": {"rectify_content": "撤除占道摊位",
                             "rectify_deadline": "2026年3月10日"},
    "evidence_preservation": {"items": ITEMS, "keep_place": "木耳镇执法大队仓库"},
    "seizure_decision": {"measure": "扣押", "reason": "当事人涉嫌占道经营，拒不改正",
                         "period_days": 30, "items": ITEMS, "place": "人民路1号"},
    "seizure_list": {"measure": "扣押", "items": ITEMS, "place": "人民路1号"},
    "seizure_extension": {"measure": "扣押", "original_number": "木耳综执强决〔2026〕1号",
                          "extension_days": 30, "reason": "情况复杂"},
    "seizure_release": {"measure": "扣押", "original_number": "木耳综执强决〔2026〕1号",
                        "reason": "已作出处理决定", "items": ITEMS},
    "collective_discussion": {"discussion": {"held_on": "2026年3月25日",
                                             "participants": "镇长、分管副镇长、队长",
                                             "record": "一致同意给予罚款", "conclusion": "同意"}},
    "legal_review_opinion": {"review": {"opinion": "事实清楚，证据确凿，程序合法"}},
    "hearing_notice": {"hearing": {"held_at": "2026年4月3日9时", "place": "镇政府会议室",
                                   "host": "钱七"}},
    "hearing_record": {"hearing": {"held_on": "2026年4月3日", "place": "镇政府会议室",
                                   "host": "钱七", "record": "当事人陈述……"}},
    "payment_deferral": {"arrangement": {"kind_name": "延期缴纳", "until": "2026年6月1日",
                                         "reason": "经济困难"}},
    "demand_notice": {"perform_deadline": "2026年5月20日"},
    "criminal_transfer": {"receiver": "某县公安局", "transfer_reason": "涉案金额较大。"},
    "closing_approval": {"closing": {"result": "罚款已缴清"}},
}
SKIP = {"service_receipt", "declined_approval", "no_penalty_decision", "summary_decision"}


def resolve(ctx: dict[str, Any], path: str) -> Any:
    value: Any = ctx
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def expected(value: Any) -> str | None:
    if isinstance(value, (str, int)):
        return str(value)
    if isinstance(value, list) and value:
        first = value[0]
        return next((str(first[k]) for k in ("name", "description") if first.get(k)), None)
    return None


async def document_of(w: World, case_id: str, doc: dict[str, Any]) -> tuple[bytes, dict]:
    base = f"{C}/cases/{case_id}/documents/{doc['id']}"
    resp = await w.client.get(f"{base}/docx", headers=w.officer_headers())
    assert resp.status_code == 200, resp.text
    ctx = await w.client.get(f"{base}/context", headers=w.officer_headers())
    assert ctx.status_code == 200, ctx.text
    return resp.content, ctx.json()


async def issue(w: World, case_id: str, code: str, expect: int = 201, **body: Any) -> dict:
    resp = await w.client.post(f"{C}/cases/{case_id}/documents", headers=w.officer_headers(),
                               json={"code": code, **body})
    assert resp.status_code == expect, resp.text
    return resp.json()


async def decided_case(w: World) -> str:
    case = await w.lead(party={"kind": "person", "name": PARTY, "id_number": id_number(),
                               "address": "木耳镇人民路1号"})
    cid = case["id"]
    await w.act(cid, "file", {"officer_ids": w.officers[:2], "approver_id": w.officers[2],
                              "filed_on": "2026-03-03"})
    resp = await w.client.post(f"{C}/cases/{cid}/evidence", headers=w.officer_headers(),
                               files={"file": ("photo.jpg", b"\xff\xd8\xffdoc", "image/jpeg")},
                               data={"kind": "audiovisual", "description": "现场照片 & 视频",
                                     "officer_ids": w.officers[:2]})
    assert resp.status_code == 201, resp.text
    for kind, who in (("inspection", None), ("inquiry", PARTY)):
        await w.act(cid, "records", {
            "kind": kind, "officer_ids": w.officers[:2], "interviewee": who,
            "started_at": "2026-03-04T02:00:00Z", "ended_at": "2026-03-04T02:30:00Z",
            "place": "人民路1号", "content": f"{kind}：在人行道摆摊"}, expect=201)
    await w.act(cid, "conclude", {"outcome": "penalty", "discretion_tier": "轻微",
                                  "penalties": [{"kind": "fine", "amount": "1000.00"}],
                                  "reasoning": "首次违法，及时改正"})
    await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
    await w.act(cid, "decide", {"decided_on": "2026-03-30"})
    return cid


class TestCaseDocuments:
    async def test_every_case_template_is_issued_frozen_served_and_verified(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await decided_case(w)
        issued: dict[str, dict[str, Any]] = {}
        for code, spec in SPECS.items():
            if spec.subject != "case" or code in SKIP or spec.stage == "归档":
                continue
            doc = issued[code] = await issue(w, cid, code, fields=FIELDS.get(code, {}))
            data, ctx = await document_of(w, cid, doc)
            assert hashlib.sha256(data).hexdigest() == doc["docx_sha256"]
            assert not render.leftover_tags(data), code
            text = "\n".join(render.texts(data))
            for req in spec.required:
                want = expected(resolve(ctx, req.path))
                assert want and want in text, (code, req.path, want)
            assert PARTY in text or code == "criminal_transfer" and PARTY in text
        decision = issued["penalty_decision"]
        assert decision["number"] == "木耳综执罚决〔2026〕1号"
        assert issued["rectification_notice"]["number"] == "木耳综执责改〔2026〕1号"
        assert issued["prior_notice"]["number"] == "木耳综执罚告〔2026〕1号"
        assert issued["prior_notice_hearing"]["number"] == "木耳综执罚告〔2026〕2号"

        # two concurrent issues of one type (two cases of the agency) get different numbers
        second = (await w.filed())["id"]
        pair = await asyncio.gather(*(issue(w, c, "rectification_notice",
                                            fields=FIELDS["rectification_notice"])
                                      for c in (cid, second)))
        assert sorted(d["number"] for d in pair) == ["木耳综执责改〔2026〕2号",
                                                     "木耳综执责改〔2026〕3号"]

        # a re-render of the frozen context (and frozen template) gives the same bytes
        s = zhifa.apps["cases"].state.settings
        store = storage(s)
        key = lambda sha: f"{sha[:2]}/{sha}"  # noqa: E731 (content-addressed storage)
        tpl = (store.root / key(decision["template_sha256"])).read_bytes()
        frozen = json.loads((store.root / key(decision["context_sha256"])).read_bytes())
        rerender = render.render(tpl, frozen)
        assert hashlib.sha256(rerender).hexdigest() == decision["docx_sha256"]

        # corrections: never changed in place, a new version with its own number
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "penalty_decision"})
        assert problem(resp, 409, "document-already-issued")["detail"] == (
            "本案已制作行政处罚决定书，如需更正请制作新版本（replaces_id）")
        fixed = await issue(w, cid, "penalty_decision", replaces_id=decision["id"])
        assert fixed["version"] == 2 and fixed["replaces_id"] == decision["id"]
        assert fixed["number"] == "木耳综执罚决〔2026〕2号"
        resp = await w.client.get(f"{C}/cases/{cid}/documents/{decision['id']}",
                                  headers=w.officer_headers())
        assert resp.json()["replaced_by_id"] == fixed["id"]

        # 送达: 留置 needs reason + witness (民诉法第八十九条); 公告 is deemed served 30 days on
        served = f"{C}/cases/{cid}/documents/{fixed['id']}/services"
        body = {"method": "left", "delivered_on": "2026-03-31", "recipient": PARTY,
                "place": "木耳镇人民路1号", "server_ids": w.officers[:2]}
        resp = await w.client.post(f"{C}/cases/{cid}/documents/{decision['id']}/services",
                                   headers=w.officer_headers(), json={**body, "method": "direct"})
        # the replaced version is not served
        assert problem(resp, 409, "document-already-issued")["detail"] == (
            "该文书已被更正版本取代，请送达现行版本")
        resp = await w.client.post(served, headers=w.officer_headers(), json=body)
        assert problem(resp, 422, "document-service-invalid")["rule"] == "民事诉讼法第八十九条"
        resp = await w.client.post(served, headers=w.officer_headers(), json={
            **body, "method": "public_notice", "notice_reason": "下落不明，无法直接送达"})
        assert resp.status_code == 201, resp.text
        out = resp.json()
        assert out["served_on"] == "2026-04-30" and out["case_served_on"] == "2026-04-30"
        case = await w.get(cid)
        assert case["status"] == "served" and case["served_on"] == "2026-04-30"
        cal = zhifa.apps["cases"].state.calendar
        due = next(d for d in case["deadlines"] if d["name"] == "罚款缴纳期限")
        assert due["due_on"] == cal.add_days(date(2026, 4, 30), 15, "calendar").due_on.isoformat()
        direct = cal.add_days(date(2026, 3, 31), 15, "calendar").due_on
        assert date.fromisoformat(due["due_on"]) - direct >= timedelta(days=30)
        receipt_data, _ = await document_of(w, cid, {"id": out["receipt_document_id"]})
        receipt = "\n".join(render.texts(receipt_data))
        assert "公告送达" in receipt and fixed["number"] in receipt and "2026年4月30日" in receipt

        # PDF: LibreOffice present → pdftotext finds party and number; absent → 503
        pdf_url = f"{C}/cases/{cid}/documents/{fixed['id']}/pdf"
        if shutil.which("soffice") and shutil.which("pdftotext"):
            resp = await w.client.get(pdf_url, headers=w.officer_headers())
            assert resp.status_code == 200, resp.text
            assert resp.content.startswith(b"%PDF")
            proc = await asyncio.create_subprocess_exec(
                "pdftotext", "-", "-", stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE)
            text = (await proc.communicate(resp.content))[0].decode()
            flat = "".join(text.split())  # pdftotext spaces CJK from Latin ("2 号")
            assert "".join(PARTY.split()) in flat and fixed["number"] in flat
        zhifa.apps["cases"].state.pdf_worker = PdfWorker("/nonexistent/soffice", 5, 1)
        other = issued["prior_notice"]["id"]
        resp = await w.client.get(f"{C}/cases/{cid}/documents/{other}/pdf",
                                  headers=w.officer_headers())
        assert problem(resp, 503, "pdf-unavailable")["detail"].startswith(
            "本服务器未安装 LibreOffice")
        resp = await w.client.get(f"{C}/cases/{cid}/documents/{other}/docx",
                                  headers=w.officer_headers())
        assert resp.status_code == 200

        # 案卷: cover, index, documents in statutory order, 备考表
        resp = await w.client.get(f"{C}/cases/{cid}/dossier.zip", headers=w.officer_headers())
        assert resp.status_code == 200, resp.text
        names = zipfile.ZipFile(io.BytesIO(resp.content)).namelist()
        assert names[0] == "00_案卷封面.docx" and names[1] == "01_卷内目录.docx"
        assert names[-1].endswith("_备考表.docx")
        order = [n.split("_", 1)[1] for n in names]
        assert order.index("立案审批表.docx") < order.index("行政处罚事先告知书.docx") \
            < order.index("行政处罚决定书.docx") < order.index("送达回证.docx")

        # the chain holds; a tampered stored document fails verification at its entry
        verify = f"{C}/cases/{cid}/timeline/verify"
        resp = await w.client.get(verify, headers=w.officer_headers())
        assert resp.json()["valid"] is True, resp.text
        target = store.root / key(issued["seizure_decision"]["docx_sha256"])
        target.write_bytes(target.read_bytes() + b"tampered")
        resp = await w.client.get(verify, headers=w.officer_headers())
        assert resp.json() == {"valid": False, "entries": resp.json()["entries"],
                               "first_invalid": issued["seizure_decision"]["timeline_seq"]}


class TestRefusals:
    async def test_missing_required_fields_are_refused_naming_the_law(
            self, zhifa: Platform) -> None:
        w = await world(zhifa)
        case = await w.lead(party={"kind": "person", "name": "王二", "id_number": id_number()})
        cid = case["id"]
        await w.act(cid, "file", {"officer_ids": w.officers[:2], "approver_id": w.officers[2],
                                  "filed_on": "2026-03-03"})
        # 查封（扣押）决定书 without the period and the item list (行政强制法第二十四条)
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "seizure_decision",
                                         "fields": {"measure": "查封", "reason": "涉嫌违法"}})
        body = problem(resp, 422, "document-fields-missing")
        assert body["rule"] == "行政强制法第二十四条"
        missing = {m["field"]: m["article"] for m in body["missing"]}
        assert missing["period_days"] == missing["items"] == "行政强制法第二十四条"
        assert "party.address" in missing  # the party has no address on record
        # a field the template does not use is refused, and so is a 决定书 before the decision
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "rectification_notice",
                                         "fields": {"secret": "x"}})
        body = problem(resp, 422, "document-fields-unknown")
        assert (body["detail"], body["unknown"]) == (
            "模板 rectification_notice 不使用字段：secret", ["secret"])
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "penalty_decision"})
        assert problem(resp, 409, "document-not-issuable")["rule"] == DECISION_RULE
        # a request fills gaps but never overrides the record; Idempotency-Key replays
        body = {"code": "rectification_notice", "fields": {
            **FIELDS["rectification_notice"], "party": {"name": "别人", "address": "新地址"}}}
        h = {**w.officer_headers(), "Idempotency-Key": "doc-1"}  # one subject: one key scope
        once = [await w.client.post(f"{C}/cases/{cid}/documents", json=body, headers=h)
                for _ in range(2)]
        assert once[0].status_code == once[1].status_code == 201
        doc = once[0].json()
        assert once[1].json()["id"] == doc["id"] and once[1].headers["idempotent-replayed"]
        _, ctx = await document_of(w, cid, doc)
        assert ctx["party"]["name"] == "王二" and ctx["party"]["address"] == "新地址"
        # the 决定书 of a case without the party's address is refused (第五十九条)
        await w.act(cid, "conclude", {"outcome": "penalty", "discretion_tier": "轻微",
                                      "penalties": [{"kind": "fine", "amount": "500.00"}],
                                      "reasoning": "首次违法"})
        await w.act(cid, "notify", {"served_on": "2026-03-20", "method": "direct"})
        await w.act(cid, "decide", {"decided_on": "2026-03-30"})
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "penalty_decision"})
        body = problem(resp, 422, "document-fields-missing")
        assert body["rule"] == "行政处罚法第五十九条"
        assert body["missing"] == [  # no address and no evidence on record
            {"field": "party.address", "label": "当事人的地址", "article": "行政处罚法第五十九条"},
            {"field": "evidence", "label": "证据", "article": "行政处罚法第五十九条"}]
        assert body["rule"] == "行政处罚法第五十九条"
        # another agency's officer sees none of it: list, document, file, context, case file
        other = await World(zhifa).setup(officers=0)
        stranger = zhifa.headers("officer", agency_id=other.agency_id, region_code="500112100")
        for path in ("documents", f"documents/{doc['id']}", f"documents/{doc['id']}/docx",
                     f"documents/{doc['id']}/context", "dossier.zip"):
            resp = await w.client.get(f"{C}/cases/{cid}/{path}", headers=stranger)
            assert problem(resp, 404, "case-not-found")["detail"] == (
                f"案件 {cid} 不存在或不在您的管辖范围内")


class TestOtherDecisionsTemplatesAndRanges:
    async def test_declined_summary_and_no_penalty_documents(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        lead = (await w.lead())["id"]
        await w.act(lead, "decline", {"reason": "违法事实不能成立 & 证据不足"})
        doc = await issue(w, lead, "declined_approval")
        data, _ = await document_of(w, lead, doc)
        assert "违法事实不能成立 & 证据不足" in "\n".join(render.texts(data))

        resp = await w.client.post(f"{C}/summary-decisions", headers=w.officer_headers(), json={
            "matter_id": w.matter["id"], "officer_ids": w.officers[:2],
            "party": {"kind": "person", "name": PARTY, "id_number": id_number(),
                      "address": "人民路3号"}, "penalty": {"kind": "fine", "amount": "200.00"},
            "facts": "占道摆摊经营", "decided_at": "2026-11-20T02:00:00Z", "place": "木耳镇人民路"})
        assert resp.status_code == 201, resp.text
        spot = resp.json()
        doc = await issue(w, spot["case_id"], "summary_decision")
        assert doc["number"] == spot["document_number"]
        text = "\n".join(render.texts((await document_of(w, spot["case_id"], doc))[0]))
        for want in (PARTY, "贰佰元整", "木耳镇人民路", "2026年11月20日10时00分",
                     spot["document_number"]):
            assert want in text, want

        # serving the 事先告知书 of a concluded case is the case's 告知 (statement window)
        told = (await w.concluded())["id"]
        notice = await issue(w, told, "prior_notice")
        resp = await w.client.post(f"{C}/cases/{told}/documents/{notice['id']}/services",
                                   headers=w.officer_headers(), json={
                                       "method": "direct", "delivered_on": "2026-03-20",
                                       "recipient": "张三", "place": "木耳镇人民路1号",
                                       "server_ids": w.officers[:2]})
        assert resp.status_code == 201, resp.text
        told_case = await w.get(told)
        assert told_case["status"] == "notified"
        assert told_case["notice"]["statement_due_on"] == "2026-03-27"

        case = (await w.filed())["id"]
        await w.act(case, "conclude", {"outcome": "no_penalty",
                                       "no_penalty_ground": "minor",
                                       "reasoning": "违法行为轻微并及时改正",
                                       "education_record": "已当面批评教育"})
        await w.act(case, "decide", {"decided_on": "2026-03-30"})
        resp = await w.client.post(f"{C}/cases/{case}/documents", headers=w.officer_headers(),
                                   json={"code": "penalty_decision"})
        body = problem(resp, 409, "document-not-issuable")
        assert body["rule"] == DECISION_RULE and "决定：no_penalty" in body["detail"]
        doc = await issue(w, case, "no_penalty_decision")
        text = "\n".join(render.texts((await document_of(w, case, doc))[0]))
        assert "违法行为轻微并及时改正" in text and doc["number"] in text

    async def test_agency_template_upload_and_offline_number_ranges(
            self, zhifa: Platform) -> None:
        from services.cases.documents.build import build_one
        from services.cases.documents.layouts import LAYOUTS

        w = await world(zhifa)
        cid = (await w.filed())["id"]
        url = f"{C}/document-templates/rectification_notice/versions"
        own = build_one([*LAYOUTS["rectification_notice"], ("p", "本通知书一式两份。")])
        bad = build_one([*LAYOUTS["rectification_notice"], ("p", "{{ password }}")])
        resp = await w.client.post(url, headers=w.officer_headers(),
                                   files={"file": ("t.docx", own, "application/octet-stream")})
        assert resp.status_code == 403
        resp = await w.client.post(url, headers=w.admin_headers(),
                                   files={"file": ("t.docx", bad, "application/octet-stream")})
        assert any("password" in r for r in problem(resp, 422,
                                                    "document-template-invalid")["reasons"])
        resp = await w.client.post(url, headers=w.admin_headers(),
                                   files={"file": ("t.docx", own, "application/octet-stream")})
        assert resp.status_code == 201, resp.text
        assert resp.json()["source"] == "agency" and resp.json()["version"] == "1.a1"
        doc = await issue(w, cid, "rectification_notice", fields=FIELDS["rectification_notice"])
        assert doc["template_source"] == "agency"
        assert "本通知书一式两份。" in render.texts((await document_of(w, cid, doc))[0])

        # a block of numbers for one officer, used offline and synced later
        resp = await w.client.post(f"{C}/document-number-ranges", headers=w.officer_headers(),
                                   json={"code": "rectification_notice", "year": 2026,
                                         "holder_kind": "officer", "holder_id": w.officers[0],
                                         "count": 3})
        assert resp.status_code == 201, resp.text
        rng = resp.json()
        assert (rng["first_seq"], rng["last_seq"]) == (2, 4)
        assert rng["last_number"] == "木耳综执责改〔2026〕4号"
        used = await issue(w, cid, "rectification_notice", fields=FIELDS[
            "rectification_notice"], range_id=rng["id"], range_seq=3)
        assert used["number"] == "木耳综执责改〔2026〕3号"
        nxt = await issue(w, cid, "rectification_notice", fields=FIELDS["rectification_notice"])
        assert nxt["number"] == "木耳综执责改〔2026〕5号"  # the block is skipped online
        resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=w.officer_headers(),
                                   json={"code": "penalty_decision", "range_id": rng["id"],
                                         "range_seq": 2})
        assert resp.status_code in (409, 422)  # no decision yet / numbered from the case
        for seq, headers, why in (
                (3, w.officer_headers(), "已被使用"),
                (9, w.officer_headers(), "编号序号须在 2–4 之间"),
                (4, w.zhifa.headers("officer", agency_id=w.agency_id, region_code="500112100",
                                    officer_id=w.officers[1]), "不属于当前执法人员/设备")):
            resp = await w.client.post(f"{C}/cases/{cid}/documents", headers=headers, json={
                "code": "rectification_notice", "fields": FIELDS["rectification_notice"],
                "range_id": rng["id"], "range_seq": seq})
            assert why in problem(resp, 422, "document-number-range-invalid")["detail"], seq
        resp = await w.client.get(f"{C}/document-templates", headers=w.officer_headers())
        listed = {(t["code"], t["source"]) for t in resp.json()}
        assert ("rectification_notice", "agency") in listed and ("penalty_decision",
                                                                  "shipped") in listed
