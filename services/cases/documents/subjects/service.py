"""Context builders for the documents of an inspection (行政检查审批表, 行政检查通知书 with
the discipline text, 行政检查结果告知书; 国办发〔2024〕54号, 司法部《行政检查文书基本格式文本》) and
of a licence application (受理通知书, 补正材料通知书, 不予受理通知书, 准予/不予行政许可决定书;
行政许可法第三十二条、第三十八条), registered with `context.register`, so `documents.service.issue`
numbers, renders, freezes and chains them exactly as a case's documents — in the subject's own
hash-chained record (`inspection_record_entries`, `licence_record_entries`). 送达 of such a
document records the service in that chain and renders the 送达回证; it does not move the
subject's own clocks (the inspection's `/notify` and `/feedback` and the application's actions
carry their dates)."""

from __future__ import annotations

from typing import Any

from common.calendar import today_legal
from services.cases.context import Ctx
from services.cases.documents import context as dctx
from services.cases.documents import delivery
from services.cases.documents import service as svc
from services.cases.documents.catalogue import Spec
from services.cases.documents.errors import DocumentAlreadyIssued, DocumentNotIssuable
from services.cases.documents.models import DocumentService, IssuedDocument
from services.cases.documents.schemas import DocumentIssue, ServiceCreate
from services.cases.inspections import service as isvc
from services.cases.inspections.models import Inspection
from services.cases.licensing import service as lsvc
from services.cases.licensing.models import LicenceApplication, LicenceRecordEntry
from services.cases.lifecycle.service import agency_prefix
from services.cases.timeline.service import Chain, append_entry

LICENCE_CHAIN = Chain(LicenceRecordEntry, "application_id")
METHOD_NAMES = {"onsite": "现场检查", "document": "书面检查", "remote": "非现场检查"}
RESULT_NAMES = {"no_issue": "未发现违法违规问题", "rectify": "发现问题，责令限期改正",
                "case": "发现涉嫌违法行为，依法立案查处", "transfer": "依法移送有关机关处理"}
LICENCE_RULE = "行政许可法第三十二条、第三十八条"


async def _common(ctx: Ctx, owner: Any, officers: list[dict[str, str]]) -> dict[str, Any]:
    prefix, agency = await agency_prefix(ctx, owner.agency_id)
    return {"agency": {**agency, "prefix": prefix}, "deciding_agency": agency,
            "issued_on": dctx.cn_date(today_legal()),
            "remedies": {"text": dctx.remedies_text(dctx.remedy_lines(ctx.settings))},
            "officers": officers, "officers_text": "；".join(
                f"{o['name']}（执法证号 {o['certificates']}）" for o in officers),
            "number": "", "served": {}, "service": {}}


def discipline_text(i: Inspection) -> str:
    """The notice's discipline paragraph: 五个严禁、八个不得 as recorded at `/notify` (else the
    current version), the recusal rights and the legality line (国办发〔2024〕54号)."""
    notice = i.notice or {}
    lines = notice.get("discipline") or isvc.DISCIPLINE["lines"]
    return (f"检查纪律：{'；'.join(lines)}。{notice.get('recusal_rights') or isvc.RECUSAL_TEXT}"
            f"{notice.get('legal_text') or isvc.LEGAL_TEXT}。")


def _result(i: Inspection) -> str:
    if not i.result:
        return ""
    text = RESULT_NAMES.get(i.result, i.result)
    if i.findings:
        text += f"。检查发现：{i.findings}"
    if i.result == "rectify" and i.rectification_due_on:
        text += f"。请于{dctx.cn_date(i.rectification_due_on)}前改正"
    return text + "。"


async def build_inspection(ctx: Ctx, i: Inspection) -> dict[str, Any]:
    target = i.target or {}
    officers = [{"id": o.get("officer_id", ""), "name": o.get("name", ""),
                 "certificates": "、".join(o.get("certificate_numbers") or [])}
                for o in i.officers or []]
    when = i.started_at or None
    return {**await _common(ctx, i, officers),
            "party": {"name": target.get("name", ""), "address": target.get("address", "")},
            "inspection": {
                "target": target.get("name", ""), "address": target.get("address", ""),
                "item": "、".join(x["name"] for x in i.items),
                "basis": "；".join(x["legal_basis"] for x in i.items if x.get("legal_basis")),
                "method": METHOD_NAMES.get(i.method, i.method),
                "time": dctx.cn_time(when) if when else dctx.cn_date(i.planned_on),
                "discipline": discipline_text(i), "result": _result(i),
                "frequency": (i.notice or {}).get("frequency", "")}}


