"""Problems of the summary procedure (简易程序)."""

from kit import errors


class SummaryProcedureNotAllowed(errors.UnprocessableEntity):
    """违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款
    或者警告的行政处罚的，可以当场作出 (行政处罚法第五十一条); anything else needs the
    ordinary procedure."""

    title = "不符合简易程序（当场处罚）的适用条件"


class SummaryDecisionNotFound(errors.NotFound):
    title = "当场处罚决定不存在"


class DocumentNumberTaken(errors.Conflict):
    title = "当场处罚决定书编号已使用"


class OnSpotCollectionNotAllowed(errors.UnprocessableEntity):
    """当场收缴 without a statutory ground (行政处罚法第六十八条、第六十九条), without the
    财政统一票据 (第七十条) or, on water, without the landing date (第七十一条). Extension:
    `rule`."""

    title = "不符合当场收缴罚款的条件"


class CollectionNotFound(errors.NotFound):
    title = "当场收缴的罚款不存在"


class CollectionStepRefused(errors.Conflict):
    """The hand-in or the bank deposit of an on-spot fine out of order (行政处罚法第七十一条:
    officer → agency → bank). Extension: `rule`."""

    title = "当场收缴罚款的交纳登记不符合要求"


from services.cases.errors import NumberingPatternInvalid  # noqa: E402,F401  (moved)
