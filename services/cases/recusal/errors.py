"""Problems of 回避 (行政处罚法第四十三条). `rule` names the article."""

from kit import errors


class RecusalNotFound(errors.NotFound):
    title = "回避申请不存在"


class RecusalNotAllowed(errors.Conflict):
    """The declaration, application or decision is not possible now (`rule`)."""

    title = "回避申请或决定不符合要求"


class OfficerRecused(errors.Conflict):
    """A recused officer (回避决定已作出) may take no further step on the case, host its
    hearing or take part in it (行政处罚法第四十三条, 第六十四条第四项). Extensions: `rule`,
    `officer_ids`."""

    title = "已回避的执法人员不得参与本案"


class OfficerAssignmentRefused(errors.Conflict):
    """The officer cannot be added to the case (already on it, or the case is closed).
    Extension: `rule`."""

    title = "不能增派该执法人员"
