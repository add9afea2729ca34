"""Problems of 先行登记保存 (行政处罚法第五十六条). Each names its article in `rule`."""

from kit import errors


class PreservationNotFound(errors.NotFound):
    title = "先行登记保存不存在"


class PreservationNotAllowed(errors.Conflict):
    """The preservation may not be made or changed now (extensions: `rule`)."""

    title = "不得先行登记保存或变更"
