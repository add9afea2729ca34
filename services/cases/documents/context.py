"""Render contexts, pluggable per subject kind: `register(kind, keys, builder)` maps a subject
kind (``case`` here; ``inspection`` and ``license_application`` from their sub-packages, whose
records are `Case` rows of `kind` inspection/license, see `CASE_KINDS`) to an async builder
`(ctx, case) -> dict` and the variable names it provides; `service.issue` then numbers,
renders, freezes and chains the documents of that subject the same way. `known(spec)` is
what a template may reference (the builder's keys plus the spec's `extras`, supplied by the
request). The case builder reads the case record: party, facts, evidence, officers with their
certificate numbers (personnel), legal and penalty basis, discretion and 说理, amounts in 元
with 大写, deadlines (the deadline module), remedies (one setting) and the deciding agency
(the delegating department for entrusted matters)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from common.calendar import LEGAL_TZ, today_legal
from kit import errors
from services.cases import deadlines
from services.cases.context import Ctx
from services.cases.documents.catalogue import Spec
from services.cases.documents.render import capital, yuan
from services.cases.documents.repository import DocumentRepository
from services.cases.lifecycle.execution import SERVE_NAMES, amounts
from services.cases.lifecycle.service import agency_prefix
from services.cases.models import Case

Builder = Callable[[Ctx, Any], Awaitable[dict[str, Any]]]
PENALTY_NAMES = {"warning": "警告", "fine": "罚款", "confiscation": "没收违法所得、没收非法财物",
                 "license_suspension": "暂扣许可证件", "license_revocation": "吊销许可证件",
                 "business_suspension": "责令停产停业", "detention": "行政拘留", "other": "其他"}
SOURCE_NAMES = {"inspection": "监督检查", "complaint": "投诉", "report": "举报",
                "referral": "移送", "assignment": "上级交办", "other": "其他"}
EVIDENCE_NAMES = {"documentary": "书证", "physical": "物证", "audiovisual": "视听资料",
                  "electronic": "电子数据", "witness": "证人证言",
                  "party_statement": "当事人的陈述",
                  "expert_opinion": "鉴定意见", "inspection_record": "勘验笔录、现场笔录"}
OUTCOME_NAMES = {"penalty": "给予行政处罚", "no_penalty": "不予行政处罚",
                 "not_established": "违法事实不能成立", "transfer_judicial": "移送司法机关"}
REVIEW_NAMES = {"approved": "同意", "rejected": "不同意", "needs_correction": "退回补充",
                "pending": "审核中", "not_required": "无需法制审核"}
STATEMENT_RIGHTS = ("你（单位）有权进行陈述和申辩，可在收到本催告书之日起三日内向本机关提出；"
                    "逾期不陈述申辩的，视为放弃上述权利（行政强制法第三十五条、第三十六条）。")


@dataclass(frozen=True)
class Subject:
    """What documents are issued about: its builder and keys, the `issued_documents` column
    naming it (`owner`), its hash chain (None: the case timeline) and an optional `check(spec,
    owner)` refusing a document the record does not support yet (e.g. 准予许可 before the
    decision)."""

    kind: str
    keys: frozenset[str]
    build: Builder
    owner: str = "case_id"
    chain: Any = None
    check: Callable[[Spec, Any], None] | None = None


SUBJECTS: dict[str, Subject] = {}
# `Case.kind` → subject kind of its documents; inspections and licence applications are rows
# of their own tables (`TABLE_KINDS`), registered by `services.cases.documents.subjects`
CASE_KINDS = {"penalty": "case", "inspection": "inspection", "license": "license_application"}
TABLE_KINDS = {"inspections": "inspection", "licence_applications": "license_application"}


def subject_kind(owner: Any) -> str:
    table = getattr(owner, "__tablename__", "cases")
    if table in TABLE_KINDS:
        return TABLE_KINDS[table]
    return CASE_KINDS.get(getattr(owner, "kind", "penalty") or "penalty", "case")


def register(kind: str, keys: set[str] | frozenset[str], build: Builder, **how: Any) -> None:
    SUBJECTS[kind] = Subject(kind, frozenset(keys) | COMMON, build, **how)


def known(spec: Spec) -> set[str]:
    subject = SUBJECTS.get(spec.subject)
    base = subject.keys if subject else COMMON
    return set(base) | set(spec.extras)


COMMON = frozenset({"agency", "deciding_agency", "number", "issued_on", "remedies",
                    "officers", "officers_text"})


def cn_date(value: date | str | None) -> str:
    if value is None or value == "":
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.year}年{d.month}月{d.day}日"


def cn_time(value: datetime | None) -> str:
    if value is None:
        return ""
    t = value.astimezone(LEGAL_TZ)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"


def remedy_lines(settings: Any, case: Case | None = None) -> dict[str, str]:
    """The remedy lines (复议 60 days, 行政复议法第二十条; 诉讼 6 months, 行政诉讼法第四十六条)
    from one source: the decision record when the case is decided (so the 决定书 says what was
    decided), else the platform's one remedy setting (`settings.remedy`, ZHIFA_REMEDY_*)."""
    recorded = ((case.decision or {}).get("remedies") if case is not None else None)
    if recorded:
        return dict(recorded)
    return settings.remedy.decision_texts()


