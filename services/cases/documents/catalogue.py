"""The shipped 执法文书 catalogue (the township core set and the licensing/inspection
documents): for
each template its code, version, the statute articles it serves, its stage in the case file
(案卷, statutory order 立案→调查→强制→审查→告知→听证→决定→送达→执行→移送→结案→归档), how
it is numbered, the variables the request may supply (`extras`) and its **required fields** —
the law's list of what the document must contain (e.g. 行政处罚法第五十九条 for the 决定书,
行政强制法第二十四条 for the 查封（扣押）决定书). The .docx layouts are built by
`services.cases.documents.build` into `templates/<code>.docx`."""

from __future__ import annotations

from dataclasses import dataclass, field

L1, L2, L5 = "行政处罚法", "行政强制法", "民事诉讼法"
A59 = f"{L1}第五十九条"
A52 = f"{L1}第五十二条"
A44 = f"{L1}第四十四条"
A24 = f"{L2}第二十四条"
SVC = f"{L1}第六十一条、{L5}第八十七条"

STAGES = ("线索", "立案", "调查", "强制", "审查", "审核", "告知", "听证", "决定", "送达", "执行",
          "移送", "结案", "归档")


@dataclass(frozen=True)
class Required:
    path: str       # dotted path into the render context
    label: str      # the element's name in the law's list
    article: str


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    stage: str
    articles: tuple[str, ...]
    required: tuple[Required, ...]
    # sequence: own per-agency/type/year counter; decision: the case's 决定书号 (a correction
    # draws a new one); summary: the 当场处罚决定书号 (likewise); none: internal form
    numbering: str = "none"
    abbr: str = ""               # default number pattern: {prefix}<abbr>〔{year}〕{seq}号
    extras: tuple[str, ...] = ()  # variables the request supplies in `fields`
    subject: str = "case"
    version: str = "1"
    counter: str = ""            # number_counters.kind (default doc:<code>)
    single: bool = False         # one current version per case (corrections replace it)
    anywhere: bool = False       # issued under any subject (the 送达回证 of any document)
    options: dict[str, str] = field(default_factory=dict)

    @property
    def counter_kind(self) -> str:
        return self.counter or f"doc:{self.code}"[:24]


def R(path: str, label: str, article: str) -> Required:
    return Required(path, label, article)


PARTY = R("party.name", "当事人的姓名或者名称", A59)
ADDR = R("party.address", "当事人的地址", A59)
AGENCY = R("agency.name", "行政机关名称", A59)
REMEDY = R("remedies.text", "申请行政复议、提起行政诉讼的途径和期限", A59)
NUMBER = R("number", "文书编号", "执法文书编号规则")
ISSUED = R("issued_on", "日期", A59)
ITEMS = R("items", "场所、设施或者财物的名称、数量等", A24)
OFFICERS = R("officers", "执法人员及执法证件号", f"{L1}第四十二条")

