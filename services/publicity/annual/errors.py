"""Problems of the public 统计年报."""

from kit import errors as kit_errors


class AnnualStatisticsNotFound(kit_errors.NotFound):
    title = "统计年报不存在"