INSPECTION_KEYS = {"party", "inspection", "served", "service"}


def _licence_check(spec: Spec, app: LicenceApplication) -> None:
    """Each licence document only for the act it records: 受理 after acceptance, 补正 after
    the correction notice, 不予受理 after refusal, 准予/不予许可 after that decision."""
    ok = {"license_acceptance": app.accepted_on is not None,
          "license_correction_notice": app.correction is not None,
          "license_rejection_notice": app.not_accepted is not None,
          "license_grant": app.granted is True, "license_denial": app.granted is False}
    if not ok.get(spec.code, True):
        raise DocumentNotIssuable(
            f"申请当前状态为 {app.status}，尚未作出{spec.name}所记载的行为", code=spec.code,
            rule=LICENCE_RULE, state=app.status)


async def build_application(ctx: Ctx, app: LicenceApplication) -> dict[str, Any]:
    matter = await lsvc.matter_of(ctx.session, app)
    decision, refused = app.decision or {}, app.not_accepted or {}
    reason = refused.get("reason") or ""
    if refused.get("refer_to"):
        reason += f"，请向{refused['refer_to']}申请"
    if app.granted is False:
        reason = decision.get("reasons") or reason
    terms = "；".join(x for x in (decision.get("content"), decision.get("conditions")) if x)
    return {**await _common(ctx, app, []),
            "party": {"name": app.applicant_name, "address": ""},
            "application": {
                "applicant": app.applicant_name, "item": matter.name,
                "applied_on": dctx.cn_date(app.received_on),
                "accepted_on": dctx.cn_date(app.accepted_on),
                "decided_on": dctx.cn_date(app.decided_on), "reason": reason,
                "terms": f"许可内容：{terms}。" if terms else "",
                "correction_items": "、".join((app.correction or {}).get("items") or [])}}


APPLICATION_KEYS = {"party", "application", "served", "service"}
dctx.register("inspection", INSPECTION_KEYS, build_inspection, owner="inspection_id",
              chain=isvc.RECORD_CHAIN)
dctx.register("license_application", APPLICATION_KEYS, build_application,
              owner="application_id", chain=LICENCE_CHAIN, check=_licence_check)


async def record_service(ctx: Ctx, owner: Any, doc: IssuedDocument,
                         body: ServiceCreate) -> DocumentService:
    """送达 of an inspection's or application's document (民事诉讼法第八十七条–第九十五条, the
    same checks as a case's): the service row, `document.served` in the subject's chain and
    the 送达回证."""
    subject = dctx.SUBJECTS[dctx.subject_kind(owner)]
    if doc.replaced_by_id is not None:
        raise DocumentAlreadyIssued("该文书已被更正版本取代，请送达现行版本",
                                    replaced_by_id=str(doc.replaced_by_id))
    base = await subject.build(ctx, owner)
    delivery.validate(body, base["party"]["name"])
    served_on = delivery.effective_on(body, ctx.settings)
    row = DocumentService(document_id=doc.id, **{subject.owner: owner.id}, method=body.method,
                          delivered_on=body.delivered_on, served_on=served_on,
                          recipient=body.recipient, relation=body.relation, place=body.place,
                          details=delivery.details_of(body), server_ids=body.server_ids,
                          created_by=ctx.principal.username or ctx.principal.subject)
    ctx.session.add(row)
    await ctx.session.flush()
    await append_entry(ctx, owner, "document.served", body.server_ids, {
        "document_id": str(doc.id), "number": doc.number, "method": body.method,
        "delivered_on": body.delivered_on, "served_on": served_on, "service_id": str(row.id)},
        **svc.chain_of(subject))
    servers = await dctx.officers_of(ctx, body.server_ids, getattr(owner, "domain", ""))
    receipt = await svc.issue(ctx, owner, DocumentIssue(code="service_receipt"), extra={
        "served": {"name": doc.name, "number": doc.number or "（无文号）"},
        "service": delivery.service_lines(body, served_on, servers)})
    row.receipt_document_id = receipt.id
    await ctx.session.flush()
    return row

