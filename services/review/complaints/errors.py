"""Problems of 投诉举报."""

from kit import errors


class ComplaintNotFound(errors.NotFound):
    title = "投诉举报不存在"


class ComplaintStateConflict(errors.Conflict):
    title = "投诉举报当前状态不允许此操作"


class ComplaintNotAViolationReport(errors.Conflict):
    title = "只有违法行为举报可以转为案件线索"


class ComplaintRateLimited(errors.TooManyRequests):
    title = "提交过于频繁，请稍后再试"


class ComplaintNeedsAgency(errors.UnprocessableEntity):
    title = "须指明被举报事项的执法单位"