CASE_SPECS: tuple[Spec, ...] = (
    Spec("lead_register", "案件来源登记表", "线索", (f"{L1}第五十四条",),
         (PARTY, R("case.source_name", "案件来源", f"{L1}第五十四条"),
          R("facts", "案情摘要", f"{L1}第五十四条"))),
    Spec("filing_approval", "立案审批表", "立案", (f"{L1}第五十四条",),
         (PARTY, R("case.number", "立案编号", f"{L1}第五十四条"),
          R("case.filed_on", "立案日期", f"{L1}第五十四条"),
          R("facts", "案情摘要", f"{L1}第五十四条"),
          R("officers_text", "承办人员及执法证件号", f"{L1}第四十二条")),
         single=True),
    Spec("declined_approval", "不予立案审批表", "立案", (f"{L1}第三十三条", f"{L1}第五十四条"),
         (PARTY, R("case.declined_reason", "不予立案理由", f"{L1}第三十三条")), single=True),
    Spec("inspection_record", "现场检查（勘验）笔录", "调查", (f"{L1}第五十五条",),
         (PARTY, R("inspection.place", "检查地点", f"{L1}第五十五条"),
          R("inspection.content", "检查情况", f"{L1}第五十五条"), OFFICERS)),
    Spec("inquiry_record", "询问笔录", "调查", (f"{L1}第五十五条",),
         (R("inquiry.interviewee", "被询问人", f"{L1}第五十五条"),
          R("inquiry.place", "询问地点", f"{L1}第五十五条"),
          R("inquiry.content", "询问内容", f"{L1}第五十五条"), OFFICERS)),
    Spec("rectification_notice", "责令（限期）改正通知书", "调查", (f"{L1}第二十八条",),
         (NUMBER, PARTY, R("facts", "违法事实", f"{L1}第二十八条"),
          R("legal_basis", "违反的条款", f"{L1}第二十八条"),
          R("rectify_content", "改正内容", f"{L1}第二十八条"),
          R("rectify_deadline", "改正期限", f"{L1}第二十八条"), AGENCY, ISSUED),
         numbering="sequence", abbr="责改", extras=("rectify_content", "rectify_deadline",
                                                    "consequence")),
    Spec("evidence_preservation", "先行登记保存证据通知书", "调查", (f"{L1}第五十六条",),
         (NUMBER, PARTY, R("items", "先行登记保存的物品", f"{L1}第五十六条"), AGENCY, ISSUED),
         numbering="sequence", abbr="登存", extras=("items", "keep_place")),
    Spec("seizure_decision", "查封（扣押）决定书", "强制",
         (A24, f"{L2}第十八条", f"{L2}第二十五条"),
         (NUMBER, R("party.name", "当事人的姓名或者名称", A24),
          R("party.address", "当事人的地址", A24), R("reason", "查封、扣押的理由", A24),
          R("legal_basis", "查封、扣押的依据", A24), R("period_days", "查封、扣押的期限", A24),
          ITEMS, R("remedies.text", "申请行政复议或者提起行政诉讼的途径和期限", A24),
          R("agency.name", "行政机关的名称", A24), R("issued_on", "日期", A24)),
         numbering="sequence", abbr="强决", extras=("measure", "reason", "period_days", "items",
                                                     "place")),
    Spec("seizure_list", "查封（扣押）物品清单", "强制", (A24,),
         (PARTY, ITEMS, R("measure", "措施种类", A24)), extras=("measure", "items", "place")),
    Spec("seizure_extension", "延长查封（扣押）期限通知书", "强制", (f"{L2}第二十五条",),
         (NUMBER, PARTY, R("original_number", "原查封（扣押）决定书文号", f"{L2}第二十五条"),
          R("extension_days", "延长期限", f"{L2}第二十五条"),
          R("reason", "延长理由", f"{L2}第二十五条"), AGENCY, ISSUED),
         numbering="sequence", abbr="强延", extras=("measure", "original_number",
                                                     "extension_days", "reason")),
    Spec("seizure_release", "解除查封（扣押）决定书", "强制", (f"{L2}第二十八条",),
         (NUMBER, PARTY, R("original_number", "原查封（扣押）决定书文号", f"{L2}第二十八条"),
          R("reason", "解除理由", f"{L2}第二十八条"), ITEMS, AGENCY, ISSUED),
         numbering="sequence", abbr="强解", extras=("measure", "original_number", "reason",
                                                     "items")),
    Spec("investigation_report", "案件调查终结报告", "审查", (f"{L1}第五十七条",),
         (PARTY, R("facts", "违法事实", f"{L1}第五十七条"),
          R("evidence", "证据", f"{L1}第五十七条"),
          R("conclusion.outcome_name", "处理意见", f"{L1}第五十七条"), OFFICERS)),
    Spec("legal_review_opinion", "法制审核意见书", "审核", (f"{L1}第五十八条",),
         (PARTY, R("review.status_name", "审核结论", f"{L1}第五十八条"),
          R("review.opinion", "审核意见", f"{L1}第五十八条"))),
    Spec("collective_discussion", "案件集体讨论笔录", "审核", (f"{L1}第五十七条第二款",),
         (PARTY, R("discussion.held_on", "讨论时间", f"{L1}第五十七条第二款"),
          R("discussion.participants", "参加人员", f"{L1}第五十七条第二款"),
          R("discussion.record", "讨论记录", f"{L1}第五十七条第二款")),
         extras=("discussion",)),
    Spec("prior_notice", "行政处罚事先告知书", "告知", (A44, f"{L1}第四十五条"),
         (NUMBER, PARTY, R("facts", "拟作出行政处罚的事实", A44),
          R("legal_basis", "拟作出行政处罚的理由、依据", A44),
          R("penalty.text", "拟作出的行政处罚内容", A44),
          R("statement_days", "陈述、申辩的期限", A44), AGENCY, ISSUED),
         numbering="sequence", abbr="罚告", counter="doc:prior_notice"),
    Spec("prior_notice_hearing", "行政处罚事先告知书（听证）", "告知",
         (A44, f"{L1}第四十五条", f"{L1}第六十三条", f"{L1}第六十四条"),
         (NUMBER, PARTY, R("facts", "拟作出行政处罚的事实", A44),
          R("legal_basis", "拟作出行政处罚的理由、依据", A44),
          R("penalty.text", "拟作出的行政处罚内容", A44),
          R("statement_days", "陈述、申辩的期限", A44),
          R("hearing_days", "要求听证的期限", f"{L1}第六十四条第一项"), AGENCY, ISSUED),
         numbering="sequence", abbr="罚告", counter="doc:prior_notice"),
    Spec("hearing_notice", "听证通知书", "听证", (f"{L1}第六十四条",),
         (NUMBER, PARTY, R("hearing.held_at", "举行听证的时间", f"{L1}第六十四条第二项"),
          R("hearing.place", "举行听证的地点", f"{L1}第六十四条第二项"),
          R("hearing.host", "听证主持人", f"{L1}第六十四条第四项"), AGENCY, ISSUED),
         numbering="sequence", abbr="听通", extras=("hearing",)),
    Spec("hearing_record", "听证笔录", "听证", (f"{L1}第六十四条第八项",),
         (PARTY, R("hearing.held_on", "听证日期", f"{L1}第六十四条"),
          R("hearing.record", "听证记录", f"{L1}第六十四条第八项"),
          R("hearing.host", "听证主持人", f"{L1}第六十四条第四项")), extras=("hearing",)),
    Spec("penalty_decision", "行政处罚决定书", "决定", (A59, f"{L1}第六十七条", f"{L1}第七十二条"),
         (NUMBER, PARTY, ADDR, R("facts", "违反法律、法规、规章的事实", A59),
          R("evidence", "证据", A59), R("penalty.text", "行政处罚的种类", A59),
          R("penalty_basis", "行政处罚的依据", A59), R("payment.text", "履行方式和期限", A59),
          REMEDY, R("deciding_agency.name", "作出决定的行政机关名称", A59),
          R("decided_on", "作出决定的日期", A59)),
         numbering="decision", single=True),
    Spec("no_penalty_decision", "不予行政处罚决定书", "决定",
         (f"{L1}第三十三条", f"{L1}第五十七条"),
         (NUMBER, PARTY, ADDR, R("facts", "违法事实", A59),
          R("discretion.reasoning", "不予行政处罚的理由", f"{L1}第五十七条"),
          R("legal_basis", "依据", f"{L1}第三十三条"), REMEDY,
          R("deciding_agency.name", "作出决定的行政机关名称", A59),
          R("decided_on", "作出决定的日期", A59)),
         numbering="decision", single=True),
    Spec("summary_decision", "当场行政处罚决定书", "决定", (A52, f"{L1}第五十一条"),
         (NUMBER, R("party.name", "当事人", A52), R("facts", "当事人的违法行为", A52),
          R("penalty.text", "行政处罚的种类", A52), R("penalty_basis", "行政处罚的依据", A52),
          R("fine.yuan", "罚款数额", A52), R("spot.time", "时间", A52),
          R("spot.place", "地点", A52),
          R("remedies.text", "申请行政复议、提起行政诉讼的途径和期限", A52),
          R("deciding_agency.name", "行政机关名称", A52),
          R("officers", "执法人员签名或者盖章（执法证件号）", A52)),
         numbering="summary", counter="summary", single=True),
    Spec("service_receipt", "送达回证", "送达", (SVC, f"{L5}第八十八条至第九十五条"),
         (R("served.name", "送达文书名称", SVC), R("served.number", "送达文书文号", SVC),
          R("party.name", "受送达人", SVC), R("service.place", "送达地点", SVC),
          R("service.method_name", "送达方式", SVC),
          R("service.served_on", "送达日期", SVC), R("service.servers", "送达人", SVC)),
         extras=("served", "service"), anywhere=True),
    Spec("payment_deferral", "延期（分期）缴纳罚款审批表", "执行", (f"{L1}第六十六条",),
         (PARTY, R("fine.yuan", "罚款数额", f"{L1}第六十六条"),
          R("arrangement.kind_name", "延期或者分期", f"{L1}第六十六条"),
          R("arrangement.until", "缴纳期限", f"{L1}第六十六条"),
          R("arrangement.reason", "申请理由", f"{L1}第六十六条")), extras=("arrangement",)),
    Spec("demand_notice", "催告书", "执行", (f"{L2}第三十五条", f"{L2}第五十四条"),
         (NUMBER, PARTY, R("perform_deadline", "履行义务的期限", f"{L2}第三十五条第一项"),
          R("payment.how", "履行义务的方式", f"{L2}第三十五条第二项"),
          R("owed.yuan", "涉及金钱给付的金额和给付方式", f"{L2}第三十五条第三项"),
          R("statement_rights", "当事人依法享有的陈述权和申辩权", f"{L2}第三十五条第四项"),
          AGENCY, ISSUED),
         numbering="sequence", abbr="催告", extras=("perform_deadline",)),
    Spec("criminal_transfer", "涉嫌犯罪案件移送书", "移送", (f"{L1}第二十七条", "国务院令第310号"),
         (NUMBER, PARTY, R("receiver", "接受移送的机关", "国务院令第310号第八条"),
          R("facts", "涉嫌犯罪的事实", "国务院令第310号第八条"),
          R("evidence", "证据材料", "国务院令第310号第八条"), AGENCY, ISSUED),
         numbering="sequence", abbr="移送", extras=("receiver", "transfer_reason")),
    Spec("closing_approval", "结案审批表", "结案", (f"{L1}第五十七条",),
         (PARTY, R("case.number", "案号", "案卷归档规定"),
          R("closing.result", "执行情况", "案卷归档规定")), extras=("closing",), single=True),
    Spec("dossier_cover", "案卷封面", "归档", ("行政处罚案卷评查标准",),
         (PARTY, R("case.number", "案号", "案卷归档规定")), single=True),
    Spec("dossier_index", "卷内目录", "归档", ("行政处罚案卷评查标准",),
         (R("documents", "卷内文件", "案卷归档规定"),), extras=("documents",)),
    Spec("dossier_notes", "备考表", "归档", ("行政处罚案卷评查标准",),
         (R("case.number", "案号", "案卷归档规定"),), extras=("notes",)),
)

