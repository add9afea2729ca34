"""Who may approve (负责人审批): every approval a case records — 立案/不予立案, extending the
decision period, 暂缓/分期缴纳, 查封扣押 and its extension, 先行登记保存, 回避 decisions, 移送 —
names an `approver_id` that must be an officer of the case's agency whose personnel
`position` makes them a head (负责人:
`head` 正职 or `deputy_head` 副职) and who is active; the 移送 decision needs the 正职负责人
(`head`). Refused otherwise with `ApproverNotHead` naming the article that names the head.

How to check "head" elsewhere: GET /api/v1/personnel/officers/{approver_id} → `is_head` true
and `agency_id` = the acting agency (`position == "head"` where the 正职 is required)."""

from __future__ import annotations

import uuid

from kit.http import UpstreamProblem
from services.cases.clients import OfficerPosition, Upstream
from services.cases.errors import ApproverNotHead

RULES = {
    "file": "行政处罚法第五十四条第二款（立案须经行政机关负责人批准）",
    "decline": "行政处罚法第五十四条第二款（不予立案须经行政机关负责人批准）",
    "extend": "行政处罚法第六十条；市场监督管理行政处罚程序规定第六十四条（负责人批准延长）",
    "arrangement": "行政处罚法第六十六条第二款（经行政机关批准暂缓或者分期缴纳）",
    "coercion": "行政强制法第十八条第一项（实施前须向行政机关负责人报告并经批准）",
    "coercion_extension": "行政强制法第二十五条第一款（经行政机关负责人批准可以延长）",
    "assessment": "行政处罚法第五十七条第二款（情节复杂或者重大违法行为由行政机关负责人认定）",
    "collective": "行政处罚法第五十七条第二款（行政机关负责人集体讨论）",
    "preservation": "行政处罚法第五十六条（经行政机关负责人批准，可以先行登记保存）",
    "recusal": "行政处罚法第四十三条第三款（当事人提出回避申请的，行政机关应当依法审查，"
               "由行政机关负责人决定）",
    "self_enforcement": "行政强制法第三十七条（强制执行决定由行政机关作出，经本机关负责人批准）",
    "officer_replacement": ("行政处罚法第四十三条、第四十二条（执法人员回避后，由行政机关负责人"
                            "指派具有执法资格的执法人员）"),
    "transfer": "行政执法机关移送涉嫌犯罪案件的规定第五条（正职负责人或者主持工作的负责人审批）",
    "inspection": ("国办发〔2024〕54号及司法部《意见》问题解答（行政检查实施前须经行政执法主体"
                   "负责人批准，紧急情况事后补办）"),
    "licence_extension": "行政许可法第四十二条第一款（经本行政机关负责人批准，可以延长十日）",
    "licence_joint_extension": ("行政许可法第四十二条第二款（联合办理的，经本级人民政府负责人"
                                "批准，可以延长十五日）"),
}


async def require_head(up: Upstream, agency_id: uuid.UUID | str,
                       approver_id: str | None,
                       action: str, *, principal_only: bool = False) -> OfficerPosition:
    """The approver's personnel record, or `ApproverNotHead` (409) with the rule of `action`."""
    rule = RULES[action]

    def refuse(reason: str) -> ApproverNotHead:
        return ApproverNotHead(f"审批人{approver_id or '（未填写）'}{reason}", rule=rule,
                               approver_id=approver_id)

    try:
        uuid.UUID(str(approver_id))
    except ValueError as exc:
        raise refuse("须为本机关负责人在人事系统中的人员编号") from exc
    try:
        resp = await up.clients["personnel"].call(
            "GET", f"/api/v1/personnel/officers/{approver_id}", headers=up.headers)
    except UpstreamProblem as exc:
        if getattr(exc, "status", None) in (403, 404):
            raise refuse("不是本机关人员") from exc
        raise
    officer = OfficerPosition.model_validate(resp.json())
    if officer.agency_id != str(agency_id):
        raise refuse("不是本机关人员")
    if not officer.is_head or (principal_only and officer.position != "head"):
        raise refuse("不是本机关正职负责人" if principal_only else "不是本机关负责人")
    return officer
