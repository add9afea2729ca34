"""Problems of 联席会议."""

from kit import errors


class MeetingNotFound(errors.NotFound):
    title = "联席会议不存在"


class DecisionNotFound(errors.NotFound):
    title = "会议议定事项不存在"


class MeetingOutOfRegion(errors.Forbidden):
    title = "只能召集本辖区的联席会议"


class UnknownAgency(errors.UnprocessableEntity):
    title = "执法机关不存在"


class DecisionClosed(errors.Conflict):
    title = "议定事项已办结"
    article = "联席会议议定事项办结后不再登记跟进情况"


class FollowUpNotAllowed(errors.Forbidden):
    title = "只有责任单位或本辖区监督机构可以登记跟进情况"
