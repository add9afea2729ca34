"""Problems of 移送 (移送管辖 / 行刑衔接)."""

from kit import errors


class TransferNotFound(errors.NotFound):
    title = "移送记录不存在"


class TransferNotAllowed(errors.Conflict):
    """The transfer step is not allowed now (extensions: `rule`, `status`)."""

    title = "当前不能进行该移送操作"
