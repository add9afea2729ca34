"""Problems of the annual reports."""

from kit import errors


class ReportNotFound(errors.NotFound):
    title = "年度报告不存在"


class ReportFinalised(errors.Conflict):
    """A finalised report is a frozen record (统计年报制度: errors and late publication are
    liability grounds): it is never edited; POST again makes version n+1."""

    title = "年度报告已定稿，不得修改"
    article = "统计年报定稿后不得修改（如需更正，重新生成新版本替代）"


class ReportScopeInvalid(errors.UnprocessableEntity):
    title = "请指定执法机关或辖区之一"


class ReportOutOfScope(errors.Forbidden):
    title = "只能为本单位或本辖区生成年度报告"


class FigureNotFound(errors.NotFound):
    title = "该报告没有这项数据"


class ChartNotFound(errors.NotFound):
    title = "没有这张图表"


class StatisticsUnavailable(errors.BadGateway):
    title = "统计数据暂不可用"
