"""Problems of the agency's own enforcement path (行政强制法第四十六条). `rule` names the
article."""

from kit import errors


class SelfEnforcementNotFound(errors.NotFound):
    title = "尚未催告，无自行强制执行记录"


class SelfEnforcementRefused(errors.Conflict):
    """The 催告, the 强制执行决定 or its execution is not allowed. Extensions: `rule` and the
    dates or amounts at hand."""

    title = "不符合行政机关自行强制执行的条件"
