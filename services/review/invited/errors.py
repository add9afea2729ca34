"""Problems of 特邀行政执法监督员."""

from kit import errors


class CohortNotFound(errors.NotFound):
    title = "特邀监督员届次不存在"


class MemberNotFound(errors.NotFound):
    title = "特邀监督员不存在"


class MemberNotEligible(errors.UnprocessableEntity):
    """选聘条件 (local rules): ≥18 岁, 大专以上学历, 无违法犯罪和违纪记录,
    非失信被执行人 — each attested."""

    title = "不符合特邀行政执法监督员选聘条件"
    article = ("特邀行政执法监督员选聘条件：年满18周岁、大专以上学历、"
               "无违法犯罪及违纪记录、非失信被执行人")


class CohortOutOfRegion(errors.Forbidden):
    title = "只能管理本辖区的特邀监督员"


class AppraisalExists(errors.Conflict):
    title = "该年度已考评"
