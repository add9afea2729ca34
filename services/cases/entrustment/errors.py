"""Problems of the entrustment (委托) sub-resource."""

from kit import errors


class AgreementNotFound(errors.NotFound):
    title = "委托协议不存在"


class AgreementInvalid(errors.UnprocessableEntity):
    title = "委托协议内容不符合法定要求"


class AgreementNotActive(errors.Conflict):
    title = "委托协议已终止"


class EntrustmentAgreementRequired(errors.Conflict):
    """No agreement covers the matter for the agency on the date (行政处罚法第二十条)."""

    title = "受委托事项缺少有效的委托协议"