INSPECTION = "国办发〔2024〕54号"
LICENSE = "行政许可法"
OTHER_SPECS: tuple[Spec, ...] = (
    Spec("inspection_approval", "行政检查审批表", "调查", (INSPECTION,),
         (R("inspection.target", "检查对象", INSPECTION),
          R("inspection.basis", "检查依据", INSPECTION)), subject="inspection",
         extras=("inspection",)),
    Spec("inspection_notice", "行政检查通知书", "调查", (INSPECTION,),
         (NUMBER, R("inspection.target", "检查对象", INSPECTION),
          R("inspection.basis", "检查依据", INSPECTION),
          R("inspection.discipline", "检查纪律要求（五个严禁、八个不得）", INSPECTION),
          AGENCY, ISSUED),
         numbering="sequence", abbr="检通", subject="inspection", extras=("inspection",)),
    Spec("inspection_result", "行政检查结果告知书", "调查", (INSPECTION,),
         (NUMBER, R("inspection.target", "检查对象", INSPECTION),
          R("inspection.result", "检查结果", INSPECTION), AGENCY, ISSUED),
         numbering="sequence", abbr="检果", subject="inspection", extras=("inspection",)),
    Spec("license_acceptance", "行政许可受理通知书", "受理", (f"{LICENSE}第三十二条",),
         (NUMBER, R("application.applicant", "申请人", f"{LICENSE}第三十二条"),
          R("application.item", "申请事项", f"{LICENSE}第三十二条"), AGENCY, ISSUED),
         numbering="sequence", abbr="许受", subject="license_application",
         extras=("application",)),
    Spec("license_correction_notice", "行政许可补正材料通知书", "受理",
         (f"{LICENSE}第三十二条第一款第四项",),
         (NUMBER, R("application.applicant", "申请人", f"{LICENSE}第三十二条"),
          R("application.item", "申请事项", f"{LICENSE}第三十二条"),
          R("application.correction_items", "需要补正的全部内容",
            f"{LICENSE}第三十二条第一款第四项"), AGENCY, ISSUED),
         numbering="sequence", abbr="许补", subject="license_application",
         extras=("application",)),
    Spec("license_rejection_notice", "行政许可不予受理通知书", "受理", (f"{LICENSE}第三十二条",),
         (NUMBER, R("application.applicant", "申请人", f"{LICENSE}第三十二条"),
          R("application.reason", "不予受理的理由", f"{LICENSE}第三十二条"), REMEDY,
          AGENCY, ISSUED),
         numbering="sequence", abbr="许不受", subject="license_application",
         extras=("application",)),
    Spec("license_grant", "准予行政许可决定书", "决定", (f"{LICENSE}第三十八条",),
         (NUMBER, R("application.applicant", "申请人", f"{LICENSE}第三十八条"),
          R("application.item", "许可事项", f"{LICENSE}第三十八条"), AGENCY, ISSUED),
         numbering="sequence", abbr="许准", subject="license_application",
         extras=("application",)),
    Spec("license_denial", "不予行政许可决定书", "决定", (f"{LICENSE}第三十八条第二款",),
         (NUMBER, R("application.applicant", "申请人", f"{LICENSE}第三十八条"),
          R("application.reason", "不予许可的理由", f"{LICENSE}第三十八条第二款"), REMEDY,
          AGENCY, ISSUED),
         numbering="sequence", abbr="许不准", subject="license_application",
         extras=("application",)),
)

SPECS: dict[str, Spec] = {s.code: s for s in (*CASE_SPECS, *OTHER_SPECS)}


def stage_order(spec: Spec) -> int:
    return STAGES.index(spec.stage) if spec.stage in STAGES else len(STAGES)
