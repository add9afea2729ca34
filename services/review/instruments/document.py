"""监督文书 as .docx, built the way the cases' 执法文书 are: a layout of blocks made into a
docxtpl template by `common.docbuild.build_one` (CJK fonts on the styles, A4, GB/T 9704 margins),
rendered with `autoescape=True` (an `&` or `<` in the facts would corrupt the file otherwise),
zip timestamps fixed so a re-render of the frozen context gives the same bytes (and SHA-256).

The content follows the local precedents the instruments already encode (DOMAIN-WAVE2 §5, the
质监 rule: the unit, facts and reasons, decision and basis, manner and deadline of correction,
the written report and the 10-day 复查); the number is `{prefix}{abbr}〔{year}〕{seq}号`, one
sequence per district, kind and year."""

from __future__ import annotations

import functools
import hashlib
import io
import json
from datetime import date
from typing import Any

from docxtpl import DocxTemplate

from common.docbuild import build_one, normalise_zip

TEMPLATE_VERSION = "1"
ABBR = {"notice": "监通", "opinion": "监意", "decision": "监决", "suggestion": "监建"}
LEAD_IN = {"notice": "现通知你单位按照下列要求予以纠正：",
           "opinion": "现提出如下监督意见，请你单位认真研究办理：",
           "decision": "现作出如下监督决定，请你单位执行：",
           "suggestion": "现提出如下监督建议，请你单位研究采纳："}
BLOCKS: list[tuple[Any, ...]] = [
    ("center", "{{ issuer }}"),
    ("title", "{{ title }}"),
    ("center", "{{ number }}"),
    ("flat", "{{ agency.name }}："),
    ("p", "经监督，发现你单位存在以下问题："),
    ("p", "{{ facts }}"),
    ("p", "依据：{{ legal_basis }}"),
    ("p", "{{ lead_in }}"),
    ("p", "{{ required_action }}"),
    ("p", "请于{{ reply_due_on }}前将整改情况和整改报告书面回复本机关（逾期未回复或者整改不到位"
          "的，依次约谈、通报、督办）。对本文书有异议的，可以自收到之日起{{ objection_days }}日内"
          "向本机关申请复查；复查期间不停止本文书的执行。"),
    ("right", "{{ issuer }}（印章）"),
    ("right", "{{ issued_on }}"),
]


@functools.cache
def template() -> bytes:
    return build_one(BLOCKS)


def template_sha256() -> str:
    return hashlib.sha256(template()).hexdigest()


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def number(prefix: str, kind: str, year: int, seq: int) -> str:
    return f"{prefix}{ABBR[kind]}〔{year}〕{seq}号"


def context(ins: Any, title: str, agency_name: str, issuer: str, number_text: str,
            objection_days: int) -> dict[str, Any]:
    """What the document says, frozen with it (JSON-safe)."""
    return {"title": title, "number": number_text, "issuer": issuer,
            "agency": {"id": str(ins.agency_id), "name": agency_name},
            "facts": ins.facts, "legal_basis": ins.legal_basis, "lead_in": LEAD_IN[ins.kind],
            "required_action": ins.required_action,
            "reply_due_on": chinese_date(ins.reply_due_on),
            "objection_days": objection_days, "issued_on": chinese_date(ins.issued_on),
            "template_version": TEMPLATE_VERSION}


def canonical(ctx: dict[str, Any]) -> bytes:
    return json.dumps(ctx, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def render(ctx: dict[str, Any]) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template()))
    tpl.render(ctx, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return normalise_zip(out.getvalue())
