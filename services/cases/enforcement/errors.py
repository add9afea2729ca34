"""Problems of the court enforcement path (行政强制法第五十三条–第五十四条). `rule` names the
article."""

from kit import errors


class CourtEnforcementNotFound(errors.NotFound):
    title = "尚未催告，无强制执行申请记录"


class CourtEnforcementRefused(errors.Conflict):
    """The 催告 or the application to the court is premature, late or unneeded. Extensions:
    `rule` and the dates at hand."""

    title = "不符合申请人民法院强制执行的条件"
