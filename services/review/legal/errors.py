"""Problems of 法制审核."""

from kit import errors


class LegalReviewNotFound(errors.NotFound):
    title = "法制审核不存在"


class ReviewerNotFound(errors.UnprocessableEntity):
    title = "审核人员不存在或已停用"


class ReviewerExists(errors.Conflict):
    title = "该用户已有审核人员档案"


class ReviewerRecused(errors.UnprocessableEntity):
    title = "审核人员应当回避"


class ReviewerNotQualified(errors.UnprocessableEntity):
    title = "初次从事法制审核的人员应当取得法律职业资格"


class ReviewerOutOfScope(errors.UnprocessableEntity):
    title = "审核人员不属于该案件的单位或辖区"


class ReviewAlreadyCompleted(errors.Conflict):
    title = "法制审核已完成"


class ReviewNotAssigned(errors.Forbidden):
    title = "该法制审核未分配给当前审核人员"


class ChecklistInconsistent(errors.UnprocessableEntity):
    title = "审核要点与审核结论不一致"


class CatalogueScopeDenied(errors.Forbidden):
    title = "无权维护该单位或辖区的重大执法决定目录"
