"""Problems of 查封/扣押 (行政强制法). Each names its article in the `rule` extension."""

from kit import errors


class MeasureNotFound(errors.NotFound):
    title = "行政强制措施不存在"


class CoercionNotAllowed(errors.Conflict):
    """The measure may not be taken or changed now (extensions: `rule`, `status`)."""

    title = "不得实施或变更该行政强制措施"


class CoercionApprovalRequired(errors.UnprocessableEntity):
    """实施前须向行政机关负责人报告并经批准 (行政强制法第十八条第一项), or the emergency
    route of 第十九条."""

    title = "查封、扣押须经行政机关负责人批准"


class CoercionApprovalLate(errors.Conflict):
    """情况紧急当场实施的，应当在二十四小时内向负责人报告并补办批准手续 (行政强制法第十九条)."""

    title = "紧急实施的强制措施未在二十四小时内补办批准"


class CoercionExtensionRefused(errors.Conflict):
    """查封、扣押的期限不得超过三十日；情况复杂的，经负责人批准可以延长，但延长期限不得超过
    三十日 (行政强制法第二十五条): one extension, at most 30 days, before the period ends."""

    title = "查封、扣押期限不得再延长"


class CoercionPeriodInvalid(errors.UnprocessableEntity):
    title = "检测、检验、检疫或技术鉴定期间不符合要求"


class CoercionProcedureIncomplete(errors.UnprocessableEntity):
    """A step of the on-site procedure (行政强制法第十八条第三项至第九项) is missing, or the
    property is outside what may be sealed or seized (第二十三条). Extension: `rule`."""

    title = "查封、扣押不符合法定程序或范围"
