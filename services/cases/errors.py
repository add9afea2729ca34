"""Cases problem types. Every refusal of a case action is a 409 naming the rule and the article
in the `rule` extension, e.g. `raise StatementWindowOpen("…", rule="行政处罚法第六十二条")`;
the class docstrings name the default article."""

from kit import errors


class CaseNotFound(errors.NotFound):
    title = "案件不存在"


class MatterNotFound(errors.NotFound):
    title = "执法事项不存在"


class ActionNotAllowed(errors.Conflict):
    """The action is not allowed in the case's current state (extensions: `rule`, `status`,
    `allowed_actions`)."""

    title = "当前案件状态不允许此操作"


class OfficersNotQualified(errors.Conflict):
    """Fewer than two officers qualified on that date for the domain (行政处罚法第四十二条;
    行政强制法第十八条 for coercive measures), or a named officer unqualified. Extensions: `rule`,
    `officers: [{officer_id, name, qualified, reasons}]`."""

    title = "执法人员不具备执法资格或不足两人"


class CaseArchived(errors.Conflict):
    """An archived (归档) case file is read-only."""

    title = "案件已归档，不得变更"


class LimitationExpired(errors.Conflict):
    """追诉时效已过 (行政处罚法第三十六条): 2 years, 5 for life/health or financial safety."""

    title = "违法行为已超过追诉时效"


class MatterNotHeld(errors.Conflict):
    """The agency does not hold this matter (no valid catalogue entry on that date;
    行政处罚法第二十四条 for empowered matters)."""

    title = "本机关无此执法事项的职权"


class StatementWindowOpen(errors.Conflict):
    """陈述申辩/听证申请期限未届满且当事人未明确放弃 (行政处罚法第六十二条)."""

    title = "陈述申辩或听证申请期限未届满"


class NoticeRequired(errors.Conflict):
    """No decision without 事先告知 (行政处罚法第四十四条、第六十二条)."""

    title = "未履行事先告知程序"


class LegalReviewNotApproved(errors.Conflict):
    """法制审核未通过或未完成，不得作出决定 (行政处罚法第五十八条)."""

    title = "法制审核未通过"


class PenaltyIncreased(errors.Conflict):
    """不得因当事人陈述、申辩而给予更重的处罚 (行政处罚法第四十五条)."""

    title = "决定的处罚重于告知的处罚"


class HearingNotAllowed(errors.Conflict):
    """Hearing procedure refusals (行政处罚法第六十三条、第六十四条)."""

    title = "听证程序不符合规定"


class FineOutsideTier(errors.UnprocessableEntity):
    """A fine outside the applied 裁量基准 tier needs a written reason (行政处罚法第三十四条)."""

    title = "罚款超出裁量基准且未说明理由"


class InvalidPartyIdentifier(errors.UnprocessableEntity):
    title = "当事人身份证号或统一社会信用代码无效"


class EvidenceRejected(errors.UnprocessableEntity):
    title = "证据文件类型或大小不符合要求"


class EvidenceTooLarge(errors.PayloadTooLarge):
    title = "证据文件超过大小限制"


class DecisionNotFound(errors.Conflict):
    title = "案件尚无处罚决定"


class NumberingPatternInvalid(errors.UnprocessableEntity):
    """A numbering pattern with anything but `{prefix}`, `{year}`, `{seq}` / `{seq:0Nd}`
    (N ≤ 8) — see `services.cases.numbering.validate_pattern`."""

    title = "编号格式无效"


class ApproverNotHead(errors.Conflict):
    """The named approver is not an active head (负责人) of the acting agency (行政处罚法第五十四条
    第二款 for 立案; 行政强制法第十八条第一项 for 查封扣押; the rule extension names the article of
    the approval at hand). Extensions: `rule`, `approver_id`."""

    title = "审批人不是本机关负责人"


class CaseNotClosable(errors.Conflict):
    """结案 refused: the decision was not served (行政处罚法第六十一条), or a case concluded as
    涉嫌犯罪 was not transferred (第二十七条、第八十二条). Extensions: `rule`, `status`,
    `allowed_actions`."""

    title = "案件尚不能结案"


class ServiceRefused(errors.Conflict):
    """送达 not allowed as recorded: later than 7 working days after the decision (行政处罚法
    第六十一条第一款), 留置 without reason and witness or video (民事诉讼法第八十九条), 电子 without
    the arrival time (第九十条), 公告 without its reason (第九十五条). Extensions: `rule`."""

    title = "送达不符合法定要求"


class AgeOrCapacityRule(errors.Conflict):
    """The proposed outcome ignores age or capacity (行政处罚法第三十条: under 14 not punished,
    14–17 从轻或减轻; 第三十一条 capacity; 第三十二条 mandatory mitigation). Extensions: `rule`,
    `age` where known."""

    title = "当事人年龄或责任能力不允许该处理结论"


class SoftEnforcementRule(errors.UnprocessableEntity):
    """A 不予处罚 without its ground of 行政处罚法第三十三条, or a 首违不罚 that does not hold
    (matter not on the list, not the first violation). Extension: `rule`."""

    title = "不予处罚的情形不成立"


class CollectiveDiscussionInvalid(errors.Conflict):
    """The 负责人集体讨论 record falls short (行政处罚法第五十七条第二款): fewer heads than the
    quorum, a participant without an opinion, or held after the decision. Extensions: `rule`,
    `quorum`."""

    title = "集体讨论记录不符合要求"


class SocialEvaluationUnanswered(errors.Conflict):
    """社会评议 required for this class of proposed decision (the region's setting in review)
    and not yet concluded and answered (adopted / not adopted with reasons): the decision waits
    (issue 15 point 4; local practice, seed 001, UNVERIFIED)."""

    title = "社会评议尚未完成或未作答复"
    article = ("拟作出的行政执法决定属于本辖区确定的社会评议范围的，应经社会评议并对评议意见"
               "作出答复后方可作出决定（地方实践）")
