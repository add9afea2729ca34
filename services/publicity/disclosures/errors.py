"""Problems of the disclosures (and of their public filters)."""

from kit import errors


class DisclosureNotFound(errors.NotFound):
    title = "公示记录不存在"


class InvalidDateRange(errors.BadRequest):
    title = "日期范围无效"


class DisclosureNotPending(errors.Conflict):
    title = "该公示记录不在待发布状态"


class RegionOutOfScope(errors.Forbidden):
    title = "无权设置该区划的公示规则"
