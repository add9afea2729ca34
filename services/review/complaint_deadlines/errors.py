"""Problems of the complaint deadlines (投诉举报办理时限)."""

from kit import errors


class ComplaintExtensionRefused(errors.Conflict):
    """办结期限 30 日, 经负责人批准可延长一次，延长不超过 20 日 (local complaint rules)."""

    title = "不能延长办理期限"
    article = "投诉举报应在30日内办结；情况复杂的，经负责人批准可延长一次，延长期限不超过20日"
