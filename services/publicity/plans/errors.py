"""Problems of the public 年度行政执法监督计划."""

from kit import errors as kit_errors


class PublicPlanNotFound(kit_errors.NotFound):
    title = "年度监督计划不存在"
