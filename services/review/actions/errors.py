"""Problems of 监督行动."""

from kit import errors


class ActionNotFound(errors.NotFound):
    title = "监督行动不存在"


class ActionOutOfRegion(errors.Forbidden):
    title = "只能在本辖区组织监督行动"


class ParticipantNotActive(errors.Conflict):
    title = "特邀监督员不在聘期内"