def remedies_text(lines: dict[str, str]) -> str:
    return (f"如不服本决定，可以{lines['reconsideration']}，或者{lines['litigation']}。申请行政"
            "复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。")


def money(fen: int) -> dict[str, Any]:
    return {"fen": fen, "yuan": yuan(fen), "capital": capital(fen)}


def penalty_text(penalties: list[dict[str, Any]]) -> str:
    parts = []
    for p in penalties:
        name = PENALTY_NAMES.get(p["kind"], p["kind"])
        if p.get("amount_fen"):
            name += f"人民币{capital(p['amount_fen'])}（¥{yuan(p['amount_fen'])}）"
        parts.append(name)
    return "；".join(parts)


async def officers_of(ctx: Ctx, officer_ids: list[str], domain: str) -> list[dict[str, str]]:
    """Names and 执法证 numbers from personnel (empty when personnel is unreachable: the
    required-field check then refuses the document rather than printing blanks)."""
    if not officer_ids:
        return []
    try:
        check = await ctx.up.personnel.check_qualifications(
            ctx.up.headers, officer_ids, domain, today_legal())
    except errors.Problem:
        return []
    return [{"id": r.officer_id, "name": r.name, "certificates": "、".join(r.certificate_numbers)}
            for r in check.results]


def _party(case: Case) -> dict[str, Any]:
    person = case.party_kind == "person"
    return {"kind": case.party_kind, "kind_name": "公民" if person else "法人或者其他组织",
            "name": case.party_name, "id_label": "身份证号码" if person else "统一社会信用代码",
            "id": (case.party_id_number if person else case.party_uscc) or "",
            "address": case.party_address or "", "phone": case.party_phone or ""}


def _record(rows: list[Any], kind: str) -> dict[str, Any]:
    mine = [r for r in rows if r.kind == kind]
    if not mine:
        return {}
    r = mine[-1]
    return {"place": r.place, "content": r.content, "interviewee": r.interviewee or "",
            "started_at": cn_time(r.started_at), "ended_at": cn_time(r.ended_at)}


def _course(case: Case, settings: Any) -> str:
    notice = case.notice or {}
    text = f"本机关于{cn_date(case.filed_on)}立案调查。" if case.filed_on else ""
    if notice.get("served_on"):
        rights = "陈述、申辩和要求听证" if notice.get("hearing_eligible") else "陈述、申辩"
        text += (f"{cn_date(notice['served_on'])}向你（单位）送达了行政处罚事先告知书，告知拟作出"
                 f"行政处罚的事实、理由、依据及依法享有的{rights}的权利。")
    if case.statements_waived:
        text += "你（单位）明确放弃陈述、申辩。"
    if (case.hearing or {}).get("held_on"):
        text += f"本机关于{cn_date(case.hearing['held_on'])}举行了听证。"
    return text


