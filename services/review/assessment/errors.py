"""Problems of 评议考核."""

from kit import errors


class AssessmentNotFound(errors.NotFound):
    title = "评议考核不存在"


class AssessmentOutOfRegion(errors.Forbidden):
    title = "只能对本辖区开展评议考核"


class AssessmentExists(errors.Conflict):
    title = "该辖区该年度已有评议考核"
    article = "每一辖区每一年度一次评议考核；定稿前可重新计算"


class AssessmentFinalised(errors.Conflict):
    title = "评议考核已定稿，不得重新计算"
    article = "评议考核定稿后冻结，排名与所依据的数据不再改变"


class IndicatorsInvalid(errors.UnprocessableEntity):
    title = "考核指标设置不正确"
