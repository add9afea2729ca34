"""The layout of each shipped template, as blocks for `build.build_one` (title, centred and
right-aligned lines, indented paragraphs, label/value tables, paragraph loops `{%p for %}` and
table-row loops `{%tr for %}`). Variables are the render context of `context.py`; every value
is escaped on render (`autoescape=True`)."""

# ruff: noqa: E501  (document text: long Chinese lines read better unbroken)
from __future__ import annotations

HEAD = [("center", "{{ agency.name }}")]
NUM = [("center", "{{ number }}")]
PARTY = [("flat", "当事人：{{ party.name }}"),
         ("flat", "{{ party.id_label }}：{{ party.id }}"),
         ("flat", "住所（地址）：{{ party.address }}")]
SEAL = [("right", "{{ agency.name }}（印章）"), ("right", "{{ issued_on }}")]
DSEAL = [("right", "{{ deciding_agency.name }}（印章）"), ("right", "{{ decided_on }}")]
EVID = [("loop", "e in evidence", "{{ e.index }}. {{ e.kind_name }}：{{ e.description }}")]
OFFICERS = [("loop", "o in officers", "执法人员：{{ o.name }}  执法证号：{{ o.certificates }}")]
ITEMS = [("rows", ["序号", "名称", "规格/型号", "数量（单位）", "备注/状况"], "it in items",
          ["{{ loop.index }}", "{{ it.name }}", "{{ it.spec }}", "{{ it.quantity }}",
           "{{ it.note }}"])]
SIGN = [("flat", "当事人（签名）：                    日期："),
        ("flat", "执法人员（签名）：                  日期：")]
REMEDY = [("p", "{{ remedies.text }}")]


def form(title: str, rows: list[tuple[str, str]], tail: list[tuple] | None = None) -> list:
    return [*HEAD, ("title", title), ("kv", rows), *(tail or [])]


