"""The on-site procedure (行政强制法第十八条第三项至第九项) and the scope limits (第二十三条)
that every 查封/扣押 records, issue 16 point 13. Each missing step is refused naming its item.
An emergency measure (第十九条) skips only the prior approval (第一项), not these steps."""

from __future__ import annotations

from typing import Any

L2 = "行政强制法"


def on_site_refusal(on_site: Any) -> tuple[str, str] | None:
    """(detail, rule) of the first missing step, or None when the checklist is complete."""
    steps = (
        (on_site.credentials_shown, "未出示执法身份证件", "第十八条第三项"),
        (on_site.party_notified, "未通知当事人到场", "第十八条第四项"),
        (on_site.reasons_and_remedies_told, "未当场告知采取强制措施的理由、依据和当事人的权利、"
         "救济途径", "第十八条第五项"),
        (on_site.party_heard or not on_site.party_present, "未听取当事人的陈述和申辩",
         "第十八条第六项"),
        (on_site.record_made, "未制作现场笔录", "第十八条第七项"),
        (not on_site.party_present or on_site.party_signed or on_site.refusal_noted,
         "现场笔录须由当事人签名或者盖章，当事人拒绝的须在笔录中注明", "第十八条第八项"),
        (on_site.party_present or bool(on_site.witness_name),
         "当事人不到场的，应当邀请见证人到场，由见证人和行政执法人员在现场笔录上签名或者盖章",
         "第十八条第九项"),
    )
    for ok, detail, item in steps:
        if not ok:
            return detail, L2 + item
    return None


def scope_refusal(scope: Any) -> tuple[str, str] | None:
    if not scope.linked_to_case:
        return "查封、扣押限于涉案的场所、设施或者财物", L2 + "第二十三条第一款"
    if not scope.no_living_necessities:
        return "不得查封、扣押公民个人及其所扶养家属的生活必需品", L2 + "第二十三条第一款"
    if not scope.not_sealed_by_other_organ:
        return "当事人的场所、设施或者财物已被其他国家机关依法查封的，不得重复查封", \
            L2 + "第二十三条第二款"
    return None