async def build_case(ctx: Ctx, case: Case) -> dict[str, Any]:
    s, snap = ctx.settings, case.matter_snapshot or {}
    lines = remedy_lines(s, case)
    repo = DocumentRepository(ctx.session)
    prefix, agency = await agency_prefix(ctx, case.agency_id)
    deciding = snap.get("deciding_agency") or agency
    conclusion, decision = case.conclusion or {}, case.decision or {}
    penalties = (decision.get("penalties") or (case.notice or {}).get("penalties")
                 or conclusion.get("penalties") or [])
    fine = sum(p.get("amount_fen", 0) for p in penalties if p["kind"] == "fine")
    due = deadlines.payment_due(case, ctx.calendar) if fine else None
    evidence = await repo.evidence(case.id)
    records = await repo.records(case.id)
    officers = await officers_of(ctx, list(case.officer_ids or []), snap.get("domain", ""))
    spot = await repo.summary_of(case.id)
    owed = amounts(case, today_legal(), ctx)[1] if fine and case.served_on else fine
    if fine:
        pay = ("你（单位）应当自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款"
               "（行政处罚法第六十七条）。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款"
               "（行政处罚法第七十二条）。")
    else:
        pay = "本决定自送达之日起执行。" if penalties else ""
    return {
        "agency": {**agency, "prefix": prefix}, "deciding_agency": deciding,
        "issued_on": cn_date(today_legal()), "remedies": {"text": remedies_text(lines), **lines},
        "officers": officers, "officers_text": "；".join(
            f"{o['name']}（执法证号 {o['certificates']}）" for o in officers),
        "case": {"number": case.number or "", "filed_on": cn_date(case.filed_on),
                 "source_name": SOURCE_NAMES.get(case.source, case.source),
                 "act_date": cn_date(case.act_date), "discovered_on": cn_date(case.discovered_on),
                 "declined_reason": case.declined_reason or "", "approver": "",
                 "created_by": case.created_by or "", "decision_number":
                 case.decision_number or "", "closed_on": cn_date(case.closed_on),
                 "status": case.status, "procedure": case.procedure},
        "party": _party(case), "facts": case.facts, "matter": {"name": snap.get("name", "")},
        "legal_basis": snap.get("legal_basis", ""), "penalty_basis": snap.get("penalty_basis", ""),
        "evidence": [{"index": i, "kind_name": EVIDENCE_NAMES.get(e.kind, e.kind),
                      "description": e.description or e.filename, "sha256": e.sha256}
                     for i, e in enumerate(evidence, 1)],
        "inspection": _record(records, "inspection"), "inquiry": _record(records, "inquiry"),
        "discretion": {"tier": conclusion.get("discretion_tier") or "",
                       "reasoning": conclusion.get("reasoning") or ""},
        "conclusion": {"outcome_name": OUTCOME_NAMES.get(conclusion.get("outcome", ""), "")},
        "penalty": {"text": penalty_text(penalties)}, "fine": money(fine), "owed": money(owed),
        "payment": {"text": pay, "how": "到指定银行或者通过电子支付系统缴纳罚款" if fine else "",
                    "due_on": cn_date(due.due_on) if due else ""},
        "decided_on": cn_date(case.decided_on), "course": _course(case, s),
        "statement_days": s.statement_window_working_days,
        "hearing_days": deadlines.HEARING_REQUEST_DAYS, "statement_rights": STATEMENT_RIGHTS,
        "review": {"status_name": REVIEW_NAMES.get(case.legal_review_status, ""),
                   "opinion": case.legal_review_opinion or ""},
        "hearing": {"held_on": cn_date((case.hearing or {}).get("held_on"))},
        "spot": {"time": cn_time(spot.decided_at), "place": spot.place,
                 "signature": "当事人拒绝签收" if spot.party_refused_to_sign else ""}
        if spot else {},
        "arrangement": {"kind_name": {"deferral": "延期缴纳", "instalments": "分期缴纳"}.get(
            (case.payment_arrangement or {}).get("kind", ""), ""),
            "until": cn_date((case.payment_arrangement or {}).get("until"))},
        "closing": {"result": f"已缴纳罚款{yuan(case.paid_fen)}元" if case.paid_fen else "",
                    "closed_on": cn_date(case.closed_on)},
        "served": {}, "service": {}, "documents": [], "document_count": 0, "notes": "",
        "discussion": {}, "number": "",
    }


CASE_KEYS = frozenset({
    "agency", "deciding_agency", "issued_on", "remedies", "officers", "officers_text", "case",
    "party", "facts", "matter", "legal_basis", "penalty_basis", "evidence", "inspection",
    "inquiry", "discretion", "conclusion", "penalty", "fine", "owed", "payment", "decided_on",
    "course", "statement_days", "hearing_days", "statement_rights", "review", "hearing", "spot",
    "arrangement", "closing", "served", "service", "documents", "document_count", "notes",
    "discussion", "number"})
register("case", CASE_KEYS, build_case)
SERVE_METHOD_NAMES = SERVE_NAMES


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge(base: dict[str, Any], extra: dict[str, Any],
          replace: set[str] | None = None) -> dict[str, Any]:
    """Request-supplied `fields` over the record. Keys in `replace` (the template's `extras`,
    which the record does not hold) are taken as given (dicts merged one level); any other
    key only FILLS what the record leaves empty — a request never overrides the record (the
    party, the facts, the amounts)."""
    out = dict(base)
    for key, value in extra.items():
        current = out.get(key)
        if replace is None or key in replace:
            out[key] = {**current, **value} if isinstance(value, dict) and isinstance(
                current, dict) else value
        elif isinstance(value, dict) and isinstance(current, dict):
            out[key] = {**current, **{k: v for k, v in value.items()
                                      if _empty(current.get(k))}}
        elif _empty(current):
            out[key] = value
    return out


def missing(spec: Spec, context: dict[str, Any]) -> list[dict[str, str]]:
    """Each required element (the law's list) that is absent or empty in the context."""
    out = []
    for req in spec.required:
        value: Any = context
        for part in req.path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if _empty(value):
            out.append({"field": req.path, "label": req.label, "article": req.article})
    return out