LAYOUTS: dict[str, list[tuple]] = {
    "lead_register": form("案件来源登记表", [
        ("案件来源", "{{ case.source_name }}"), ("当事人", "{{ party.name }}"),
        ("联系地址", "{{ party.address }}"), ("违法行为发生日期", "{{ case.act_date }}"),
        ("发现日期", "{{ case.discovered_on }}"), ("案情摘要", "{{ facts }}"),
        ("登记人", "{{ case.created_by }}")]),
    "filing_approval": form("立案审批表", [
        ("案号", "{{ case.number }}"), ("案由", "{{ matter.name }}"),
        ("当事人", "{{ party.name }}"), ("{{ party.id_label }}", "{{ party.id }}"),
        ("住所（地址）", "{{ party.address }}"), ("案件来源", "{{ case.source_name }}"),
        ("案情摘要", "{{ facts }}"), ("承办人员及执法证号", "{{ officers_text }}"),
        ("立案日期", "{{ case.filed_on }}"), ("负责人审批意见", "同意立案。{{ case.approver }}")]),
    "declined_approval": form("不予立案审批表", [
        ("当事人", "{{ party.name }}"), ("案件来源", "{{ case.source_name }}"),
        ("案情摘要", "{{ facts }}"), ("不予立案理由", "{{ case.declined_reason }}"),
        ("负责人审批意见", "")]),
    "inspection_record": [*HEAD, ("title", "现场检查（勘验）笔录"),
        ("flat", "检查时间：{{ inspection.started_at }} 至 {{ inspection.ended_at }}"),
        ("flat", "检查地点：{{ inspection.place }}"), ("flat", "当事人：{{ party.name }}"),
        *OFFICERS, ("flat", "执法人员已出示执法证件，告知当事人有申请回避的权利。"),
        ("flat", "检查情况："), ("p", "{{ inspection.content }}"), *SIGN],
    "inquiry_record": [*HEAD, ("title", "询问笔录"),
        ("flat", "询问时间：{{ inquiry.started_at }} 至 {{ inquiry.ended_at }}"),
        ("flat", "询问地点：{{ inquiry.place }}"),
        ("flat", "被询问人：{{ inquiry.interviewee }}"), *OFFICERS,
        ("flat", "我们是{{ agency.name }}的执法人员，已向你出示执法证件。你有申请回避、陈述和申辩的"
                 "权利，应当如实回答询问。"),
        ("p", "{{ inquiry.content }}"),
        ("flat", "被询问人（签名）：以上笔录我看过，与我说的一致。"), *SIGN],
    "rectification_notice": [*HEAD, ("title", "责令（限期）改正通知书"), *NUM, *PARTY,
        ("p", "经查，你（单位）{{ facts }}，违反了{{ legal_basis }}的规定。"),
        ("p", "根据《中华人民共和国行政处罚法》第二十八条第一款的规定，现责令你（单位）于"
              "{{ rectify_deadline }}前改正上述违法行为，改正内容如下：{{ rectify_content }}。"),
        ("p", "{{ consequence }}"), *SEAL],
    "evidence_preservation": [*HEAD, ("title", "先行登记保存证据通知书"), *NUM, *PARTY,
        ("p", "因调查你（单位）涉嫌{{ matter.name }}一案，证据可能灭失或者以后难以取得，经本机关"
              "负责人批准，依据《中华人民共和国行政处罚法》第五十六条的规定，对下列物品先行登记保存，"
              "保存地点：{{ keep_place }}。本机关将在七日内作出处理决定。在此期间，当事人或者有关人员"
              "不得销毁或者转移证据。"), *ITEMS, *SIGN, *SEAL],
    "seizure_decision": [*HEAD, ("title", "{{ measure }}决定书"), *NUM, *PARTY,
        ("p", "{{ reason }}"),
        ("p", "依据{{ legal_basis }}及《中华人民共和国行政强制法》第二十四条的规定，本机关决定对"
              "{{ place }}的下列场所、设施或者财物予以{{ measure }}（详见{{ measure }}物品清单），"
              "期限为{{ period_days }}日，自本决定送达之日起计算。"), *ITEMS, *REMEDY, *SEAL],
    "seizure_list": [*HEAD, ("title", "{{ measure }}物品清单"),
        ("flat", "当事人：{{ party.name }}"), ("flat", "地点：{{ place }}"), *ITEMS,
        ("flat", "本清单一式两份，一份交当事人，一份附卷。"), *SIGN,
        ("flat", "见证人（签名）：")],
    "seizure_extension": [*HEAD, ("title", "延长{{ measure }}期限通知书"), *NUM, *PARTY,
        ("p", "本机关于{{ original_number }}决定对你（单位）的有关场所、设施或者财物实施"
              "{{ measure }}。因{{ reason }}，依据《中华人民共和国行政强制法》第二十五条第一款的规定，"
              "经本机关负责人批准，决定延长{{ measure }}期限{{ extension_days }}日。"), *SEAL],
    "seizure_release": [*HEAD, ("title", "解除{{ measure }}决定书"), *NUM, *PARTY,
        ("p", "本机关以{{ original_number }}决定对你（单位）的下列财物实施{{ measure }}。因"
              "{{ reason }}，依据《中华人民共和国行政强制法》第二十八条的规定，决定予以解除。"),
        *ITEMS, *SEAL],
    "investigation_report": [*HEAD, ("title", "案件调查终结报告"),
        ("flat", "案号：{{ case.number }}    案由：{{ matter.name }}"), *PARTY,
        ("head", "一、违法事实"), ("p", "{{ facts }}"), ("head", "二、证据"), *EVID,
        ("head", "三、裁量与说理"),
        ("p", "适用裁量基准：{{ discretion.tier }}。{{ discretion.reasoning }}"),
        ("head", "四、处理意见"), ("p", "{{ conclusion.outcome_name }}：{{ penalty.text }}"),
        ("p", "违法依据：{{ legal_basis }}；处罚依据：{{ penalty_basis }}。"), *OFFICERS,
        ("right", "{{ issued_on }}")],
    "legal_review_opinion": form("法制审核意见书", [
        ("案号", "{{ case.number }}"), ("当事人", "{{ party.name }}"),
        ("拟处理意见", "{{ penalty.text }}"), ("审核结论", "{{ review.status_name }}"),
        ("审核意见", "{{ review.opinion }}"), ("日期", "{{ issued_on }}")]),
    "collective_discussion": form("案件集体讨论笔录", [
        ("案号", "{{ case.number }}"), ("当事人", "{{ party.name }}"),
        ("讨论时间", "{{ discussion.held_on }}"), ("参加人员", "{{ discussion.participants }}"),
        ("讨论记录", "{{ discussion.record }}"), ("讨论决定", "{{ discussion.conclusion }}")]),
    "prior_notice": [*HEAD, ("title", "行政处罚事先告知书"), *NUM, *PARTY,
        ("p", "经查，你（单位）{{ facts }}。以上事实有下列证据证实："), *EVID,
        ("p", "你（单位）的上述行为违反了{{ legal_basis }}的规定。依据{{ penalty_basis }}，本机关拟"
              "对你（单位）作出如下行政处罚：{{ penalty.text }}。"),
        ("p", "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、"
              "申辩的权利。如有陈述、申辩意见，请于收到本告知书之日起{{ statement_days }}个工作日内"
              "向本机关提出，逾期视为放弃陈述和申辩的权利。"), *SEAL],
    "prior_notice_hearing": [*HEAD, ("title", "行政处罚事先告知书（听证）"), *NUM, *PARTY,
        ("p", "经查，你（单位）{{ facts }}。以上事实有下列证据证实："), *EVID,
        ("p", "你（单位）的上述行为违反了{{ legal_basis }}的规定。依据{{ penalty_basis }}，本机关拟"
              "对你（单位）作出如下行政处罚：{{ penalty.text }}。"),
        ("p", "根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，"
              "你（单位）享有陈述、申辩和要求听证的权利。如有陈述、申辩意见，请于收到本告知书之日起"
              "{{ statement_days }}个工作日内提出；如要求听证，应当在收到本告知书之日起"
              "{{ hearing_days }}日内提出。逾期视为放弃上述权利。"), *SEAL],
    "hearing_notice": [*HEAD, ("title", "听证通知书"), *NUM, *PARTY,
        ("p", "根据你（单位）的申请，本机关定于{{ hearing.held_at }}在{{ hearing.place }}就"
              "{{ matter.name }}一案举行听证，听证主持人：{{ hearing.host }}。请准时参加。你（单位）"
              "可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，有权申请"
              "回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。"), *SEAL],
    "hearing_record": form("听证笔录", [
        ("案由", "{{ matter.name }}"), ("当事人", "{{ party.name }}"),
        ("听证日期", "{{ hearing.held_on }}"), ("听证地点", "{{ hearing.place }}"),
        ("听证主持人", "{{ hearing.host }}"), ("听证记录", "{{ hearing.record }}")], SIGN),
    "penalty_decision": [*HEAD, ("title", "行政处罚决定书"), *NUM, *PARTY,
        ("p", "{{ course }}"),
        ("p", "经查，{{ facts }}。以上事实有下列证据证实："), *EVID,
        ("p", "本机关认为：{{ discretion.reasoning }}（适用裁量基准：{{ discretion.tier }}）。"
              "你（单位）的上述行为违反了{{ legal_basis }}的规定。依据{{ penalty_basis }}，本机关"
              "决定如下：{{ penalty.text }}。"),
        ("p", "{{ payment.text }}"), *REMEDY, *DSEAL],
    "no_penalty_decision": [*HEAD, ("title", "不予行政处罚决定书"), *NUM, *PARTY,
        ("p", "经查，{{ facts }}。"),
        ("p", "本机关认为：{{ discretion.reasoning }}。依据{{ legal_basis }}及《中华人民共和国行政"
              "处罚法》第三十三条的规定，本机关决定不予行政处罚，并对你（单位）进行了教育。"),
        *REMEDY, *DSEAL],
    "summary_decision": [*HEAD, ("title", "当场行政处罚决定书"), *NUM, *PARTY,
        ("p", "{{ spot.time }}，你（单位）在{{ spot.place }}{{ facts }}。依据{{ penalty_basis }}，"
              "当场作出如下行政处罚：{{ penalty.text }}。"),
        ("flat", "罚款数额：{{ fine.capital }}（¥{{ fine.yuan }}）"),
        ("p", "{{ payment.text }}"), *REMEDY, *OFFICERS,
        ("flat", "当事人签收：{{ spot.signature }}"), *DSEAL],
    "service_receipt": form("送达回证", [
        ("送达文书名称及文号", "{{ served.name }}  {{ served.number }}"),
        ("受送达人", "{{ party.name }}"), ("送达地点", "{{ service.place }}"),
        ("送达方式", "{{ service.method_name }}"),
        ("收件人签名（盖章）及日期", "{{ service.recipient }}  {{ service.served_on }}"),
        ("代收人及与受送达人关系", "{{ service.relation }}"),
        ("拒收事由及日期", "{{ service.refusal_reason }}"), ("见证人", "{{ service.witness }}"),
        ("送达人", "{{ service.servers }}"), ("备注", "{{ service.remarks }}")]),
    "payment_deferral": form("延期（分期）缴纳罚款审批表", [
        ("案号", "{{ case.number }}"), ("当事人", "{{ party.name }}"),
        ("决定书文号", "{{ case.decision_number }}"),
        ("罚款数额", "{{ fine.capital }}（¥{{ fine.yuan }}）"),
        ("申请事项", "{{ arrangement.kind_name }}至{{ arrangement.until }}"),
        ("申请理由", "{{ arrangement.reason }}"), ("审批意见", "")]),
    "demand_notice": [*HEAD, ("title", "催告书"), *NUM, *PARTY,
        ("p", "本机关于{{ decided_on }}作出{{ case.decision_number }}行政处罚决定书，你（单位）至今"
              "未履行。依据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）"
              "于{{ perform_deadline }}前{{ payment.how }}，应缴金额（含加处罚款）{{ owed.capital }}"
              "（¥{{ owed.yuan }}）。"),
        ("p", "{{ statement_rights }}"), *SEAL],
    "criminal_transfer": [*HEAD, ("title", "涉嫌犯罪案件移送书"), *NUM,
        ("flat", "{{ receiver }}："),
        ("p", "本机关在查处{{ party.name }}{{ matter.name }}一案中，发现{{ facts }}，涉嫌犯罪。"
              "{{ transfer_reason }}依据《中华人民共和国行政处罚法》第二十七条和《行政执法机关移送"
              "涉嫌犯罪案件的规定》的规定，现将该案移送你单位。随附证据材料："), *EVID, *SEAL],
    "closing_approval": form("结案审批表", [
        ("案号", "{{ case.number }}"), ("当事人", "{{ party.name }}"),
        ("决定书文号", "{{ case.decision_number }}"), ("处罚内容", "{{ penalty.text }}"),
        ("执行情况", "{{ closing.result }}"), ("结案日期", "{{ closing.closed_on }}"),
        ("负责人审批意见", "")]),
    "dossier_cover": [*HEAD, ("title", "行政处罚案卷"), ("kv", [
        ("案号", "{{ case.number }}"), ("案由", "{{ matter.name }}"),
        ("当事人", "{{ party.name }}"), ("处理结果", "{{ penalty.text }}"),
        ("立案日期", "{{ case.filed_on }}"), ("结案日期", "{{ case.closed_on }}"),
        ("承办人", "{{ officers_text }}")])],
    "dossier_index": [*HEAD, ("title", "卷内目录"), ("flat", "案号：{{ case.number }}"),
        ("rows", ["序号", "文书名称", "文号", "日期", "页号"], "d in documents",
         ["{{ d.index }}", "{{ d.name }}", "{{ d.number }}", "{{ d.issued_on }}",
          "{{ d.pages }}"])],
    "dossier_notes": [*HEAD, ("title", "备考表"), ("flat", "案号：{{ case.number }}"),
        ("p", "本卷共{{ document_count }}件。{{ notes }}"),
        ("flat", "立卷人：{{ case.created_by }}"), ("right", "{{ issued_on }}")],
    "inspection_approval": form("行政检查审批表", [
        ("检查对象", "{{ inspection.target }}"), ("检查事项", "{{ inspection.item }}"),
        ("检查依据", "{{ inspection.basis }}"), ("检查方式", "{{ inspection.method }}"),
        ("检查人员", "{{ officers_text }}"), ("审批意见", "")]),
    "inspection_notice": [*HEAD, ("title", "行政检查通知书"), *NUM,
        ("flat", "{{ inspection.target }}："),
        ("p", "依据{{ inspection.basis }}，本机关定于{{ inspection.time }}对你（单位）{{ inspection.item }}"
              "进行行政检查。检查人员将出示行政执法证件。"),
        ("p", "{{ inspection.discipline }}"), *SEAL],
    "inspection_result": [*HEAD, ("title", "行政检查结果告知书"), *NUM,
        ("flat", "{{ inspection.target }}："),
        ("p", "本机关于{{ inspection.time }}依据{{ inspection.basis }}对你（单位）进行了行政检查，"
              "检查结果如下：{{ inspection.result }}"), *SEAL],
    "license_acceptance": [*HEAD, ("title", "行政许可受理通知书"), *NUM,
        ("flat", "{{ application.applicant }}："),
        ("p", "你（单位）于{{ application.applied_on }}提出的{{ application.item }}申请，申请材料齐全、"
              "符合法定形式，依据《中华人民共和国行政许可法》第三十二条的规定，本机关决定予以受理。"),
        *SEAL],
    "license_correction_notice": [*HEAD, ("title", "行政许可补正材料通知书"), *NUM,
        ("flat", "{{ application.applicant }}："),
        ("p", "你（单位）于{{ application.applied_on }}提出的{{ application.item }}申请，申请材料不齐全"
              "或者不符合法定形式。依据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，现一次"
              "告知你（单位）需要补正的全部内容：{{ application.correction_items }}。请于补正后提交，"
              "本机关收到全部补正材料之日即为受理之日。"), *SEAL],
    "license_rejection_notice": [*HEAD, ("title", "行政许可不予受理通知书"), *NUM,
        ("flat", "{{ application.applicant }}："),
        ("p", "你（单位）于{{ application.applied_on }}提出的{{ application.item }}申请，因"
              "{{ application.reason }}，依据《中华人民共和国行政许可法》第三十二条的规定，本机关决定"
              "不予受理。"), *REMEDY, *SEAL],
    "license_grant": [*HEAD, ("title", "准予行政许可决定书"), *NUM,
        ("flat", "{{ application.applicant }}："),
        ("p", "你（单位）申请的{{ application.item }}，经审查符合法定条件、标准，依据《中华人民共和国"
              "行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。{{ application.terms }}"),
        *SEAL],
    "license_denial": [*HEAD, ("title", "不予行政许可决定书"), *NUM,
        ("flat", "{{ application.applicant }}："),
        ("p", "你（单位）申请的{{ application.item }}，经审查，因{{ application.reason }}，依据"
              "《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。"),
        *REMEDY, *SEAL],
}
