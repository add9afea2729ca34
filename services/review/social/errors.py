"""Problems of 社会评议 (seed 001's practice; no procedural text found, UNVERIFIED,
DOMAIN-WAVE2 §5: an optional step between 法制审核 and 决定 that does not bind the decision)."""

from kit import errors


class EvaluationNotFound(errors.NotFound):
    title = "社会评议不存在"


class EvaluationExists(errors.Conflict):
    title = "该案件已有社会评议"


class CaseNotEvaluable(errors.Conflict):
    title = "该案件当前不能提交社会评议"
    article = "社会评议在法制审核之后、作出决定之前进行（地方实践）"


class PanelUnavailable(errors.Conflict):
    title = "评议员库不足以抽取评议小组"
    article = "评议小组从本辖区在聘的特邀行政执法监督员中随机抽取（地方实践）"


class NotOnPanel(errors.Conflict):
    title = "该监督员不在本案评议小组中"
    article = "只有抽中的评议小组成员可以提出评议意见"


class OpinionWindowClosed(errors.Conflict):
    title = "评议意见期限已届满或评议已结束"
    article = "评议小组成员应在评议期限内提出意见（地方规定）"


class EvaluationStateConflict(errors.Conflict):
    title = "社会评议当前状态不允许此操作"
